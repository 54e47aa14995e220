import { stringify } from 'yaml';
import { isoTime } from '../time/dates.ts';
import { contentTime } from '../cli/context.ts';
import { slugify } from '../text/slug.ts';
import type { ImportPlan } from './import-plan.ts';
import { holdableTime } from './source-shape.ts';
import { isStatuspageRecord } from './statuspage-shape.ts';

/**
 * Atlassian Statuspage's documents (public API v2: summary, components, incidents, scheduled
 * maintenances; and management-API exports of incidents) as Statusmark content. Pure: documents in,
 * planned files and a fidelity report out.
 */

interface SpComponent {
  id: string;
  name: string;
  description?: string | null;
  group?: boolean;
  group_id?: string | null;
  start_date?: string | null;
}

interface SpAffected {
  code: string;
  name?: string;
  old_status?: string;
  new_status?: string;
}

interface SpUpdate {
  status: string;
  body?: string | null;
  created_at?: string | null;
  display_at?: string | null;
  affected_components?: SpAffected[] | null;
}

interface SpIncident {
  id: string;
  name: string;
  status: string;
  impact?: string | null;
  created_at?: string | null;
  started_at?: string | null;
  monitoring_at?: string | null;
  resolved_at?: string | null;
  scheduled_for?: string | null;
  scheduled_until?: string | null;
  incident_updates?: SpUpdate[] | null;
  components?: SpComponent[] | null;
  postmortem_body?: string | null;
  /** A longer description, kept as the incident's body (cState issues have one). */
  description?: string;
  /** Statusmark's own record of the incident, when the source is a Statusmark site's API. */
  statusmark?: {
    severity?: string;
    severity_changes?: { at: string; severity: string }[];
    signal_at?: string | null;
    detected_at?: string | null;
    mitigated_at?: string | null;
    precision?: Record<string, string>;
    components?: {
      id: string;
      impact: string;
      from: string | null;
      to: string | null;
      share?: number | null;
      share_of?: string | null;
      locations?: string[] | null;
      where?: string | null;
    }[];
    updates?: { stated: boolean; channel: string | null }[];
  };
}

export interface StatuspageSource {
  components: SpComponent[];
  incidents: SpIncident[];
  maintenances: SpIncident[];
}

/**
 * Collects what the documents hold, whichever of them were given (later ones add, never replace).
 * Each document has passed checkStatuspageDocument: its records' fields are of Statuspage's kinds.
 */
