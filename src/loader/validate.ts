import type { z } from 'astro/zod';
import { ClockError, resolveBuildClock, type ClockInput } from '../time/clock.ts';
import { orderContent, severityNames, type SiteContent } from '../domain/content.ts';
import { componentsSchema, type Component } from '../schemas/component.ts';
import { createIncidentSchema, type IncidentEntry } from '../schemas/incident.ts';
import { createMaintenanceSchema, type MaintenanceEntry } from '../schemas/maintenance.ts';
import { createPostmortemSchema, PLACEHOLDER, type PostmortemEntry } from '../schemas/postmortem.ts';
import { DEFAULT_SEVERITIES, siteSchema, type Site } from '../schemas/site.ts';
import { isoTime, type SchemaContext } from '../schemas/common.ts';
import { createTemplateSchema, type IncidentTemplateEntry } from '../schemas/incident-template.ts';
import { formatTime } from '../time/dates.ts';
import {
  fillTemplate,
  nextUpdateIn,
  openingIncident,
  placeholderProblems,
  templateValues,
} from '../domain/incident-templates.ts';
import { findBlameLanguage, type BlameFields } from '../domain/blame.ts';
import { describeIssue, mergeMisspellings } from './describe-issue.ts';
import { parseMarkdownFile, parseYaml, type ParsedYaml } from './front-matter.ts';
import { formatPath, sortProblems, type Problem } from './problem.ts';
import { loadCatalogues, localeOf } from './catalogues.ts';
import type { Locale } from '../i18n/locale.ts';
import { findControlCharacter } from '../text/control-characters.ts';
import type { ContentTree, SourceFile } from './read-tree.ts';

export interface ValidationResult {
  /** Present when there is no error (warnings allowed). */
  content?: SiteContent;
  /** The incident templates without errors, for the CLI (they are not part of the site). */
  templates?: IncidentTemplateEntry[];
  problems: Problem[];
}

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function baseName(file: string): string {
  return (file.split('/').pop() ?? file).replace(/\.md$/, '');
}

/** Runs a schema over parsed YAML and turns every issue into a problem with a line. */
function applySchema<S extends z.ZodType>(
  schema: S,
  yaml: ParsedYaml,
  file: string,
  problems: Problem[],
): z.output<S> | undefined {
  const result = schema.safeParse(yaml.data, { reportInput: true });
  if (result.success) return result.data;
  const described = mergeMisspellings(result.error.issues.flatMap((issue) => describeIssue(issue, schema)));
  for (const { path, message } of described) {
    problems.push({ file, line: yaml.lineOf(path), path: formatPath(path), message, severity: 'error' });
  }
  return undefined;
}

/** Parses a file's YAML; a syntax error or an empty file becomes a problem. */
/** The first string value, at any depth, that holds a control character. */
function findControlInValues(
  data: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; name: string } | undefined {
  if (typeof data === 'string') {
    const found = findControlCharacter(data);
    return found ? { path, name: found.name } : undefined;
  }
  if (Array.isArray(data)) {
    for (const [i, item] of data.entries()) {
      const found = findControlInValues(item, [...path, i]);
      if (found) return found;
    }
  } else if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      const found = findControlInValues(value, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

function parseSource(source: SourceFile, markdown: boolean, problems: Problem[]) {
  const refuse = (message: string, line?: number, path = '') => {
    problems.push({ file: source.file, line, path, message, severity: 'error' });
    return undefined;
  };
  if (source.unreadable !== undefined) return refuse(source.unreadable);
  const control = findControlCharacter(source.text);
  if (control) return refuse(control.message, control.line);
  const parsed = markdown
    ? parseMarkdownFile(source.text)
    : { ...parseYaml(source.text), body: '', empty: source.text.trim() === '' };
  for (const error of parsed.errors) {
    problems.push({
      file: source.file,
      line: error.line,
      path: '',
      message: error.message,
      severity: 'error',
    });
  }
  if (parsed.errors.length > 0) return undefined;
  // A YAML escape ("\b", "\x1b") puts a control character into a value without one in the file.
  const escaped = findControlInValues(parsed.data);
  if (escaped)
    return refuse(
      `holds an invisible control character (${escaped.name}) written as a YAML escape; remove it`,
      parsed.lineOf(escaped.path),
      formatPath(escaped.path),
    );
  if (parsed.empty) {
    problems.push({
      file: source.file,
      line: 1,
      path: '',
      message: markdown
        ? 'is empty; start it with front matter between "---" lines (see README, "Content")'
        : 'is empty',
      severity: 'error',
    });
    return undefined;
  }
  if (
    markdown &&
    (parsed.data === null || typeof parsed.data !== 'object' || Object.keys(parsed.data).length === 0)
  ) {
    problems.push({
      file: source.file,
      line: 1,
      path: '',
      message: 'has no front matter; start the file with "---", the fields, and "---"',
      severity: 'error',
    });
    return undefined;
  }
  return parsed;
}

/** The texts blame is looked for in, from front matter that may not be valid. */
function blameFields(data: unknown): BlameFields {
  const record = (value: unknown): Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : '')) : [];
  const items = (value: unknown) => (Array.isArray(value) ? value.map(record) : []);
  const pm = record(data);
  return {
    trigger: typeof pm.trigger === 'string' ? pm.trigger : undefined,
    root_causes: strings(pm.root_causes),
    five_whys: strings(pm.five_whys),
    contributing_factors: items(pm.contributing_factors).map((f) => ({
      description: typeof f.description === 'string' ? f.description : '',
    })),
    authors: strings(pm.authors),
    action_items: items(pm.action_items).map((i) => ({ owner: typeof i.owner === 'string' ? i.owner : '' })),
  };
}

