import { TZDate } from '@date-fns/tz';
import { z } from 'astro/zod';
import { DETECTION_METHODS, IMPACTS, INCIDENT_STATUSES, MITIGATION_METHODS, type IncidentStatus } from './vocabulary.ts';
import {
  checkNotFuture,
  checkTranslationTags,
  translations,
  knownId,
  markdown,
  readInexact,
  slug,
  text,
  timestamp,
  type Precision,
  type Precisions,
  type SchemaContext,
  isoTime,
} from './common.ts';
import { alertRecordSchema } from './alert.ts';

/** One public update, as posted to the status page (or, see `channel`, elsewhere). */
export const incidentUpdateSchema = z.strictObject({
  /** When it was posted (zoned ISO time); "about …" or a date when only that is known (a post found later). */
  at: timestamp,
  /** The incident's status as of this update; left out, the update keeps the status it had. */
  status: z.enum(INCIDENT_STATUSES).optional(),
  /** What readers are told, in Markdown; left out when the time of a post is known but not its text. */
  message: markdown.optional(),
  /** Time by which the next update is promised; may lie in the future. */
  next_update: timestamp.optional(),
  /** Where it was published when not on this page, such as "Twitter (@acme)" or "banner in the app". */
  channel: text.max(80, 'must be at most 80 characters, such as "Twitter (@acme)"').optional(),
  /** The message in the site's other languages: `translations: {de: {message: …}}`. */
  translations: translations({ message: markdown }),
});

/** One impact phase of one component. */
export const componentImpactSchema = z.strictObject({
  /** A component id from components.yaml. */
  id: z.string(),
  /** How badly it was affected. */
  impact: z.enum(IMPACTS),
  /** Start of this phase; default the incident's `started`. May be "about …" or a date. */
  from: timestamp.optional(),
  /** End of this phase; default `mitigated` (or now while unmitigated); may lie after `mitigated`; "unknown" when not known. */
  to: timestamp.optional(),
  /** Percentage affected, such as 85 ("85 % of requests failed"); uptime counts this share of each minute. */
  share: z
    .number({ message: 'must be a percentage such as 85, or "about 80"' })
    .gt(0, 'must be above 0')
    .max(100, 'must be at most 100 (a percentage)')
    .optional(),
  /** What the share is of: "requests", "users in Europe". */
  share_of: text.optional(),
  /** Where it was affected, as a list: regions, data centers. */
  locations: z.array(text).min(1, 'must list at least one location, or be left out').optional(),
  /** Where it was affected, in words: "19 data centers in Europe". */
  where: text.optional(),
});

/** A change of an incident's severity while it went on. */
const severityChangeSchema = z.strictObject({
  /** When the severity was set to this one. */
  at: timestamp,
  /** A severity id from site.yaml. */
  severity: z.string(),
});

/** Times of an incident that may be written inexactly ("about …", a date). */
export const INCIDENT_TIMES = ['signal', 'started', 'detected', 'acknowledged', 'identified', 'mitigated', 'resolved'] as const;
export type IncidentTime = (typeof INCIDENT_TIMES)[number];

const incidentShape = {
  /** Headline shown everywhere, such as "Elevated API error rates". */
  title: text,
  /** The title and body in the site's other languages: `translations: {de: {title: …, body: …}}`. */
  translations: translations({ title: text.optional(), body: markdown.optional() }),
  /** A severity id from site.yaml, such as `P2`: the severity as published last. */
  severity: z.string(),
  /** When the severity was set, raised or lowered, oldest first; reports use the highest. */
  severity_changes: z.array(severityChangeSchema).optional(),
  /** The first sign that something was wrong; may lie before `started`. */
  signal: timestamp.optional(),
  /** When impact began; may be back-dated. */
  started: timestamp,
  /** When the team learned of it; may lie before `started` (an alert before users were affected). */
  detected: timestamp.optional(),
  /** How it was detected. */
  detection: z.enum(DETECTION_METHODS).optional(),
  /** When someone took ownership. */
  acknowledged: timestamp.optional(),
  /** When the cause was identified. */
  identified: timestamp.optional(),
  /** When the cause was dealt with and impact (mostly) ended; components may recover later. */
  mitigated: timestamp.optional(),
  /** When the incident was closed; set exactly when the last update with a status is `resolved`. */
  resolved: timestamp.optional(),
  /** How impact was ended. */
  mitigation: z.enum(MITIGATION_METHODS).optional(),
  /** Affected components and how; several entries for one id describe phases; none for a notice. */
  components: z.array(componentImpactSchema).default([]),
  /**
   * The values of the incident template's variables it was opened with (`new incident --template …
   * --var provider=…`), so that `update --template` and `resolve --template` need not ask again.
   */
  template_vars: z.record(slug, text).optional(),
  /** Public updates, oldest first. */
  updates: z.array(incidentUpdateSchema).min(1, 'must have at least one update'),
  /**
   * A draft proposed by `statusmark ingest` from an alert: no page, feed, API, calendar, badge or
   * notification shows it until `statusmark publish` (or `/publish`) removes this field.
   */
  draft: z.boolean().optional(),
  /** The alert group the incident was proposed from (docs/alerts.md). */
  alert: alertRecordSchema.optional(),
};