export function readStatuspageDocuments(documents: unknown[]): StatuspageSource {
  const source: StatuspageSource = { components: [], incidents: [], maintenances: [] };
  const seen = new Set<string>();
  const addIncident = (incident: unknown) => {
    // A record without an id or a name is not an incident (an error document, a page object).
    if (!isStatuspageRecord(incident)) return;
    const record = incident as unknown as SpIncident;
    const key = `${record.scheduled_for ? 'm' : 'i'}:${record.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    (record.scheduled_for ? source.maintenances : source.incidents).push(record);
  };
  const list = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : []);
  for (const document of documents) {
    const doc = document as Record<string, unknown>;
    if (Array.isArray(document)) document.forEach(addIncident);
    else if (doc && typeof doc === 'object' && 'incident_updates' in doc) addIncident(doc);
    else if (doc && typeof doc === 'object') {
      for (const component of list(doc.components))
        if (isStatuspageRecord(component) && !source.components.some((c) => c.id === component.id))
          source.components.push(component as unknown as SpComponent);
      list(doc.incidents).forEach(addIncident);
      list(doc.scheduled_maintenances).forEach(addIncident);
    }
  }
  return source;
}

/** A time as content holds it, from Statuspage's (fractional seconds, any offset); undefined if none. */
function time(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const ms = holdableTime(text);
  return ms === undefined ? undefined : contentTime(ms);
}

const ms = (text: string) => Date.parse(text);

const IMPACT_FROM_STATUS: Record<string, string> = {
  degraded_performance: 'degraded_performance',
  partial_outage: 'partial_outage',
  major_outage: 'major_outage',
};
const IMPACT_FROM_INDICATOR: Record<string, string> = {
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
};

export interface StatuspageOptions {
  /** Statuspage impact (none, minor, major, critical) → a severity id of the site. */
  severities: Record<string, string>;
  /** Only incidents and windows that start at or after this (UTC ms). */
  since?: number | undefined;
  /** The site's components: a source component with the same name keeps the site's id. */
  existing?: { id: string; name: string }[];
}

export const DEFAULT_SEVERITY_MAP: Record<string, string> = {
  none: 'P4',
  minor: 'P3',
  major: 'P2',
  critical: 'P1',
};

/** Unique ids: a second incident with the same date and name gets -2, -3 … */
function uniqueId(wanted: string, taken: Set<string>): string {
  let id = wanted || 'imported';
  for (let n = 2; taken.has(id); n++) id = `${wanted}-${n}`;
  taken.add(id);
  return id;
}

function frontMatter(data: Record<string, unknown>, body = ''): string {
  return `---\n${stringify(data, { lineWidth: 100 })}---\n${body.trim() ? `\n${body.trim()}\n` : ''}`;
}

/** A source component (or one named inside an incident) → the site's component id. */
type ComponentId = (sp: { id?: string; code?: string; name?: string }) => string;

/** What planning the records shares: the plan so far, the options, component ids and taken file ids. */
interface Planning {
  plan: ImportPlan;
  options: StatuspageOptions;
  componentId: ComponentId;
  takenIds: Set<string>;
}

type Dated = SpUpdate & { at: string };
type ContentUpdate = { at: string; status?: string; channel?: string; message: string };

/** The statuses of an incident's life on both Statuspage and Statusmark. */
const LIFECYCLE = ['investigating', 'identified', 'monitoring', 'resolved'];

export function planStatuspage(source: StatuspageSource, options: StatuspageOptions): ImportPlan {
  const plan: ImportPlan = {
    components: [],
    files: [],
    notes: [],
    counts: { components: 0, incidents: 0, updates: 0, maintenance: 0, postmortems: 0 },
  };
  const planning: Planning = {
    plan,
    options,
    componentId: planComponents(source, options, plan),
    takenIds: new Set<string>(),
  };
  const byStart = [...source.incidents].sort(
    (a, b) => ms(a.started_at ?? a.created_at ?? '') - ms(b.started_at ?? b.created_at ?? ''),
  );
  for (const incident of byStart) planIncident(incident, planning);
  for (const window of source.maintenances) planMaintenance(window, planning);
  return plan;
}

/**
 * Plans the source's components (a name the site already has keeps the site's id) and returns the
 * id of any component, adding one met only inside an incident (a document without components.json).
 */
function planComponents(source: StatuspageSource, options: StatuspageOptions, plan: ImportPlan): ComponentId {
  const groups = new Map(source.components.filter((c) => c.group).map((c) => [c.id, c.name]));
  const componentIds = new Map<string, string>();
  const takenComponents = new Set<string>((options.existing ?? []).map((c) => c.id));
  const existingByName = new Map((options.existing ?? []).map((c) => [c.name.toLowerCase(), c.id]));
  for (const component of source.components.filter((c) => !c.group)) {
    const same = existingByName.get(component.name.toLowerCase());
    if (same) {
      componentIds.set(component.id, same);
      continue;
    }
    const id = uniqueId(slugify(component.name, 6), takenComponents);
    componentIds.set(component.id, id);
    plan.components.push({
      id,
      name: component.name,
      ...(component.description ? { description: component.description } : {}),
      ...(component.group_id && groups.has(component.group_id)
        ? { group: groups.get(component.group_id)! }
        : {}),
      ...(component.start_date ? { since: component.start_date } : {}),
    });
  }
  plan.counts.components = plan.components.length;
  return (sp) => {
    const key = sp.id ?? sp.code ?? sp.name ?? '';
    const known = componentIds.get(key) ?? existingByName.get((sp.name ?? '').toLowerCase());
    if (known) return known;
    const id = uniqueId(slugify(sp.name ?? key, 6), takenComponents);
    componentIds.set(key, id);
    plan.components.push({ id, name: sp.name ?? key });
    plan.notes.push(`component "${sp.name ?? key}" appears only inside incidents; added as ${id}`);
    return id;
  };
}

/** One incident as a content file (and its postmortem text as a draft), or a note why not. */
function planIncident(incident: SpIncident, planning: Planning): void {
  const { plan, options } = planning;
  const started = time(incident.started_at) ?? time(incident.created_at);
  if (!started) {
    plan.notes.push(`incident "${incident.name}" (${incident.id}) has no start time; skipped`);
    return;
  }
  if (options.since !== undefined && ms(started) < options.since) return;
  const id = uniqueId(`${started.slice(0, 10)}-${slugify(incident.name, 8)}`, planning.takenIds);
  const updates = datedUpdates(incident);
  const { contentUpdates, resolvedTime } = readerUpdates(incident, updates, started);
  const severity =
    incident.statusmark?.severity ??
    options.severities[incident.impact ?? 'none'] ??
    options.severities.none!;
  const impact = incidentImpact(incident, updates, started, id, resolvedTime, planning);
  let { mitigated } = impact;
  if (resolvedTime && mitigated && ms(mitigated) > ms(resolvedTime)) mitigated = resolvedTime;
  if (updates.length === 0) plan.notes.push(`${id}: had no updates; its title is its first update`);
  const data: Record<string, unknown> = {
    title: incident.name,
    severity,
    started,
    ...(mitigated && resolvedTime ? { mitigated } : {}),
    ...(resolvedTime ? { resolved: resolvedTime } : {}),
    components: impact.components,
    updates: contentUpdates,
  };
  ownFacts(incident, data);
  plan.files.push({
    folder: 'incidents',
    id,
    text: frontMatter(data, incident.description ?? ''),
    source: `incident ${incident.id}`,
  });
  plan.counts.incidents++;
  plan.counts.updates += contentUpdates.length;
  if (incident.postmortem_body?.trim()) planPostmortem(incident, id, plan);
}

/** The updates that have a time, in order; two in the same second (Statuspage allows it) a second apart. */
function datedUpdates(incident: SpIncident): Dated[] {
  const updates = [...(incident.incident_updates ?? [])]
    .map((u) => ({ ...u, at: time(u.display_at) ?? time(u.created_at) }))
    .filter((u): u is Dated => u.at !== undefined)
    .sort((a, b) => ms(a.at) - ms(b.at));
  for (let i = 1; i < updates.length; i++)
    if (ms(updates[i]!.at) <= ms(updates[i - 1]!.at)) updates[i]!.at = isoTime(ms(updates[i - 1]!.at) + 1000);
  return updates;
}

/**
 * The updates readers see, in Statusmark's statuses: at least one (the title, at the start), and a
 * resolved incident ends with one resolved update, at the resolution; an open one has none.
 */
function readerUpdates(
  incident: SpIncident,
  updates: Dated[],
  started: string,
): { contentUpdates: ContentUpdate[]; resolvedTime: string | undefined } {
  const resolvedAt = time(incident.resolved_at);
  const resolved = ['resolved', 'postmortem'].includes(incident.status)
    ? (resolvedAt ?? updates.at(-1)?.at)
    : undefined;
  // Statuspage's lifecycle statuses are kept; any other ("update", "postmortem") is a post that kept
  // the incident's status, as it did on Statuspage.
  // A Statusmark site's own record says which updates stated no status (the API repeats the status).
  const own = incident.statusmark?.updates;
  const contentUpdates: ContentUpdate[] = updates.map((u, index) => ({
    at: u.at,
    ...(LIFECYCLE.includes(u.status) && own?.[index]?.stated !== false ? { status: u.status } : {}),
    ...(own?.[index]?.channel ? { channel: own[index].channel } : {}),
    message: u.body?.trim() || `${u.status.charAt(0).toUpperCase()}${u.status.slice(1)}.`,
  }));
  if (contentUpdates.length === 0) {
    contentUpdates.push({ at: started, status: 'investigating', message: incident.name });
  }
  const stated = contentUpdates.filter((u) => u.status !== undefined);
  if (resolved) {
    // Only the last update with a status may resolve: an earlier "resolved" that was reopened is monitoring.
    stated.slice(0, -1).forEach((u) => u.status === 'resolved' && (u.status = 'monitoring'));
    if (stated.at(-1)?.status !== 'resolved')
      contentUpdates.push({
        at: isoTime(Math.max(ms(resolved), ms(contentUpdates.at(-1)!.at) + 1000)),
        status: 'resolved',
        message: 'This incident is resolved.',
      });
  } else if (stated.at(-1)?.status === 'resolved') stated.at(-1)!.status = 'monitoring';
  const closing = contentUpdates.findLast((u) => u.status === 'resolved');
  return { contentUpdates, resolvedTime: resolved ? closing?.at : undefined };
}

/**
 * The incident's components and when its impact ended: exact from Statusmark's own record, else from
 * the status changes. None for a notice.
 */
function incidentImpact(
  incident: SpIncident,
  updates: Dated[],
  started: string,
  id: string,
  resolvedTime: string | undefined,
  { plan, componentId }: Planning,
): { components: Record<string, unknown>[]; mitigated: string | undefined } {
  const own = incident.statusmark;
  if (own) {
    const precision = own.precision ?? {};
    return {
      mitigated: written(time(own.mitigated_at), precision.mitigated),
      components: (own.components ?? []).map((c, index) => {
        const sp = incident.components?.find((x) => x.id === c.id);
        const at = (key: 'from' | 'to') => written(time(c[key]), precision[`components.${index}.${key}`]);
        const share = c.share ?? undefined;
        return {
          id: componentId(sp ?? { id: c.id, name: c.id }),
          impact: c.impact,
          ...(at('from') ? { from: at('from') } : {}),
          ...(at('to') ? { to: at('to') } : {}),
          ...(share !== undefined
            ? { share: precision[`components.${index}.share`] === 'about' ? `about ${share}` : share }
            : {}),
          ...(c.share_of ? { share_of: c.share_of } : {}),
          ...(c.locations ? { locations: c.locations } : {}),
          ...(c.where ? { where: c.where } : {}),
        };
      }),
    };
  }
  // An incident that names no component is a notice: kept, with no uptime impact (as on Statuspage).
  const phases = phasesFromTransitions(incident, updates, started, componentId, plan.notes, id);
  if (resolvedTime && !phases.mitigated) phases.mitigated = time(incident.monitoring_at) ?? resolvedTime;
  return phases;
}

/** A postmortem text kept as a draft postmortem, for its authors to complete. */
function planPostmortem(incident: SpIncident, id: string, plan: ImportPlan): void {
  plan.files.push({
    folder: 'postmortems',
    id,
    text: frontMatter(
      { incident: id, draft: true, title: `Postmortem: ${incident.name}` },
      incident.postmortem_body ?? '',
    ),
    source: `postmortem of ${incident.id}`,
  });
  plan.counts.postmortems++;
  plan.notes.push(
    `${id}: the postmortem's text is kept as a draft; add its summary, impact, root causes and action items to publish it`,
  );
}

