import { z } from 'astro/zod';
import { DETECTION_METHODS, IMPACTS, INCIDENT_STATUSES, MITIGATION_METHODS } from './vocabulary.ts';
import {
  checkNotFuture,
  checkTranslationTags,
  translations,
  knownId,
  markdown,
  text,
  timestamp,
  type SchemaContext,
  isoTime,
} from './common.ts';

/** One public update, as posted to the status page. */
export const incidentUpdateSchema = z.strictObject({
  /** When it was posted (zoned ISO time). */
  at: timestamp,
  /** The incident's status as of this update. */
  status: z.enum(INCIDENT_STATUSES),
  /** What readers are told, in Markdown. */
  message: markdown,
  /** Time by which the next update is promised; may lie in the future. */
  next_update: timestamp.optional(),
  /** The message in the site's other languages: `translations: {de: {message: …}}`. */
  translations: translations({ message: markdown }),
});

/** One impact phase of one component. */
export const componentImpactSchema = z.strictObject({
  /** A component id from components.yaml. */
  id: z.string(),
  /** How badly it was affected. */
  impact: z.enum(IMPACTS),
  /** Start of this phase; default the incident's `started`. */
  from: timestamp.optional(),
  /** End of this phase; default `mitigated` (or now while unmitigated). */
  to: timestamp.optional(),
});

const incidentShape = {
  /** Headline shown everywhere, such as "Elevated API error rates". */
  title: text,
  /** The title and body in the site's other languages: `translations: {de: {title: …, body: …}}`. */
  translations: translations({ title: text.optional(), body: markdown.optional() }),
  /** A severity id from site.yaml, such as `P2`. */
  severity: z.string(),
  /** When impact began; may be back-dated. */
  started: timestamp,
  /** When the team learned of it. */
  detected: timestamp.optional(),
  /** How it was detected. */
  detection: z.enum(DETECTION_METHODS).optional(),
  /** When someone took ownership. */
  acknowledged: timestamp.optional(),
  /** When the cause was identified. */
  identified: timestamp.optional(),
  /** When impact ended. */
  mitigated: timestamp.optional(),
  /** When the incident was closed; set exactly when the last update is `resolved`. */
  resolved: timestamp.optional(),
  /** How impact was ended. */
  mitigation: z.enum(MITIGATION_METHODS).optional(),
  /** Affected components and how; several entries for one id describe phases. */
  components: z.array(componentImpactSchema).min(1, 'must name at least one affected component'),
  /** Public updates, oldest first. */
  updates: z.array(incidentUpdateSchema).min(1, 'must have at least one update'),
};

type IncidentFields = z.output<z.ZodObject<typeof incidentShape>>;

