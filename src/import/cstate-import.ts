import { TZDate } from '@date-fns/tz';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { CommandError } from '../cli/errors.ts';
import { isoTime } from '../time/dates.ts';
import { checkShape, holdableTime, isRecord, type Fields } from './source-shape.ts';
import type { StatuspageSource } from './statuspage-import.ts';

/**
 * A cState site (Hugo) as the same source the Statuspage importer maps: its systems and categories
 * become components and groups, each issue an incident whose updates are the `*Status* - text
 * {{< track "…" >}}` paragraphs of its body, and its severity the impact on the affected systems from
 * its date to its resolution. Issues that announce maintenance become maintenance windows.
 */

export interface CstateFiles {
  /** `name` says the language (config.toml); `path`, where it is, names it in messages. */
  config: { name: string; path?: string; text: string };
  issues: { file: string; text: string }[];
}

interface CstateSystem {
  name: string;
  description?: string;
  category?: string;
}

/**
 * `2018-06-03 16:00:00`, `2018-06-03T16:00:00+02:00`, or a TOML date: a time without a zone is in
 * the site's zone (Hugo's `timeZone`, else UTC).
 */
export function cstateTime(value: unknown, timeZone = 'UTC'): string | undefined {
  let text: string;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    const local = (value as Date & { isLocal?: () => boolean }).isLocal?.() === true;
    if (!local) return holdableTime(value.toISOString()) === undefined ? undefined : value.toISOString();
    text = value.toISOString().replace(/Z$/, ''); // a TOML local date-time: its fields, no zone
  } else if (typeof value === 'string' && value.trim()) text = value.trim().replace(' ', 'T');
  else return undefined;
  if (/([zZ]|[+-]\d{2}:?\d{2})$/.test(text)) {
    const ms = holdableTime(text);
    return ms === undefined ? undefined : new Date(ms).toISOString();
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((v) => Number(v ?? 0));
  const ms = new TZDate(year!, month! - 1, day!, hour, minute, second, timeZone).getTime();
  return Number.isNaN(ms) || holdableTime(new Date(ms).toISOString()) === undefined
    ? undefined
    : new Date(ms).toISOString();
}

const IMPACT: Record<string, string> = { down: 'critical', disrupted: 'major', notice: 'minor' };
const STATUS_OF_SEVERITY: Record<string, string> = {
  down: 'major_outage',
  disrupted: 'partial_outage',
  notice: 'degraded_performance',
};
const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'];

/**
 * A YAML or TOML text's value, or where and what its mistake is. Never the parser's message, which
 * quotes the text: a file given by mistake (a key) must not be printed.
 */
function parseSource(
  text: string,
  language: 'YAML' | 'TOML',
  firstLine = 1,
): { value: unknown } | { mistake: string } {
  try {
    return { value: language === 'TOML' ? parseToml(text) : parseYaml(text) };
  } catch (error) {
    const e = error as {
      linePos?: { line: number; col: number }[];
      code?: string;
      line?: number;
      column?: number;
    };
    const at =
      e.linePos?.[0] ?? (typeof e.line === 'number' ? { line: e.line, col: e.column ?? 1 } : undefined);
    // YAML's error codes and smol-toml's first lines are fixed words, never the text's own.
    const what =
      language === 'YAML'
        ? (e.code?.toLowerCase().replaceAll('_', ' ') ?? 'an alias or a tag it cannot resolve')
        : (/^Invalid TOML document: ([a-z ,-]+)$/.exec((error as Error).message.split('\n')[0] ?? '')?.[1] ??
          'not valid');
    const where = at ? ` at line ${at.line + firstLine - 1}, column ${at.col}` : '';
    return { mistake: `is not valid ${language}${where} (${what})` };
  }
}

/** The front matter and body of a Hugo content file; its front matter starts on line 2. */
function splitHugo(
  text: string,
): { data: Record<string, unknown>; body: string } | { mistake: string } | undefined {
  const yaml = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  const toml = yaml ? undefined : /^\+\+\+\r?\n([\s\S]*?)\r?\n\+\+\+\r?\n?([\s\S]*)$/.exec(text);
  const match = yaml ?? toml;
  if (!match) return undefined;
  const parsed = parseSource(match[1]!, yaml ? 'YAML' : 'TOML', 2);
  if ('mistake' in parsed) return parsed;
  return { data: isRecord(parsed.value) ? parsed.value : {}, body: match[2]! };
}