/** Raw ids from a possibly invalid list, so that one mistake does not hide every reference check. */
function rawIds(data: unknown): string[] {
  return Array.isArray(data)
    ? data.flatMap((item: unknown) =>
        item && typeof item === 'object' && 'id' in item && typeof item.id === 'string' ? [item.id] : [],
      )
    : [];
}

interface Collected<T> {
  entries: T[];
  ids: Set<string>;
}

/** Parses one folder of Markdown entries: id from the file name, unique, then the schema. */
function collect<T extends { id: string }, S extends z.ZodType>(
  sources: SourceFile[],
  schema: S,
  problems: Problem[],
  build: (id: string, data: z.output<S>, body: string) => T,
  check?: (entry: T, yaml: ParsedYaml, file: string) => void,
  /** Runs on every file that parses, valid or not, so its problems show with the schema's. */
  checkAlways?: (data: unknown, body: string, source: SourceFile, yaml: ParsedYaml) => void,
): Collected<T> {
  const entries: T[] = [];
  const ids = new Set<string>();
  const firstFile = new Map<string, string>();
  for (const source of sources) {
    const id = baseName(source.file);
    if (!ID_PATTERN.test(id)) {
      problems.push({
        file: source.file,
        path: '',
        message: `file name "${id}" is not a valid id; rename it to lowercase letters, digits and dashes, such as 2026-11-20-api-errors.md`,
        severity: 'error',
      });
    }
    const earlier = firstFile.get(id);
    if (earlier) {
      problems.push({
        file: source.file,
        path: '',
        message: `id "${id}" is already used by ${earlier}; ids come from file names and must be unique`,
        severity: 'error',
      });
    }
    firstFile.set(id, source.file);
    ids.add(id);
    const parsed = parseSource(source, true, problems);
    if (!parsed) continue;
    checkAlways?.(parsed.data, parsed.body, source, parsed);
    const data = applySchema(schema, parsed, source.file, problems);
    if (data === undefined) continue;
    const entry = build(id, data, parsed.body);
    check?.(entry, parsed, source.file);
    entries.push(entry);
  }
  return { entries, ids };
}

/**
 * Checks a whole content tree against the schemas and the cross-file rules, collecting every
 * problem rather than stopping at the first. Pure apart from what `tree` already holds.
 */