/** One scheduled maintenance as a window, or a note why not. */
function planMaintenance(window: SpIncident, { plan, options, componentId, takenIds }: Planning): void {
  const start = time(window.scheduled_for);
  const end = time(window.scheduled_until);
  if (!start || !end || ms(end) <= ms(start)) {
    plan.notes.push(`maintenance "${window.name}" (${window.id}) has no valid window; skipped`);
    return;
  }
  if (options.since !== undefined && ms(start) < options.since) return;
  const id = uniqueId(`${start.slice(0, 10)}-${slugify(window.name, 8)}`, takenIds);
  const updates = (window.incident_updates ?? [])
    .map((u) => ({
      at: time(u.display_at) ?? time(u.created_at),
      status: u.status,
      message: u.body?.trim() || u.status,
    }))
    .filter(
      (u): u is { at: string; status: string; message: string } =>
        u.at !== undefined && ['scheduled', 'in_progress', 'verifying', 'completed'].includes(u.status),
    )
    .sort((a, b) => ms(a.at) - ms(b.at));
  const components = (window.components ?? []).map((c) => componentId(c));
  if (components.length === 0) {
    plan.notes.push(`maintenance ${id}: names no component; skipped`);
    return;
  }
  plan.files.push({
    folder: 'maintenance',
    id,
    text: frontMatter({
      title: window.name,
      components,
      ...(time(window.created_at) ? { announced: time(window.created_at) } : {}),
      scheduled_start: start,
      scheduled_end: end,
      ...(updates.length ? { updates } : {}),
    }),
    source: `scheduled maintenance ${window.id}`,
  });
  plan.counts.maintenance++;
}