/** `*Resolved* - text {{< track "2018-06-03 17:00:00" >}}` paragraphs, and the rest of the body. */
export function cstateUpdates(
  body: string,
  timeZone = 'UTC',
): {
  updates: { status: string; text: string; at: string }[];
  rest: string;
} {
  const updates: { status: string; text: string; at: string }[] = [];
  const rest: string[] = [];
  for (const paragraph of body.split(/\r?\n\s*\r?\n/)) {
    const match =
      /^\s*\*+\s*([^*]+?)\s*\*+\s*[-–—:]?\s*([\s\S]*?)\s*\{\{<\s*track\s+"([^"]+)"\s*>\}\}\s*$/.exec(
        paragraph,
      );
    const at = match ? cstateTime(match[3], timeZone) : undefined;
    if (match && at) updates.push({ status: match[1]!.toLowerCase(), text: match[2]!.trim(), at });
    else if (paragraph.trim()) rest.push(paragraph.trim());
  }
  return { updates, rest: rest.join('\n\n') };
}

type SourceRecord = StatuspageSource['incidents'][number];
type SourceUpdate = NonNullable<SourceRecord['incident_updates']>[number];

/** What an issue says, read from its front matter and body; times are ISO, updates oldest first. */
interface CstateIssue {
  file: string;
  title: string;
  date: string;
  updates: { status: string; text: string; at: string }[];
  /** The body's paragraphs that are not updates. */
  rest: string;
  resolved: boolean;
  resolvedWhen: string | undefined;
  severity: string;
  informational: boolean;
  /** A title that announces maintenance, with no more than notice severity. */
  maintenance: boolean;
  components: { id: string; name: string }[];
}

export function readCstate(files: CstateFiles): { source: StatuspageSource; notes: string[] } {
  const notes: string[] = [];
  const { zone, systems, categories } = readConfig(files.config);
  const source: StatuspageSource = {
    components: siteComponents(systems, categories),
    incidents: [],
    maintenances: [],
  };
  for (const file of files.issues) {
    const issue = readIssue(file, zone, systems, notes);
    if (!issue) continue;
    const updates = issueUpdates(issue, notes);
    const window = issue.maintenance ? maintenanceWindow(issue, notes) : undefined;
    if (window) source.maintenances.push(window);
    else source.incidents.push(incidentRecord(issue, updates, notes));
  }
  return { source, notes };
}

/** What the importer reads of a Hugo config. */
const CONFIG: Fields = {
  timeZone: 'text',
  timezone: 'text',
  params: {
    record: {
      systems: { list: { record: { 'name!': 'text', description: 'text', category: 'text' } } },
      categories: { list: { record: { 'name!': 'text' } } },
    },
  },
};

/** The Hugo config's time zone (checked), systems and categories; a mistake ends the import, named. */
function readConfig(file: CstateFiles['config']): {
  zone: string;
  systems: CstateSystem[];
  categories: { name: string }[];
} {
  const path = file.path ?? file.name;
  const refused = (what: string) =>
    new CommandError(`${path}: ${what}. Nothing was imported; correct the config and import again.`);
  const parsed = parseSource(file.text, file.name.endsWith('.toml') ? 'TOML' : 'YAML');
  if ('mistake' in parsed) throw refused(`${parsed.mistake}; expected a Hugo config`);
  const value = parsed.value ?? {};
  if (!isRecord(value)) throw refused('is not a Hugo config; expected settings such as title and params');
  const problems: string[] = [];
  checkShape(value, { record: CONFIG }, '', problems);
  if (problems.length > 0) throw refused(problems.join('; '));
  const config = value as {
    timeZone?: string;
    timezone?: string;
    params?: { systems?: CstateSystem[]; categories?: { name: string }[] };
  };
  const zone = config.timeZone ?? config.timezone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw refused('its timeZone is not an IANA time zone; expected one such as "Europe/Berlin"');
  }
  return { zone, systems: config.params?.systems ?? [], categories: config.params?.categories ?? [] };
}