export function validateContent(
  tree: ContentTree,
  clockInput: Omit<ClockInput, 'demoNow'>,
  base = '/',
): ValidationResult {
  const problems: Problem[] = [];
  const missing = (name: string, what: string) =>
    problems.push({
      file: `${tree.root}/${name}`,
      path: '',
      message: `is missing; create it with ${what} (see README, "Content")`,
      severity: 'error',
    });

  let site: Site | undefined;
  let siteYaml: ParsedYaml | undefined;
  let severityIds = new Set(DEFAULT_SEVERITIES.map((s) => s.id));
  if (!tree.site) missing('site.yaml', 'name, url and description');
  else {
    const parsed = parseSource(tree.site, false, problems);
    siteYaml = parsed;
    if (parsed) {
      site = applySchema(siteSchema, parsed, tree.site.file, problems);
      const rawSite = parsed.data as { severities?: unknown } | null;
      if (site) severityIds = new Set(site.severities.map((s) => s.id));
      else if (rawSite && typeof rawSite === 'object' && rawSite.severities !== undefined)
        severityIds = new Set(rawIds(rawSite.severities));
    }
  }

  let components: Component[] | undefined;
  let componentsYaml: ParsedYaml | undefined;
  let componentIds = new Set<string>();
  if (!tree.components) missing('components.yaml', 'a list of components (id, name)');
  else {
    const parsed = parseSource(tree.components, false, problems);
    componentsYaml = parsed;
    if (parsed) {
      components = applySchema(componentsSchema, parsed, tree.components.file, problems);
      componentIds = new Set(components ? components.map((c) => c.id) : rawIds(parsed.data));
    }
  }
  // Translations of components and severities into a language the site is not built in.
  if (site) {
    const others = (site.locales ?? []).filter((tag) => tag !== site.locale);
    const stray = (file: string, yaml: ParsedYaml, path: (string | number)[], tags: string[]) => {
      for (const tag of tags.filter((t) => !others.includes(t)))
        problems.push({
          file,
          line: yaml.lineOf([...path, tag]),
          path: formatPath([...path, tag]),
          message:
            others.length === 0
              ? `is not one of the site's languages; list it in site.yaml, such as locales: [${site.locale}, ${tag}], or remove this translation`
              : `is not one of the site's other languages (${others.join(', ')}); add it to locales in site.yaml, or fix the tag`,
          severity: 'error',
        });
    };
    if (siteYaml && tree.site)
      site.severities.forEach((s, index) =>
        stray(
          tree.site!.file,
          siteYaml,
          ['severities', index, 'translations'],
          Object.keys(s.translations ?? {}),
        ),
      );
    if (componentsYaml && tree.components)
      components?.forEach((c, index) =>
        stray(
          tree.components!.file,
          componentsYaml,
          [index, 'translations'],
          Object.keys(c.translations ?? {}),
        ),
      );
  }

  // A channel filtered on a component that does not exist would never hear of anything.
  const siteFile = tree.site?.file;
  const yaml = siteYaml;
  if (site && yaml && siteFile && components)
    site.notifications.forEach((channel, index) =>
      channel.components?.forEach((id, position) => {
        if (componentIds.has(id)) return;
        const path = ['notifications', index, 'components', position];
        problems.push({
          file: siteFile,
          line: yaml.lineOf(path),
          path: formatPath(path),
          message: `"${id}" is not a component in components.yaml; use one of ${[...componentIds].map((c) => `"${c}"`).join(', ')}`,
          severity: 'error',
        });
      }),
    );

  let clock;
  try {
    clock = resolveBuildClock({ ...clockInput, demoNow: site?.demo?.now });
  } catch (error) {
    if (!(error instanceof ClockError)) throw error;
    problems.push({ file: '(environment)', path: '', message: error.message, severity: 'error' });
    return { problems };
  }

  for (const stray of tree.strays) {
    problems.push({
      file: stray,
      path: '',
      message: /(^|\/)locales\/[^/]+$/.test(stray)
        ? 'is not a .yaml file and is ignored; name a catalogue after its locale, such as locales/de.yaml'
        : 'is not a .md file and is ignored; rename it to end in .md, or move it out of the content folder',
      severity: 'error',
    });
  }

  const locales = site && siteYaml ? siteLocales(site, siteYaml, tree, problems) : undefined;

  const context: SchemaContext = {
    now: clock.now,
    componentIds,
    severityIds,
    timeZone: site?.time_zone,
    translationLocales: site ? (site.locales ?? []).filter((tag) => tag !== site.locale) : undefined,
  };
  const incidents = collect(
    tree.incidents,
    createIncidentSchema(context),
    problems,
    (id, data, body): IncidentEntry => ({ ...data, id, body }),
  );
  const maintenance = collect(
    tree.maintenance,
    createMaintenanceSchema(context),
    problems,
    (id, data, body): MaintenanceEntry => ({ ...data, id, body }),
    (entry, yaml, file) => {
      if (entry.announced === undefined && entry.updates.length === 0)
        problems.push({
          file,
          line: yaml.lineOf(['scheduled_start']),
          path: 'announced',
          message: `is missing, and there is no update: subscribers hear of this window only when it starts; add announced: ${isoTime(clock.now)} (the time it was made public)`,
          severity: 'warning',
        });
    },
  );
  // A postmortem of an incident whose own file has errors must not also be told its incident is
  // missing: check against every incident id seen, valid or not.
  const postmortemContext: SchemaContext = { ...context, incidentIds: incidents.ids };
  const incidentsWithPostmortem = new Map<string, string>();
  const postmortems = collect(
    tree.postmortems,
    createPostmortemSchema(postmortemContext),
    problems,
    (id, data, body): PostmortemEntry => ({ ...data, id, body }),
    (entry, yaml, file) => {
      const other = incidentsWithPostmortem.get(entry.incident);
      if (other)
        problems.push({
          file,
          line: yaml.lineOf(['incident']),
          path: 'incident',
          message: `incident "${entry.incident}" already has a postmortem in ${other}; merge the two files`,
          severity: 'error',
        });
      incidentsWithPostmortem.set(entry.incident, file);
    },
    (data, body, source, yaml) => {
      // Blame language is a warning whether or not the file has errors, so it is seen with them.
      for (const warning of findBlameLanguage(blameFields(data))) {
        problems.push({
          file: source.file,
          line: yaml.lineOf(warning.path),
          path: formatPath(warning.path),
          message: warning.message,
          severity: 'warning',
        });
      }
      const draft = data !== null && typeof data === 'object' && (data as { draft?: unknown }).draft === true;
      const placeholder = draft ? null : PLACEHOLDER.exec(body);
      if (placeholder) {
        const at = source.text.indexOf(body) + placeholder.index;
        problems.push({
          file: source.file,
          line: source.text.slice(0, at).split('\n').length,
          path: '(body)',
          message: `still holds the placeholder "${placeholder[0]}"; write the real text, or keep draft: true until it is ready`,
          severity: 'error',
        });
      }
    },
  );

  // A template with a placeholder or result problem is checked but not handed to the CLI.
  const brokenTemplates = new Set<string>();
  const templates = collect(
    tree.templates,
    createTemplateSchema(context),
    problems,
    (id, data, body): IncidentTemplateEntry => ({ ...data, id, body }),
    (template, yaml, file) => {
      const text = tree.templates.find((source) => source.file === file)?.text ?? '';
      const lineOfToken = (token: string) => {
        const at = text.indexOf(token);
        return at < 0 ? undefined : text.slice(0, at).split('\n').length;
      };
      const unknown = placeholderProblems(template, template.body);
      const before = problems.length;
      for (const problem of unknown)
        problems.push({
          file,
          line: lineOfToken(problem.token) ?? yaml.lineOf(problem.path),
          path: formatPath(problem.path),
          message: problem.message,
          severity: 'error',
        });
      if (unknown.length > 0) {
        brokenTemplates.add(template.id);
        return;
      }
      // Filled in with sample values, every update of the template must make a valid incident.
      const sample = sampleIncident(template, context, site, components ?? []);
      const result = createIncidentSchema(context).safeParse(sample);
      for (const issue of result.success ? [] : result.error.issues) {
        // The incident's fields that come from the template's own are reported on those.
        const head = String(issue.path[0]);
        const path: (string | number)[] = ['title', 'severity', 'components'].includes(head)
          ? [head]
          : head === 'updates'
            ? ['updates', Number(issue.path[1])]
            : [];
        problems.push({
          file,
          line: yaml.lineOf(path),
          path: formatPath(path),
          message: `filled in, makes an invalid incident: ${formatPath(issue.path)} ${issue.message}`,
          severity: 'error',
        });
      }
      if (problems.length > before) brokenTemplates.add(template.id);
    },
  );

  const hasErrors = problems.some((p) => p.severity === 'error');
  const result: ValidationResult = {
    problems: sortProblems(problems),
    templates: templates.entries.filter((t) => !brokenTemplates.has(t.id)),
  };
  if (!hasErrors && site && components && locales) {
    // The default severity scale's names are words of the site's language, not content.
    const rawSite = siteYaml?.data as { severities?: unknown } | null | undefined;
    const catalogueSeverities = rawSite?.severities === undefined;
    result.content = orderContent({
      site: catalogueSeverities ? severityNames(site, locales[0]!) : site,
      catalogueSeverities,
      locale: locales[0]!,
      locales,
      components,
      incidents: incidents.entries,
      maintenance: maintenance.entries,
      postmortems: postmortems.entries,
      clock,
      base,
    });
  }
  return result;
}