type IncidentFields = z.output<z.ZodObject<typeof incidentShape>>;

const DAY = 24 * 60 * 60_000;

/**
 * Reads the inexact forms of an incident's times and shares ("about …", a date, "unknown") into the
 * exact values the schema checks, and notes each one's precision by path.
 */
function readInexactFields(raw: unknown, zone: string): { raw: unknown; precision: Record<string, Precision> } {
  const precision: Record<string, Precision> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { raw, precision };
  const read = (target: Record<string, unknown>, key: string, path: string, options: { unknownAllowed?: boolean; number?: boolean } = {}) => {
    if (!(key in target)) return;
    const result = readInexact(target[key], { zone, ...options });
    if (!result.precision) return;
    precision[path] = result.precision;
    if (result.value === undefined) delete target[key];
    else target[key] = result.value;
  };
  const incident = { ...(raw as Record<string, unknown>) };
  for (const key of INCIDENT_TIMES) read(incident, key, key);
  if (Array.isArray(incident.updates)) {
    incident.updates = incident.updates.map((update: unknown, index) => {
      if (!update || typeof update !== 'object' || Array.isArray(update)) return update;
      const copy = { ...(update as Record<string, unknown>) };
      read(copy, 'at', `updates.${index}.at`);
      return copy;
    });
  }
  if (Array.isArray(incident.components)) {
    incident.components = incident.components.map((entry: unknown, index) => {
      if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return entry;
      const copy = { ...(entry as Record<string, unknown>) };
      read(copy, 'from', `components.${index}.from`);
      read(copy, 'to', `components.${index}.to`, { unknownAllowed: true });
      read(copy, 'share', `components.${index}.share`, { number: true });
      return copy;
    });
  }
  return { raw: incident, precision };
}

/** The span a time may lie in: a day-precise time is anywhere in its day. */
function span(incident: IncidentFields, key: IncidentTime, precision: Precisions): [number, number] | undefined {
  const at = incident[key];
  if (at === undefined) return undefined;
  return [at, precision[key] === 'day' ? at + DAY - 1 : at];
}

/** Pairs of times whose order is a rule: impact starts before it ends; a signal comes before detection. */
const ORDER: [IncidentTime, IncidentTime][] = [
  ['signal', 'detected'],
  ['detected', 'acknowledged'],
  ['signal', 'acknowledged'],
  ['started', 'mitigated'],
  ['mitigated', 'resolved'],
  ['started', 'resolved'],
  ['detected', 'resolved'],
];

/** A time as the author wrote it: a date when only the day is known, not that day's midnight in UTC. */
function asWritten(at: number, precision: Precision | undefined, zone: string): string {
  return precision === 'day' ? new TZDate(at, zone).toISOString().slice(0, 10) : isoTime(at);
}

function checkOrder(incident: IncidentFields, precision: Precisions, issue: Issue, zone: string): void {
  for (const [earlier, later] of ORDER) {
    const a = span(incident, earlier, precision);
    const b = span(incident, later, precision);
    if (a && b && b[1] < a[0]) {
      const [from, to] = [asWritten(a[0], precision[earlier], zone), asWritten(b[0], precision[later], zone)];
      issue([later], `must not be before ${earlier} (${from}); ${later} is ${to}`);
    }
  }
}

type Issue = (path: (string | number)[], message: string) => void;

/** The earliest time the incident speaks of: its signal, detection or start. */
function firstKnown(incident: IncidentFields): number {
  return Math.min(incident.started, incident.signal ?? Infinity, incident.detected ?? Infinity);
}