/** Categories as groups, then systems as components in them. */
function siteComponents(
  systems: CstateSystem[],
  categories: { name: string }[],
): StatuspageSource['components'] {
  const groups = new Map<string, string>();
  for (const category of categories) groups.set(category.name, `category:${category.name}`);
  return [
    ...[...groups].map(([name, id]) => ({ id, name, group: true })),
    ...systems.map((system) => ({
      id: `system:${system.name}`,
      name: system.name,
      description: system.description ?? null,
      group_id: system.category ? (groups.get(system.category) ?? null) : null,
    })),
  ];
}

/** The systems an issue names (`affected`), each a name; what is not one is left out, with a note. */
function affectedNames(file: string, affected: unknown, notes: string[]): string[] {
  if (affected === undefined || affected === null) return [];
  // One system written without the list's brackets is still that system.
  const list = Array.isArray(affected) ? (affected as unknown[]) : [affected];
  return list.flatMap((name, index) => {
    // YAML reads `- 2024` as a number; a system may be named so.
    const text = typeof name === 'number' && Number.isFinite(name) ? String(name) : name;
    if (typeof text === 'string' && text.trim() !== '') return [text];
    const at = Array.isArray(affected) ? `affected[${index}]` : 'affected';
    notes.push(`${file}: ${at} is not a system's name; expected a text such as "Website"; left out`);
    return [];
  });
}

/** One issue file, or undefined (with a note) when it cannot be read as an issue. */
function readIssue(
  issue: CstateFiles['issues'][number],
  zone: string,
  systems: CstateSystem[],
  notes: string[],
): CstateIssue | undefined {
  const split = splitHugo(issue.text);
  if (!split) {
    notes.push(`${issue.file}: has no front matter; skipped`);
    return undefined;
  }
  if ('mistake' in split) {
    notes.push(`${issue.file}: its front matter does not parse: it ${split.mistake}; skipped`);
    return undefined;
  }
  const { data } = split;
  const title = typeof data.title === 'string' && data.title.trim() ? data.title : issue.file;
  const date = cstateTime(data.date, zone);
  if (!date) {
    notes.push(
      `${issue.file}: its date is ${data.date === undefined || data.date === null ? 'missing' : 'not a time with a four-digit year'}; expected one such as "2026-10-02 14:00:00"; skipped`,
    );
    return undefined;
  }
  const { updates, rest } = cstateUpdates(split.body, zone);
  updates.reverse(); // cState lists them newest first
  const resolved = data.resolved === true;
  const severity = typeof data.severity === 'string' ? data.severity : 'notice';
  const informational = data.informational === true;
  const components = affectedNames(issue.file, data.affected, notes).map((name) => {
    if (!systems.some((s) => s.name === name))
      notes.push(`${issue.file}: affects "${name}", which is not in params.systems; added as a component`);
    return { id: `system:${name}`, name };
  });
  return {
    file: issue.file,
    title,
    date,
    updates,
    rest,
    resolved,
    resolvedWhen:
      cstateTime(data.resolvedWhen, zone) ?? (resolved ? (updates.at(-1)?.at ?? date) : undefined),
    severity,
    informational,
    maintenance:
      /maintenance|scheduled work|upgrade window/i.test(title) && (informational || severity === 'notice'),
    components,
  };
}

/**
 * The issue's updates as Statuspage's: the first sets the impact on the affected systems, the
 * resolution (an update of its own when the issue has none at that time) ends it.
 */
