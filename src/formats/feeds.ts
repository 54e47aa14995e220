import type { Component } from '../schemas/component.ts';
import { contentIndex, contentPaths, type SiteContent } from '../domain/content.ts';
import type { Locale } from '../i18n/locale.ts';
import { renderMarkdown } from '../text/markdown.ts';
import { escapeHtml } from '../text/html.ts';
import { occurrenceAnchor, occurrencesOf, type MaintenanceOccurrence } from '../domain/occurrences.ts';
import { toPlainText } from '../text/plain-text.ts';
import { followUpSummary, postmortemTitle } from '../domain/postmortems.ts';
import { allReports } from '../domain/report.ts';
import { describeRecurrence } from '../i18n/recurrence-words.ts';

/** Items per feed: feeds stay the same size however long the history grows. */
export const FEED_LIMIT = 100;

export interface FeedItem {
  /** Stable and unique per update: `incident/<id>/update-<n>`; a new update makes a new item. */
  key: string;
  title: string;
  /** Site-absolute path with the base, such as /incidents/x/#update-2. */
  link: string;
  pubDate: number;
  /** Plain text. */
  description: string;
  /** HTML (sanitized). */
  content: string;
  /** Component ids the item concerns, for per-component feeds. */
  components: string[];
}

/** An update before its Markdown is rendered: sorting and filtering come first, rendering last. */
type PendingItem = Omit<FeedItem, 'description' | 'content'> & { message: string };

function render({ message, ...item }: PendingItem): FeedItem {
  return { ...item, description: toPlainText(message), content: renderMarkdown(message) };
}

const pendingByContent = new WeakMap<SiteContent, PendingItem[]>();

/** Every update as a pending item, newest first; made once per content and shared by every feed. */
function pendingItems(content: SiteContent): PendingItem[] {
  let items = pendingByContent.get(content);
  if (!items) {
    items = collectItems(content);
    pendingByContent.set(content, items);
  }
  return items;
}

function collectItems(content: SiteContent): PendingItem[] {
  const { locale } = content;
  const paths = contentPaths(content);
  const items: PendingItem[] = [];
  for (const incident of content.incidents) {
    const components = [...new Set(incident.components.map((c) => c.id))];
    incident.updates.forEach((update, index) => {
      items.push({
        key: `incident/${incident.id}/update-${index + 1}`,
        title: locale.t('feed.incident_item', {
          status: locale.t(`incident_status.${update.status}`),
          title: incident.title,
        }),
        link: paths.incidentUpdate(incident.id, index),
        pubDate: update.at,
        message: update.message,
        components,
      });
    });
  }
  for (const window of content.maintenance) {
    // A series announces itself once; each occurrence that took place starts and ends.
    for (const occurrence of occurrencesOf(window)) {
      if (occurrence.occurrence?.cancelled) continue;
      items.push(...maintenanceEvents(occurrence, content.clock.now, paths.maintenance(window.id), locale));
    }
    window.updates.forEach((update, index) => {
      items.push({
        key: `maintenance/${window.id}/update-${index + 1}`,
        title: locale.t('feed.maintenance_item', {
          status: locale.t(`maintenance_status.${update.status}`),
          title: window.title,
        }),
        link: `${paths.maintenance(window.id)}#update-${index + 1}`,
        pubDate: update.at,
        message: update.message,
        components: window.components,
      });
    });
  }
  return items.sort((a, b) => b.pubDate - a.pubDate || (a.key < b.key ? -1 : 1));
}

/** One item per incident update and per maintenance update, newest first. */
export function updateItems(content: SiteContent): FeedItem[] {
  return pendingItems(content).map(render);
}

/**
 * The newest `FEED_LIMIT` items, optionally only those about one component. Only those are
 * rendered, so a feed costs the same however long the history grows.
 */
export function historyFeed(content: SiteContent, componentId?: string): FeedItem[] {
  const items = pendingItems(content);
  return (componentId ? items.filter((i) => i.components.includes(componentId)) : items)
    .slice(0, FEED_LIMIT)
    .map(render);
}

/** One item per finished month, newest first (a provisional report would change under its readers). */
export function reportFeed(content: SiteContent): FeedItem[] {
  const paths = contentPaths(content);
  return allReports(content)
    .filter((r) => r.month.end <= content.clock.now)
    .reverse()
    .slice(0, FEED_LIMIT)
    .map((r) => ({
      key: `report/${r.month.key}`,
      title: r.title,
      link: paths.report(r.month.key),
      pubDate: r.month.end,
      description: r.opening,
      content: `<p>${escapeHtml(r.opening)}</p>`,
      components: [],
    }));
}