/**
 * The site's interface languages, its `locale` first, each with a complete catalogue; a locale
 * without one is reported on the line of site.yaml that names it.
 */
function siteLocales(
  site: Site,
  yaml: ParsedYaml,
  tree: ContentTree,
  problems: Problem[],
): Locale[] | undefined {
  const tags = [site.locale, ...(site.locales ?? []).filter((tag) => tag !== site.locale)];
  const set = loadCatalogues(tree.locales, tags, problems);
  const locales: Locale[] = [];
  tags.forEach((tag, index) => {
    const locale = localeOf(set, tag, site.time_zone);
    if (locale) return void locales.push(locale);
    if (!set.tags.includes(tag)) {
      const path = index === 0 ? ['locale'] : ['locales', (site.locales ?? []).indexOf(tag)];
      problems.push({
        file: tree.site!.file,
        line: yaml.lineOf(path) ?? yaml.lineOf([]),
        path: formatPath(path),
        message: `"${tag}" has no message catalogue; use one of ${set.tags.join(', ')}, or add ${tree.root}/locales/${tag}.yaml (a copy of Statusmark's locales/en.yaml, translated)`,
        severity: 'error',
      });
    }
  });
  return locales.length === tags.length ? locales : undefined;
}

/**
 * A template filled in with sample values the way `new incident --template` and `update --template`
 * would fill it: its first update opens the incident, each later one follows a minute apart.
 */