function issueUpdates(issue: CstateIssue, notes: string[]): SourceUpdate[] {
  const impact = STATUS_OF_SEVERITY[issue.severity] ?? 'degraded_performance';
  // An informational issue has no impact of its own: it is a notice, naming no component.
  const affected = issue.informational ? [] : issue.components;
  const change = (from: string, to: string) =>
    affected.map((c) => ({ code: c.id, name: c.name, old_status: from, new_status: to }));
  const toImpact = change('operational', impact);
  const updates: SourceUpdate[] = issue.updates.map((u, index) => {
    // cState's other words ("update", "fixed", "automated system alert") change no status: the post is
    // kept as written, its word and all, and keeps the incident's status.
    const known = STATUSES.includes(u.status);
    const word = `${u.status.charAt(0).toUpperCase()}${u.status.slice(1)}`;
    return {
      status: known || issue.maintenance ? u.status : 'update',
      body: known || issue.maintenance ? u.text : `*${word}* - ${u.text}`,
      created_at: u.at,
      // The impact runs from the issue's date to its resolution.
      affected_components: index === 0 ? toImpact : null,
    };
  });
  if (updates.length === 0)
    updates.push({
      status: 'investigating',
      body: issue.title,
      created_at: issue.date,
      affected_components: toImpact,
    });
  placeAfterStart(issue, updates, notes);
  if (issue.resolved && issue.resolvedWhen) {
    const toOperational = change(impact, 'operational');
    const last = updates.at(-1)!;
    const closing = updates.findLast((u) => STATUSES.includes(u.status));
    if (closing?.status === 'resolved')
      closing.affected_components = [...(closing.affected_components ?? []), ...toOperational];
    else
      updates.push({
        status: 'resolved',
        body: 'This incident is resolved.',
        // After every update, even when the source dates its resolution earlier (the impact still ends then).
        created_at: new Date(
          Math.max(Date.parse(issue.resolvedWhen), Date.parse(last.created_at ?? '') + 1000),
        ).toISOString(),
        affected_components: toOperational,
      });
  }
  return updates;
}

/** A maintenance issue as a completed window; undefined (an incident, with a note) when it has no end. */
function maintenanceWindow(issue: CstateIssue, notes: string[]): SourceRecord | undefined {
  const { resolvedWhen, date } = issue;
  const end = resolvedWhen && Date.parse(resolvedWhen) > Date.parse(date) ? resolvedWhen : undefined;
  if (!end) {
    notes.push(`${issue.file}: reads as maintenance but has no end (resolvedWhen); imported as an incident`);
    return undefined;
  }
  notes.push(`${issue.file}: reads as maintenance (title and severity); imported as a maintenance window`);
  return {
    id: issue.file,
    name: issue.title,
    status: 'completed',
    created_at: date,
    scheduled_for: date,
    scheduled_until: end,
    components: issue.components.map((c) => ({ id: c.id, name: c.name })),
    incident_updates: [],
  };
}

function incidentRecord(issue: CstateIssue, updates: SourceUpdate[], notes: string[]): SourceRecord {
  if (issue.informational && issue.components.length > 0)
    notes.push(
      `${issue.file}: informational, about ${issue.components.map((c) => c.name).join(', ')}; imported as a notice, which names no component and counts in no uptime`,
    );
  return {
    id: issue.file,
    name: issue.title,
    status: issue.resolved
      ? 'resolved'
      : (updates.findLast((u) => STATUSES.includes(u.status))?.status ?? 'investigating'),
    impact: issue.informational ? 'none' : (IMPACT[issue.severity] ?? 'minor'),
    created_at: issue.date,
    started_at: issue.date,
    resolved_at: issue.resolved ? (issue.resolvedWhen ?? null) : null,
    monitoring_at: null,
    incident_updates: updates.map((u) => ({ ...u, display_at: u.created_at })),
    components: issue.informational ? [] : issue.components.map((c) => ({ id: c.id, name: c.name })),
    // The issue's own facts, exactly: impact on its systems from its date to its resolution.
    statusmark: {
      mitigated_at: issue.resolved ? (issue.resolvedWhen ?? null) : null,
      components: issue.informational
        ? []
        : issue.components.map((c) => ({
            id: c.id,
            impact: STATUS_OF_SEVERITY[issue.severity] ?? 'degraded_performance',
            from: null,
            to: null,
          })),
    },
    ...(issue.rest ? { description: issue.rest } : {}),
  };
}

/**
 * An update the source dates before its issue began (a copied track time) is placed at the issue's
 * date, in its order, and the import report says so: Statusmark refuses posts from before an incident.
 */
function placeAfterStart(issue: CstateIssue, updates: SourceUpdate[], notes: string[]): void {
  const start = Date.parse(issue.date);
  for (const update of updates) {
    const at = Date.parse(update.created_at ?? '');
    if (!(at < start)) continue;
    // Same-second posts are spread a second apart later, in their order (statuspage-import.ts).
    notes.push(
      `${issue.file}: an update dated ${isoTime(at)} is before the issue's date (${isoTime(start)}); placed at the issue's date`,
    );
    update.created_at = isoTime(start);
  }
}