/** Checks the rules between fields of one incident and against the site (ids, clock). */
function refineIncident(incident: IncidentFields, ctx: z.RefinementCtx, context: SchemaContext): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });

  for (const key of ['started', 'detected', 'acknowledged', 'identified', 'mitigated', 'resolved'] as const) {
    checkNotFuture(ctx, context.now, incident[key], [key]);
  }
  checkTranslationTags(ctx, ['translations'], incident.translations, context);
  incident.updates.forEach((update, index) =>
    checkTranslationTags(ctx, ['updates', index, 'translations'], update.translations, context),
  );

  // started ≤ detected ≤ acknowledged, started ≤ identified, started ≤ mitigated ≤ resolved.
  const order: [keyof IncidentFields, keyof IncidentFields][] = [
    ['started', 'detected'],
    ['detected', 'acknowledged'],
    ['started', 'acknowledged'],
    ['started', 'identified'],
    ['started', 'mitigated'],
    ['mitigated', 'resolved'],
    ['started', 'resolved'],
  ];
  for (const [earlier, later] of order) {
    const a = incident[earlier] as number | undefined;
    const b = incident[later] as number | undefined;
    if (a !== undefined && b !== undefined && b < a) {
      issue([later], `must not be before ${earlier} (${isoTime(a)}); ${later} is ${isoTime(b)}`);
    }
  }

  const last = incident.updates.at(-1);
  if (incident.resolved !== undefined && last?.status !== 'resolved') {
    issue(
      ['resolved'],
      `is set but the last update's status is "${last?.status}"; add a final update with status: resolved, or remove resolved`,
    );
  }
  if (incident.resolved === undefined && last?.status === 'resolved') {
    issue(
      ['resolved'],
      `is missing although the last update's status is "resolved"; set resolved to the time the incident was closed (${isoTime(last.at)})`,
    );
  }
  if (incident.resolved !== undefined && incident.mitigated === undefined) {
    issue(
      ['mitigated'],
      'is missing on a resolved incident; set mitigated to the time impact ended (often the same as resolved)',
    );
  }

  incident.updates.forEach((update, index) => {
    checkNotFuture(ctx, context.now, update.at, ['updates', index, 'at']);
    const previous = incident.updates[index - 1];
    if (previous && update.at <= previous.at) {
      issue(
        ['updates', index, 'at'],
        `must be later than updates[${index - 1}].at (${isoTime(previous.at)}); list updates oldest first`,
      );
    }
    if (update.at < incident.started) {
      issue(
        ['updates', index, 'at'],
        `is before started (${isoTime(incident.started)}); move started back to when impact began`,
      );
    }
    if (update.status === 'resolved' && index < incident.updates.length - 1) {
      issue(
        ['updates', index, 'status'],
        'is "resolved" but later updates follow; only the last update may resolve the incident',
      );
    }
    if (update.next_update !== undefined && update.next_update <= update.at) {
      issue(
        ['updates', index, 'next_update'],
        `must be after the update's own time (${isoTime(update.at)})`,
      );
    }
  });

  const end = incident.mitigated ?? context.now;
  incident.components.forEach((entry, index) => {
    const from = entry.from ?? incident.started;
    if (entry.from !== undefined && entry.from < incident.started) {
      issue(['components', index, 'from'], `is before the incident started (${isoTime(incident.started)})`);
    }
    if (entry.to !== undefined) {
      checkNotFuture(ctx, context.now, entry.to, ['components', index, 'to']);
      if (entry.to <= from) issue(['components', index, 'to'], `must be after from (${isoTime(from)})`);
      if (incident.mitigated !== undefined && entry.to > end) {
        issue(
          ['components', index, 'to'],
          `is after mitigated (${isoTime(end)}); impact cannot outlast the incident's mitigation`,
        );
      }
    }
    if (entry.from !== undefined && entry.from > end) {
      issue(
        ['components', index, 'from'],
        `is after ${incident.mitigated !== undefined ? 'mitigated' : 'the build clock'} (${isoTime(end)})`,
      );
    }
  });
}

/** Front matter of `content/incidents/**\/<id>.md`; the file's base name is the id. */
export function createIncidentSchema(context: SchemaContext) {
  // References to site.yaml and components.yaml are checked field by field, so that they show with
  // the file's other mistakes instead of after those are fixed (the cross-field rules need a whole
  // valid incident and run last).
  return z
    .strictObject({
      ...incidentShape,
      severity: knownId(context.severityIds, 'a severity in site.yaml'),
      components: z
        .array(componentImpactSchema.extend({ id: knownId(context.componentIds, 'a component in components.yaml') }))
        .min(1, 'must name at least one affected component'),
    })
    .superRefine((incident, ctx) => refineIncident(incident, ctx, context));
}

export type Incident = IncidentFields;
export type IncidentUpdate = z.output<typeof incidentUpdateSchema>;
export type ComponentImpact = z.output<typeof componentImpactSchema>;
/** An incident with its id and Markdown body, as the site uses it. */
export interface IncidentEntry extends Incident {
  id: string;
  body: string;
}