function checkResolution(incident: IncidentFields, issue: Issue): void {
  const lastStated = incident.updates.findLast((u) => u.status !== undefined);
  const lastStatus = lastStated?.status;
  if (incident.resolved !== undefined && lastStatus !== 'resolved') {
    issue(
      ['resolved'],
      lastStatus === undefined
        ? 'is set but no update has a status; give the closing update status: resolved, or remove resolved'
        : `is set but the last update's status is "${lastStatus}"; add a final update with status: resolved, or remove resolved`,
    );
  }
  if (incident.resolved === undefined && lastStatus === 'resolved') {
    issue(
      ['resolved'],
      `is missing although the last update's status is "resolved"; set resolved to the time the incident was closed (${isoTime(lastStated!.at)})`,
    );
  }
  if (incident.resolved !== undefined && incident.mitigated === undefined) {
    issue(
      ['mitigated'],
      'is missing on a resolved incident; set mitigated to the time impact ended (often the same as resolved)',
    );
  }
}

function checkUpdates(
  incident: IncidentFields,
  precision: Precisions,
  issue: Issue,
  context: SchemaContext,
  ctx: z.RefinementCtx,
): void {
  const first = firstKnown(incident);
  const dayOf = (index: number) => precision[`updates.${index}.at`] === 'day';
  const lastStatedIndex = incident.updates.findLastIndex((u) => u.status !== undefined);
  incident.updates.forEach((update, index) => {
    checkNotFuture(ctx, context.now, update.at, ['updates', index, 'at']);
    const previous = incident.updates[index - 1];
    // A post known only to its day may be any time that day: only a whole day before is out of order.
    const latest = update.at + (dayOf(index) ? DAY - 1 : 0);
    const after = previous?.at ?? -Infinity;
    if (dayOf(index) || dayOf(index - 1) ? latest < after : update.at <= after) {
      issue(
        ['updates', index, 'at'],
        `must be later than updates[${index - 1}].at (${asWritten(after, precision[`updates.${index - 1}.at`], context.timeZone ?? 'UTC')}); list updates oldest first`,
      );
    }
    if (update.at < first && !(dayOf(index) && update.at + DAY > first)) {
      issue(
        ['updates', index, 'at'],
        `is before started (${isoTime(incident.started)}); move started back to when impact began, or set signal or detected to when the first sign came`,
      );
    }
    if (update.status === 'resolved' && index < lastStatedIndex) {
      issue(
        ['updates', index, 'status'],
        'is "resolved" but later updates change the status; only the last update with a status may resolve the incident (updates after it may leave status out)',
      );
    }
    if (update.next_update !== undefined && update.next_update <= update.at) {
      issue(['updates', index, 'next_update'], `must be after the update's own time (${isoTime(update.at)})`);
    }
  });
}

function checkPhases(incident: IncidentFields, precision: Precisions, issue: Issue, context: SchemaContext, ctx: z.RefinementCtx): void {
  const latest = incident.resolved ?? context.now;
  // A date alone may be any time that day: compared at the coarser precision, as in checkOrder.
  const latestEnd = precision.resolved === 'day' ? latest + DAY - 1 : latest;
  const first = firstKnown(incident);
  incident.components.forEach((entry, index) => {
    const from = entry.from ?? incident.started;
    const fromEnd = precision[`components.${index}.from`] === 'day' ? from + DAY - 1 : from;
    if (entry.from !== undefined && fromEnd < first) {
      issue(['components', index, 'from'], `is before the incident started (${isoTime(incident.started)})`);
    }
    if (entry.to !== undefined) {
      checkNotFuture(ctx, context.now, entry.to, ['components', index, 'to']);
      const toEnd = precision[`components.${index}.to`] === 'day' ? entry.to + DAY : entry.to;
      if (toEnd <= from) issue(['components', index, 'to'], `must be after from (${isoTime(from)})`);
    }
    if (entry.from !== undefined && entry.from > latestEnd) {
      issue(
        ['components', index, 'from'],
        `is after ${incident.resolved !== undefined ? 'resolved' : 'the build clock'} (${isoTime(latest)})`,
      );
    }
    if (entry.share_of !== undefined && entry.share === undefined) {
      issue(['components', index, 'share_of'], 'says what a share is of, but share is missing; add share: <percent>, or remove share_of');
    }
  });
}

