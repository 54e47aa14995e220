import type { Component } from '../schemas/component.ts';
import type { IncidentEntry } from '../schemas/incident.ts';
import type { MaintenanceEntry } from '../schemas/maintenance.ts';
import type { PostmortemEntry } from '../schemas/postmortem.ts';
import type { Site } from '../schemas/site.ts';
import type { BuildClock } from '../time/clock.ts';
import type { Locale } from '../i18n/locale.ts';
import { sitePaths, type SitePaths } from './site-paths.ts';
import type { ContentEdits } from './edit-history.ts';

/** Everything the site is built from, validated: the input of every pure function of the site. */
export interface SiteContent {
  site: Site;
  /** The language these pages are written in (the site's `locale`, or one of its other `locales`). */
  locale: Locale;
  /** Every interface language of the site, its `locale` first. */
  locales: Locale[];
  /** True when site.yaml keeps the default severity scale, whose names come from the catalogue. */
  catalogueSeverities?: boolean;
  components: Component[];
  /** Newest first (by `started`); drafts proposed from alerts are left out. */
  incidents: IncidentEntry[];
  /** By scheduled start, newest first. */
  maintenance: MaintenanceEntry[];
  /** Published postmortems only (drafts are never built), newest first. */
  postmortems: PostmortemEntry[];
  clock: BuildClock;
  /** The base path the site is served under: '/' or, for example, '/status/'. */
  base: string;
  /**
   * What changed on each incident and postmortem page after it was published, read from git while the
   * build goes on (src/integration/git-history.ts); undefined where there is no history to read.
   */
  edits?: Promise<ContentEdits | undefined>;
}

/** Puts loaded entries in the order the site shows them; ties break on id so output is stable. */
export function orderContent(content: SiteContent): SiteContent {
  const tie = (a: { id: string }, b: { id: string }) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  return {
    ...content,
    // A draft proposed from an alert is shown nowhere until a person publishes it (docs/alerts.md).
    incidents: content.incidents
      .filter((incident) => !incident.draft)
      .sort((a, b) => b.started - a.started || tie(a, b))
      .map((entry) => withUnpublishedTexts(entry, content.locale)),
    maintenance: [...content.maintenance].sort((a, b) => b.scheduled_start - a.scheduled_start || tie(a, b)),
    postmortems: content.postmortems
      .filter((pm) => !pm.draft)
      .sort((a, b) => (b.published ?? 0) - (a.published ?? 0) || tie(a, b)),
  };
}

/** The default severity scale with its names and descriptions in a language (`severity.P1` …). */
export function severityNames(site: SiteContent['site'], locale: Locale): SiteContent['site'] {
  return {
    ...site,
    severities: site.severities.map((s) => ({
      ...s,
      label: locale.t(`severity.${s.id}.label`),
      description: locale.t(`severity.${s.id}.description`),
    })),
  };
}

/** The fields a translation sets (an absent or undefined one keeps the original). */
function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Severities written in site.yaml, with their labels in another language where they have them. */
function translatedSeverities(site: SiteContent['site'], tag: string): SiteContent['site'] {
  if (!site.severities.some((s) => s.translations?.[tag])) return site;
  return {
    ...site,
    severities: site.severities.map((s) =>
      s.translations?.[tag] ? { ...s, ...definedOnly(s.translations[tag]) } : s,
    ),
  };
}

type Translatable = {
  title: string;
  body: string;
  translations?: Record<string, { title?: string | undefined; body?: string | undefined }> | undefined;
  updates: { message: string; translations?: Record<string, { message: string }> | undefined }[];
};

/** An entry in another language: its translated title, body and messages where it has them. */
function translated<T extends Translatable>(entry: T, tag: string): T {
  const own = entry.translations?.[tag];
  if (!own && !entry.updates.some((u) => u.translations?.[tag])) return entry;
  return {
    ...entry,
    title: own?.title ?? entry.title,
    body: own?.body ?? entry.body,
    updates: entry.updates.map((u) =>
      u.translations?.[tag] ? { ...u, message: u.translations[tag].message } : u,
    ),
  };
}

/** An update whose text is not available says so, in the page's language, wherever it is shown. */
function withUnpublishedTexts(entry: IncidentEntry, locale: Locale): IncidentEntry {
  if (!entry.updates.some((u) => u.unpublished)) return entry;
  const words = `_${locale.t('incident_detail.text_not_available')}_`;
  return { ...entry, updates: entry.updates.map((u) => (u.unpublished ? { ...u, message: words } : u)) };
}

const localized = new WeakMap<SiteContent, Map<string, SiteContent>>();

/**
 * The site's content, written in another of its languages (`tag`); the content itself for its own
 * locale. Made once per language, so that what is computed per content is computed once per language.
 */
export function inLocale(content: SiteContent, tag: string | undefined): SiteContent {
  if (tag === undefined || tag === content.locale.tag) return content;
  let byTag = localized.get(content);
  if (!byTag) localized.set(content, (byTag = new Map<string, SiteContent>()));
  let copy = byTag.get(tag);
  if (!copy) {
    const locale = content.locales.find((l) => l.tag === tag);
    if (!locale) throw new Error(`"${tag}" is not one of the site's locales`);
    copy = {
      ...content,
      locale,
      site: content.catalogueSeverities
        ? severityNames(content.site, locale)
        : translatedSeverities(content.site, tag),
      components: content.components.map((component) => {
        const own = component.translations?.[tag];
        return own ? { ...component, ...definedOnly(own) } : component;
      }),
      incidents: content.incidents.map((entry) => withUnpublishedTexts(translated(entry, tag), locale)),
      maintenance: content.maintenance.map((entry) => translated(entry, tag)),
    };
    byTag.set(tag, copy);
  }
  return copy;
}

/** The tag under which a language's pages live: '' for the site's own locale, else `de`, `pt-BR`. */
export function localeDir(content: SiteContent): string {
  return content.locale.tag === content.locales[0]?.tag ? '' : content.locale.tag;
}

/** The URLs of the site's pages in the content's language. */
export function contentPaths(content: SiteContent): SitePaths {
  return sitePaths(content.base, localeDir(content));
}

export interface ContentIndex {
  components: Map<string, Component>;
  incidents: Map<string, IncidentEntry>;
  /** Published postmortems by the id of their incident. */
  postmortemsByIncident: Map<string, PostmortemEntry>;
}

const indexes = new WeakMap<SiteContent, ContentIndex>();

/** Lookups by id, built once per content, so that each page's lookup costs O(1), not O(archive). */
export function contentIndex(content: SiteContent): ContentIndex {
  let index = indexes.get(content);
  if (!index) {
    index = {
      components: new Map(content.components.map((c) => [c.id, c])),
      incidents: new Map(content.incidents.map((i) => [i.id, i])),
      postmortemsByIncident: new Map(content.postmortems.map((pm) => [pm.incident, pm])),
    };
    indexes.set(content, index);
  }
  return index;
}

/** A component's display name; the id itself for one that is not listed (never for valid content). */
export function componentName(content: SiteContent, id: string): string {
  return contentIndex(content).components.get(id)?.name ?? id;
}

/** site.yaml's notice when the build clock is inside its window (`from` ≤ now < `until`), else none. */
export function activeNotice(content: SiteContent): NonNullable<SiteContent['site']['notice']> | undefined {
  const { notice } = content.site;
  const now = content.clock.now;
  if (!notice) return undefined;
  if (notice.from !== undefined && now < notice.from) return undefined;
  if (notice.until !== undefined && now >= notice.until) return undefined;
  return notice;
}