/** One item per published postmortem, newest first. */
export function postmortemFeed(content: SiteContent): FeedItem[] {
  const paths = contentPaths(content);
  const { locale } = content;
  const { incidents } = contentIndex(content);
  return content.postmortems.slice(0, FEED_LIMIT).map((pm) => {
    const incident = incidents.get(pm.incident);
    const lasted =
      incident?.mitigated !== undefined
        ? locale.t('feed.impact_lasted', { duration: locale.duration(incident.mitigated - incident.started) })
        : '';
    const summary = [
      toPlainText(pm.summary ?? ''),
      lasted,
      locale.t('feed.sentence', { text: followUpSummary(pm, locale) }),
    ]
      .filter(Boolean)
      .join(' ');
    return {
      key: `postmortem/${pm.incident}`,
      title: postmortemTitle(pm, incident, locale),
      link: paths.postmortem(pm.incident),
      pubDate: pm.published ?? incident?.started ?? content.clock.now,
      description: summary,
      content: `<p>${escapeHtml(summary)}</p>`,
      components: [...new Set(incident?.components.map((c) => c.id) ?? [])],
    };
  });
}

export interface FeedInfo {
  title: string;
  href: string;
  /** What it carries, for the subscribe page. */
  about: string;
}

/** The site-wide feeds: one place for their titles, used by the feeds themselves and every <head>. */
export function siteFeeds(content: SiteContent): {
  updates: FeedInfo;
  postmortems: FeedInfo;
  reports: FeedInfo;
} {
  const site = content.site.name;
  const { locale } = content;
  const paths = contentPaths(content);
  return {
    updates: {
      title: locale.t('feed.updates_title', { site }),
      href: paths.feed(),
      about: locale.t('feed.updates_about'),
    },
    postmortems: {
      title: locale.t('feed.postmortems_title', { site }),
      href: paths.postmortemFeed(),
      about: locale.t('feed.postmortems_about'),
    },
    reports: {
      title: locale.t('feed.reports_title', { site }),
      href: paths.reportsFeed(),
      about: locale.t('feed.reports_about'),
    },
  };
}

export function componentFeed(content: SiteContent, component: Component): FeedInfo {
  const paths = contentPaths(content);
  return {
    title: content.locale.t('feed.component_title', { site: content.site.name, component: component.name }),
    href: paths.componentFeed(component.id),
    about: content.locale.t('feed.component_about', { component: component.name }),
  };
}

/** Every feed of the site, for the subscribe page. */
export function feedList(content: SiteContent): FeedInfo[] {
  return [...Object.values(siteFeeds(content)), ...content.components.map((c) => componentFeed(content, c))];
}

/**
 * A maintenance window is news three times: when it is announced, when it starts and when it ends.
 * Its updates say so when there are any; for each moment they do not cover, an item is made from the
 * window itself, with a key of its own so that a reader sees it once.
 */
function maintenanceEvents(
  window: MaintenanceOccurrence,
  now: number,
  page: string,
  locale: Locale,
): PendingItem[] {
  const said = new Set(window.updates.map((u) => u.status));
  const when = locale.t('feed.window', {
    start: locale.dateTime(window.scheduled_start),
    end: locale.dateTime(window.scheduled_end),
  });
  const events: PendingItem[] = [];
  const event = (kind: string, status: string, at: number, message: string) =>
    events.push({
      key: `maintenance/${kind === 'scheduled' ? window.id : window.key}/${kind}`,
      title: locale.t('feed.maintenance_item', {
        status: locale.t(`maintenance_status.${status}`),
        title: window.title,
      }),
      link: `${page}#${window.occurrence && kind !== 'scheduled' ? occurrenceAnchor(window.occurrence) : kind}`,
      pubDate: at,
      message,
      components: window.components,
    });
  const first = !window.occurrence || window.occurrences?.[0] === window.occurrence;
  if (first && window.announced !== undefined && window.updates.length === 0)
    event(
      'scheduled',
      'scheduled',
      window.announced,
      window.recurrence
        ? locale.t('feed.scheduled_repeats', {
            when,
            rule: describeRecurrence(window.recurrence, window.scheduled_start, locale),
          })
        : locale.t('feed.scheduled', { when }),
    );
  if (window.cancelled) return events;
  if (window.scheduled_start <= now && !said.has('in_progress'))
    event('started', 'in_progress', window.scheduled_start, locale.t('feed.started', { when }));
  if (window.scheduled_end <= now && !said.has('completed'))
    event('ended', 'completed', window.scheduled_end, locale.t('feed.ended'));
  return events;
}