/**
 * Component phases from Statuspage's `affected_components` transitions: each component's status
 * from one update to the next. Impact ends (mitigated) when the last affected component went back to
 * operational. Without transitions, the incident's components and its impact stand for the whole.
 */
function phasesFromTransitions(
  incident: SpIncident,
  updates: (SpUpdate & { at: string })[],
  started: string,
  componentId: ComponentId,
  notes: string[],
  id: string,
): { components: Record<string, unknown>[]; mitigated: string | undefined } {
  const timelines = new Map<string, { at: string; status: string }[]>();
  for (const [index, update] of updates.entries())
    for (const change of update.affected_components ?? []) {
      const key = componentId({ code: change.code, name: change.name });
      const list = timelines.get(key) ?? [];
      if (
        list.length === 0 &&
        change.old_status &&
        change.old_status !== 'operational' &&
        IMPACT_FROM_STATUS[change.old_status]
      )
        list.push({ at: started, status: change.old_status });
      // Statuspage sets components as the incident is opened: the first update's changes date from the start.
      list.push({ at: index === 0 ? started : update.at, status: change.new_status ?? 'operational' });
      timelines.set(key, list);
    }
  const components: Record<string, unknown>[] = [];
  let lastEnd: string | undefined;
  for (const [componentKey, list] of timelines) {
    for (let i = 0; i < list.length; i++) {
      const impact = IMPACT_FROM_STATUS[list[i]!.status];
      if (!impact) continue;
      const from = list[i]!.at;
      const to = list.slice(i + 1).find((next) => next.status !== list[i]!.status)?.at;
      if (list[i - 1]?.status === list[i]!.status) continue;
      components.push({
        id: componentKey,
        impact,
        ...(from !== started ? { from } : {}),
        ...(to ? { to } : {}),
      });
      if (to && (!lastEnd || ms(to) > ms(lastEnd))) lastEnd = to;
    }
  }
  const open = components.some((c) => c.to === undefined);
  if (components.length > 0) {
    // Phases that end at mitigation need no `to`.
    if (!open && lastEnd) for (const c of components) if (c.to === lastEnd) delete c.to;
    return { components, mitigated: open ? undefined : lastEnd };
  }
  const impact = IMPACT_FROM_INDICATOR[incident.impact ?? ''] ?? 'degraded_performance';
  // Components repeated inside an incident (real exports have them) count once.
  const listed = [
    ...new Map((incident.components ?? []).filter((c) => !c.group).map((c) => [c.id, c])).values(),
  ];
  if (listed.length === 0) return { components: [], mitigated: undefined };
  notes.push(
    `${id}: no per-component status changes in the source; each component carries the incident's impact (${impact}) for its whole length`,
  );
  return { components: listed.map((c) => ({ id: componentId(c), impact })), mitigated: undefined };
}

/**
 * A time as the content writes it at its precision: "about …", a date (the day's start lies within
 * twelve hours of UTC midnight in nearly every zone), or "unknown".
 */
function written(at: string | undefined, precision: string | undefined): string | undefined {
  if (precision === 'unknown') return 'unknown';
  if (at === undefined) return undefined;
  if (precision === 'about') return `about ${at}`;
  if (precision === 'day') return isoTime(ms(at) + 12 * 3_600_000).slice(0, 10);
  return at;
}

/** What Statusmark's own record adds beyond Statuspage's fields: severity changes, first signal, detection, precision. */
function ownFacts(incident: SpIncident, data: Record<string, unknown>): void {
  const own = incident.statusmark;
  if (!own) return;
  const precision = own.precision ?? {};
  if (precision.started) data.started = written(data.started as string, precision.started);
  const signal = written(time(own.signal_at), precision.signal);
  const detected = written(time(own.detected_at), precision.detected);
  if (own.severity_changes)
    data.severity_changes = own.severity_changes.map((c) => ({ at: time(c.at), severity: c.severity }));
  if (signal) data.signal = signal;
  if (detected) data.detected = detected;
}