function checkSeverityChanges(incident: IncidentFields, issue: Issue, context: SchemaContext, ctx: z.RefinementCtx): void {
  const first = firstKnown(incident);
  (incident.severity_changes ?? []).forEach((change, index) => {
    checkNotFuture(ctx, context.now, change.at, ['severity_changes', index, 'at']);
    const previous = incident.severity_changes![index - 1];
    if (previous && change.at <= previous.at)
      issue(['severity_changes', index, 'at'], `must be later than severity_changes[${index - 1}].at (${isoTime(previous.at)}); list changes oldest first`);
    if (change.at < first)
      issue(['severity_changes', index, 'at'], `is before the incident started (${isoTime(incident.started)})`);
  });
  const last = incident.severity_changes?.at(-1);
  if (last && last.severity !== incident.severity)
    issue(['severity'], `is "${incident.severity}" but the last severity change sets "${last.severity}"; severity is the one published last`);
}

/** Checks the rules between fields of one incident and against the site (ids, clock). */
function refineIncident(
  incident: IncidentFields,
  ctx: z.RefinementCtx,
  context: SchemaContext,
  precision: Precisions,
): void {
  const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path, message });
  for (const key of INCIDENT_TIMES) checkNotFuture(ctx, context.now, incident[key], [key]);
  checkTranslationTags(ctx, ['translations'], incident.translations, context);
  incident.updates.forEach((update, index) =>
    checkTranslationTags(ctx, ['updates', index, 'translations'], update.translations, context),
  );
  checkOrder(incident, precision, issue, context.timeZone ?? 'UTC');
  checkResolution(incident, issue);
  checkUpdates(incident, precision, issue, context, ctx);
  checkPhases(incident, precision, issue, context, ctx);
  checkSeverityChanges(incident, issue, context, ctx);
}

/**
 * Each update with the status it carries: its own, else the one before it (an update without a status
 * keeps the incident's status); `stated` says whether the author wrote it. Updates before any status
 * count as investigating: the incident is open.
 */
function carryStatuses(updates: IncidentFields['updates']): IncidentUpdate[] {
  let status: IncidentStatus = 'investigating';
  return updates.map((update) => {
    status = update.status ?? status;
    const text = update.message === undefined ? { message: '', unpublished: true } : { message: update.message };
    return { ...update, ...text, status, stated: update.status !== undefined };
  });
}

/** Front matter of `content/incidents/**\/<id>.md`; the file's base name is the id. */
export function createIncidentSchema(context: SchemaContext) {
  // References to site.yaml and components.yaml are checked field by field, so that they show with
  // the file's other mistakes instead of after those are fixed (the cross-field rules need a whole
  // valid incident and run last).
  const severity = knownId(context.severityIds, 'a severity in site.yaml');
  const fields = z.strictObject({
    ...incidentShape,
    severity,
    severity_changes: z.array(severityChangeSchema.extend({ severity })).optional(),
    components: z
      .array(componentImpactSchema.extend({ id: knownId(context.componentIds, 'a component in components.yaml') }))
      .default([]),
  });
  // Parsing is synchronous: the precision read from one file's raw text is attached to that file's
  // result by the transform below, before the next file is parsed.
  let precision: Record<string, Precision> = {};
  return z.preprocess(
    (raw) => {
      const read = readInexactFields(raw, context.timeZone ?? 'UTC');
      precision = read.precision;
      return read.raw;
    },
    fields
      .superRefine((incident, ctx) => refineIncident(incident, ctx, context, precision))
      .transform((incident): Incident => ({ ...incident, updates: carryStatuses(incident.updates), precision })),
  );
}

/** The fields of an incident file, for editors' JSON Schemas (the inexact forms are strings there too). */
export const incidentFileSchema = z.strictObject({
  ...incidentShape,
  components: z.array(
    componentImpactSchema.extend({
      share: z.union([componentImpactSchema.shape.share, z.string().regex(/^(about|approximately|~)\s*\d/i)]),
    }),
  ),
});

export type Incident = Omit<IncidentFields, 'updates'> & {
  updates: IncidentUpdate[];
  /** The precision of inexact times and shares, by path (`started`, `components.0.to`); exact ones are absent. */
  precision: Precisions;
};
export type IncidentUpdate = Omit<z.output<typeof incidentUpdateSchema>, 'status' | 'message'> & {
  /** In Markdown; for an update whose text is not available, the site's words saying so (content.ts). */
  message: string;
  /** True when the file gives no text: the time of the post is known, its words are not. */
  unpublished?: boolean;
  /** The status the incident had after this update: its own, or carried from the one before. */
  status: IncidentStatus;
  /** Whether the update itself said so (false: a post without a status change). */
  stated: boolean;
};
/** An incident with its id and Markdown body, as the site uses it. */
export interface IncidentEntry extends Incident {
  id: string;
  body: string;
}
