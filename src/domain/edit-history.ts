import { parseZonedTime, readInexact } from '../schemas/common.ts';
import { INCIDENT_TIMES, type IncidentTime } from '../schemas/incident.ts';
import { IMPACTS, type Impact } from '../schemas/vocabulary.ts';
import type { SiteContent } from './content.ts';

/**
 * What changed on an incident or a postmortem after it was first published, read from the
 * repository's history: a status page that rewrites what it once said should say so. The
 * integration reads the versions (src/integration/git-history.ts); this compares them.
 */

/** The incident times whose moving is an edit; setting one for the first time is the incident's progress. */
export const EDITED_TIMES = INCIDENT_TIMES;
export type EditedTime = IncidentTime;

/** The parts of an incident a version is compared on. */
export interface IncidentVersion {
  title?: string;
  severity?: string;
  times: Partial<Record<EditedTime, number>>;
  /** The worst impact on each component, by id. */
  components: Record<string, Impact>;
  /** The updates, oldest first (their translations are not compared). */
  updates: { at: number; message: string }[];
  body: string;
}

/** The parts of a postmortem a version is compared on. */
export interface PostmortemVersion {
  /** Published (not a draft, with a publication time): only then do its changes count. */
  published: boolean;
  title?: string;
  summary?: string;
  impact?: string;
  dataLoss?: boolean;
  trigger?: string;
  rootCauses: string[];
  /** Titles of the action items. */
  actionItems: string[];
  body: string;
}

/** One committed version of a content file: `data` is undefined when it could not be read then. */
export interface FileVersion<T> {
  /** The commit's hash. */
  commit: string;
  /** When it was committed, UTC ms. */
  at: number;
  /** The whole commit message. */
  message: string;
  data: T | undefined;
}

/** The parts of a text a postmortem or an incident may have edited. */
export type EditedText = 'body' | 'summary' | 'impact' | 'trigger' | 'root_causes';

/** One change, in no language yet: the page words it (describeChange). */
export type EditChange =
  | { kind: 'time_moved'; field: EditedTime; from: number; to: number }
  | { kind: 'severity'; from: string; to: string }
  | { kind: 'title'; from: string; to: string }
  | { kind: 'component_added' | 'component_removed'; component: string }
  | { kind: 'impact'; component: string; from: Impact; to: Impact }
  | { kind: 'update_edited' | 'update_removed'; at: number }
  | { kind: 'update_moved'; from: number; to: number }
  | { kind: 'text_edited'; part: EditedText }
  | { kind: 'data_loss'; to: boolean }
  | { kind: 'action_item_removed'; title: string };

/** The changes one commit made to a published page. */
export interface EditEntry {
  /** When the commit was made, UTC ms. */
  at: number;
  commit: string;
  changes: EditChange[];
}

/** What the integration publishes: each page's edits by id, only for pages that have some. */
export interface ContentEdits {
  incidents: ReadonlyMap<string, EditEntry[]>;
  postmortems: ReadonlyMap<string, EditEntry[]>;
}

/**
 * A commit whose author marked it as not worth listing: `[typo]` in its message, or the trailer
 * `Edit-history: skip`.
 */
export function isHiddenCommit(message: string): boolean {
  return /\[typo\]/i.test(message) || /^edit-history:[ \t]*skip[ \t]*$/im.test(message);
}

/**
 * The edits of a file's successive versions (oldest first), each compared with the one before it.
 * The first version that `counts` is the one first published; a hidden commit lists nothing but
 * becomes the version the next one is compared with. Versions after `now` (a build for a past
 * time) and versions that could not be read are left out.
 */
function listEdits<T>(
  versions: readonly FileVersion<T>[],
  now: number,
  counts: (data: T) => boolean,
  compare: (before: T, after: T) => EditChange[],
): EditEntry[] {
  const entries: EditEntry[] = [];
  let shown: T | undefined;
  for (const version of versions) {
    const data = version.data;
    if (data === undefined || version.at > now || !counts(data)) continue;
    const before = shown;
    shown = data;
    if (before === undefined || isHiddenCommit(version.message)) continue;
    const changes = compare(before, data);
    if (changes.length > 0) entries.push({ at: version.at, commit: version.commit, changes });
  }
  return entries;
}

/** An incident's edits after its first commit. */
export function listIncidentEdits(
  versions: readonly FileVersion<IncidentVersion>[],
  now: number,
): EditEntry[] {
  return listEdits(versions, now, () => true, compareIncidents);
}

/** A postmortem's edits after it was first published; drafts in between are skipped. */
export function listPostmortemEdits(
  versions: readonly FileVersion<PostmortemVersion>[],
  now: number,
): EditEntry[] {
  return listEdits(versions, now, (data) => data.published, comparePostmortems);
}

function compareIncidents(before: IncidentVersion, after: IncidentVersion): EditChange[] {
  const changes: EditChange[] = [];
  if (before.title !== undefined && after.title !== undefined && before.title !== after.title)
    changes.push({ kind: 'title', from: before.title, to: after.title });
  if (before.severity !== undefined && after.severity !== undefined && before.severity !== after.severity)
    changes.push({ kind: 'severity', from: before.severity, to: after.severity });
  for (const field of EDITED_TIMES) {
    const from = before.times[field];
    const to = after.times[field];
    if (from !== undefined && to !== undefined && from !== to)
      changes.push({ kind: 'time_moved', field, from, to });
  }
  changes.push(...compareComponents(before.components, after.components));
  changes.push(...compareUpdates(before.updates, after.updates));
  if (before.body !== after.body) changes.push({ kind: 'text_edited', part: 'body' });
  return changes;
}

