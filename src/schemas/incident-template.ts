import { z } from 'astro/zod';
import { IMPACTS, INCIDENT_STATUSES } from './vocabulary.ts';
import { knownId, markdown, parseInterval, slug, text, type SchemaContext } from './common.ts';

/**
 * Incident templates, `content/templates/<id>.md`: the title, severity, components and the text of
 * the updates of a kind of incident, written once in calm and filled in by `statusmark new incident
 * --template <id>` and `statusmark update <incident> --template <id>` at 03:00.
 */

/** The placeholders every template may use, and what each becomes. */
export const PLACEHOLDERS = {
  title: "the incident's title",
  component: 'the affected components by name, such as "Payments API and Dashboard"',
  started: 'when the incident started, such as "14:30 UTC"',
  now: 'the time of the update',
  next_update: 'the time the next update is promised by',
  site: "the site's name",
  severity: "the severity's label, such as \"Major\"",
} as const;

/** `{name}` in a template's text. Braces that hold spaces are left alone (prose, not a placeholder). */
export const PLACEHOLDER_PATTERN = /\{([^{}\s]*)\}/g;

const interval = z.string().refine((value) => parseInterval(value) !== undefined, {
  message: 'must be an interval of at most a week, such as 30m, 2h or 1h30m',
});

const templateUpdateSchema = z.strictObject({
  /** The incident's status as of this update. */
  status: z.enum(INCIDENT_STATUSES),
  /** What readers are told, in Markdown, with placeholders. */
  message: markdown,
  /** When the next update is promised, from the update's time, such as 30m. */
  next_update: interval.optional(),
});

const templateObject = z.strictObject({
  /** The incident's title, with placeholders, such as "Elevated error rates on {component}". */
  title: text,
  /** A severity id from site.yaml. */
  severity: z.string(),
  /** Components affected unless `--component` names others. */
  components: z
    .array(z.strictObject({ id: z.string(), impact: z.enum(IMPACTS) }))
    .default([]),
  /** The impact of a component named with `--component <id>` and no impact. */
  impact: z.enum(IMPACTS).default('partial_outage'),
  /** Placeholders of this template's own, each with the question the CLI asks for it. */
  variables: z.record(slug, text).default({}),
  /** One update per status: the first opens the incident, the others are posted with `update --template`. */
  updates: z.array(templateUpdateSchema).min(1, 'must hold at least the first update'),
});

export type IncidentTemplate = z.output<typeof templateObject>;
export interface IncidentTemplateEntry extends IncidentTemplate {
  id: string;
  body: string;
}

/** Front matter of `content/templates/<id>.md`. */
export function createTemplateSchema(context: SchemaContext) {
  return templateObject
    .extend({
      severity: knownId(context.severityIds, 'a severity in site.yaml'),
      components: z
        .array(
          z.strictObject({
            id: knownId(context.componentIds, 'a component in components.yaml'),
            impact: z.enum(IMPACTS),
          }),
        )
        .default([]),
    })
    .superRefine((template, ctx) => {
      const seen = new Set<string>();
      template.updates.forEach((update, index) => {
        if (seen.has(update.status))
          ctx.addIssue({
            code: 'custom',
            path: ['updates', index, 'status'],
            message: `"${update.status}" is named twice; a template holds one update per status`,
          });
        seen.add(update.status);
      });
      if (template.updates[0]?.status === 'resolved')
        ctx.addIssue({
          code: 'custom',
          path: ['updates', 0, 'status'],
          message: 'must not be "resolved": the first update opens the incident',
        });
      for (const name of Object.keys(template.variables))
        if (name in PLACEHOLDERS)
          ctx.addIssue({
            code: 'custom',
            path: ['variables', name],
            message: `is a built-in placeholder; give the variable another name`,
          });
    });
}