function sampleIncident(
  template: IncidentTemplateEntry,
  context: SchemaContext,
  site: Site | undefined,
  components: Component[],
): Record<string, unknown> {
  const now = context.now - 3_600_000;
  const started = now - 600_000;
  const first = components[0];
  const fill = {
    componentName: (id: string) => components.find((c) => c.id === id)?.name ?? id,
    time: (ms: number) => formatTime(ms, site?.time_zone ?? 'UTC'),
    iso: isoTime,
    siteName: site?.name ?? 'Status',
    severityLabel: (id: string) => site?.severities.find((s) => s.id === id)?.label ?? id,
  };
  const affected =
    template.components.length > 0 || !first
      ? template.components
      : [{ id: first.id, impact: template.impact }];
  const variables = Object.fromEntries(Object.keys(template.variables).map((name) => [name, `<${name}>`]));
  const input = { template, body: template.body, components: affected, started, now, variables };
  const { frontMatter } = openingIncident(input, fill);
  const updates = frontMatter.updates as Record<string, unknown>[];
  template.updates.slice(1).forEach((update, index) => {
    const at = now + (index + 1) * 60_000;
    const interval = nextUpdateIn(update);
    const next = interval === undefined ? undefined : at + interval;
    const values = templateValues(
      { ...input, title: frontMatter.title as string, now: at, nextUpdate: next },
      fill,
    );
    updates.push({
      at: isoTime(at),
      status: update.status,
      message: fillTemplate(update.message, values),
      ...(next === undefined ? {} : { next_update: isoTime(next) }),
    });
    if (update.status === 'identified' && frontMatter.identified === undefined)
      frontMatter.identified = isoTime(at);
    if (update.status === 'resolved')
      Object.assign(frontMatter, { mitigated: isoTime(at), resolved: isoTime(at) });
  });
  return frontMatter;
}