function compareComponents(before: Record<string, Impact>, after: Record<string, Impact>): EditChange[] {
  const changes: EditChange[] = [];
  for (const [component, from] of Object.entries(before)) {
    const to = after[component];
    if (to === undefined) changes.push({ kind: 'component_removed', component });
    else if (to !== from) changes.push({ kind: 'impact', component, from, to });
  }
  for (const component of Object.keys(after))
    if (!(component in before)) changes.push({ kind: 'component_added', component });
  return changes;
}

/**
 * Updates are matched by their time; one whose time changed is found by its unchanged message. An
 * update that is new is the incident's progress, not an edit, and is not listed.
 */
function compareUpdates(before: IncidentVersion['updates'], after: IncidentVersion['updates']): EditChange[] {
  const changes: EditChange[] = [];
  const byTime = new Map(after.map((update) => [update.at, update]));
  const beforeTimes = new Set(before.map((update) => update.at));
  const unmatched = new Map<string, number[]>();
  for (const update of after)
    if (!beforeTimes.has(update.at))
      unmatched.set(update.message, [...(unmatched.get(update.message) ?? []), update.at]);
  for (const old of before) {
    const same = byTime.get(old.at);
    if (same) {
      if (same.message !== old.message) changes.push({ kind: 'update_edited', at: old.at });
      continue;
    }
    const moved = unmatched.get(old.message)?.shift();
    changes.push(
      moved === undefined
        ? { kind: 'update_removed', at: old.at }
        : { kind: 'update_moved', from: old.at, to: moved },
    );
  }
  return changes;
}

function comparePostmortems(before: PostmortemVersion, after: PostmortemVersion): EditChange[] {
  const changes: EditChange[] = [];
  if (before.title !== undefined && after.title !== undefined && before.title !== after.title)
    changes.push({ kind: 'title', from: before.title, to: after.title });
  const texts: [EditedText, unknown, unknown][] = [
    ['summary', before.summary, after.summary],
    ['impact', before.impact, after.impact],
    ['trigger', before.trigger, after.trigger],
    ['root_causes', before.rootCauses.join('\n'), after.rootCauses.join('\n')],
    ['body', before.body, after.body],
  ];
  for (const [part, from, to] of texts) if (from !== to) changes.push({ kind: 'text_edited', part });
  if (before.dataLoss !== undefined && after.dataLoss !== undefined && before.dataLoss !== after.dataLoss)
    changes.push({ kind: 'data_loss', to: after.dataLoss });
  for (const title of before.actionItems)
    if (!after.actionItems.includes(title)) changes.push({ kind: 'action_item_removed', title });
  return changes;
}

type Fields = Record<string, unknown>;

const record = (value: unknown): Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value.trim() : undefined);
/** A time as the loader reads it: exact, "about …" (the time itself) or a date (its start in `zone`). */
function timeOf(value: unknown, zone = 'UTC'): number | undefined {
  const read = readInexact(value, { zone }).value;
  return typeof read === 'string' ? parseZonedTime(read) : undefined;
}

/** The worse of two impacts (IMPACTS is mildest first). */
function worse(a: Impact | undefined, b: Impact): Impact {
  return a !== undefined && IMPACTS.indexOf(a) > IMPACTS.indexOf(b) ? a : b;
}

/**
 * An incident's version from its front matter as it was then, read leniently (an old version need
 * not satisfy today's rules): times become UTC ms as the loader reads them (a date is the start of
 * that day in the site's `zone`), unreadable fields are left out.
 */
export function readIncidentVersion(frontMatter: unknown, body: string, zone: string): IncidentVersion {
  const data = record(frontMatter);
  const times: IncidentVersion['times'] = {};
  for (const field of EDITED_TIMES) {
    const at = timeOf(data[field], zone);
    if (at !== undefined) times[field] = at;
  }
  const components: Record<string, Impact> = {};
  for (const entry of list(data.components).map(record)) {
    const impact = IMPACTS.find((known) => known === entry.impact);
    if (typeof entry.id === 'string' && impact) components[entry.id] = worse(components[entry.id], impact);
  }
  const updates = list(data.updates).flatMap((item) => {
    const update = record(item);
    const at = timeOf(update.at);
    // An update known only by its time has no message: one written later is an edit of it.
    return at !== undefined ? [{ at, message: textOf(update.message) ?? '' }] : [];
  });
  return {
    title: textOf(data.title),
    severity: textOf(data.severity),
    times,
    components,
    updates,
    body: body.trim(),
  };
}

/** A postmortem's version from its front matter as it was then, read leniently. */
export function readPostmortemVersion(frontMatter: unknown, body: string): PostmortemVersion {
  const data = record(frontMatter);
  const impact = record(data.impact);
  const strings = (value: unknown) => list(value).flatMap((item) => textOf(item) ?? []);
  return {
    published: data.draft !== true && timeOf(data.published) !== undefined,
    title: textOf(data.title),
    summary: textOf(data.summary),
    impact: textOf(impact.description),
    dataLoss: typeof impact.data_loss === 'boolean' ? impact.data_loss : undefined,
    trigger: textOf(data.trigger),
    rootCauses: strings(data.root_causes),
    actionItems: list(data.action_items).flatMap((item) => textOf(record(item).title) ?? []),
    body: body.trim(),
  };
}

/**
 * The edits of one page, from the content the integration published: read from git while the build
 * runs, so a page waits for them. `edits` is read through a cast until SiteContent declares it; no
 * edits (no history, or none to show) is an empty list.
 */
export async function editsOf(
  content: SiteContent,
  kind: keyof ContentEdits,
  id: string,
): Promise<EditEntry[]> {
  const edits = await content.edits;
  return edits?.[kind].get(id) ?? [];
}
