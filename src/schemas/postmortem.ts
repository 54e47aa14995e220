import { z } from 'astro/zod';
import { ACTION_ITEM_STATUSES, ACTION_ITEM_TYPES, FISHBONE_CATEGORIES } from './vocabulary.ts';
import { checkNotFuture, plainDate, text, timestamp, type SchemaContext } from './common.ts';

/** Owners that name nobody: an action item needs a person or a team that will do it. */
const VAGUE_OWNERS = /^(the )?(team|everyone|all|nobody|none|tbd|n\/a|someone|us|we)$/i;

export const actionItemSchema = z.strictObject({
  /** What will change, as an imperative: "Add a canary stage to the deploy pipeline". */
  title: text,
  /** A named person or team, such as "@jsmith" or "Platform team". */
  owner: text.refine((owner) => !VAGUE_OWNERS.test(owner), {
    message: 'must name a person or a team (such as "@dana" or "Platform team"), not a placeholder',
  }),
  /** What it does about the failure. */
  type: z.enum(ACTION_ITEM_TYPES),
  /** Priority, such as P1 (urgent) … P3. */
  priority: z.string().regex(/^P[0-4]$/, 'must be P0, P1, P2, P3 or P4'),
  /** Where the work stands. */
  status: z.enum(ACTION_ITEM_STATUSES),
  /** Date it is due (YYYY-MM-DD). */
  due: plainDate.optional(),
  /** Date it was finished (YYYY-MM-DD), for done items; the ledger's on-time share uses it. */
  completed: plainDate.optional(),
  /** Link to the tracking issue. */
  link: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL of the tracking issue' }).optional(),
});

const postmortemObject = z.strictObject({
  /** Id of the incident this postmortem is about (the incident file's base name). */
  incident: z.string(),
  /** Title; default "Postmortem: <incident title>". */
  title: text.optional(),
  /** When it was published (zoned ISO time). */
  published: timestamp.optional(),
  /** Drafts are checked but never built. */
  draft: z.boolean().default(false),
  /** Who wrote it. */
  authors: z.array(text).default([]),
  /** One paragraph in plain language: what happened, to whom, for how long. */
  summary: text.optional(),
  impact: z
    .strictObject({
      /** Who was affected and how, with numbers where known. */
      description: text.optional(),
      /** Whether any customer data was lost; always answered before publishing (a draft may leave it). */
      data_loss: z.boolean().optional(),
    })
    .optional(),
  /** The event that set it off (a deploy, a traffic spike …). */
  trigger: text.optional(),
  /** The conditions that let the trigger cause harm. */
  root_causes: z.array(text).default([]),
  /** Fishbone categories of what made it worse. */
  contributing_factors: z
    .array(z.strictObject({ category: z.enum(FISHBONE_CATEGORIES), description: text }))
    .default([]),
  /** A chain of "why?" answers, from symptom to cause. */
  five_whys: z.array(text).default([]),
  /** Swiss-cheese layers and whether each held. */
  defenses: z.array(z.strictObject({ layer: text, held: z.boolean(), note: text.optional() })).default([]),
  lessons: z
    .strictObject({
      went_well: z.array(text).default([]),
      went_wrong: z.array(text).default([]),
      got_lucky: z.array(text).default([]),
    })
    .default({ went_well: [], went_wrong: [], got_lucky: [] }),
  /** Follow-up work, tracked until done. */
  action_items: z.array(actionItemSchema).default([]),
});
type PostmortemFields = z.output<typeof postmortemObject>;

/** Words a scaffold leaves for the author to replace; none may be published. */
export const PLACEHOLDER = /\b(TODO|TBD|FIXME|XXX)\b|\?\?\?/;

/** Every text of a postmortem with its path, for the placeholder rule. */
function texts(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => texts(item, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => texts(item, [...path, key]));
  return [];
}

function refinePostmortem(pm: PostmortemFields, ctx: z.RefinementCtx, context: SchemaContext): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  checkNotFuture(ctx, context.now, pm.published, ['published']);
  if (!pm.draft) {
    // A published postmortem must answer the questions readers come with.
    if (pm.published === undefined)
      issue(['published'], 'is required unless draft: true; set it to the publication time');
    if (pm.summary === undefined)
      issue(['summary'], 'is required for a published postmortem; write one plain-language paragraph');
    if (pm.impact === undefined)
      issue(
        ['impact'],
        'is required for a published postmortem; describe the impact and answer data_loss: true or false',
      );
    else if (pm.impact.data_loss === undefined)
      issue(['impact', 'data_loss'], 'is required (true or false) for a published postmortem');
    for (const { path, text } of texts(pm)) {
      const found = PLACEHOLDER.exec(text)?.[0];
      if (found)
        issue(path, `still holds the placeholder "${found}"; write the real text, or keep draft: true until it is ready`);
    }
    if (pm.root_causes.length === 0)
      issue(['root_causes'], 'needs at least one root cause for a published postmortem');
    if (pm.action_items.length === 0)
      issue(['action_items'], 'needs at least one action item for a published postmortem');
  }
  pm.action_items.forEach((item, index) => {
    if (item.completed !== undefined && item.status !== 'done') {
      issue(
        ['action_items', index, 'completed'],
        `is set but the status is "${item.status}"; set status: done, or remove completed`,
      );
    }
    if (item.completed !== undefined && item.completed > context.now) {
      issue(
        ['action_items', index, 'completed'],
        'is in the future; set it to the date the work was finished',
      );
    }
  });
}

/** Front matter of `content/postmortems/**\/<id>.md`. */
export function createPostmortemSchema(context: SchemaContext) {
  // The incident reference is checked on its own field, so it shows with the file's other mistakes.
  const incidentIds = context.incidentIds;
  const incident = z.string().superRefine((id, ctx) => {
    if (incidentIds && !incidentIds.has(id))
      ctx.addIssue({
        code: 'custom',
        message: `"${id}" is not an incident; use the base name of a file under content/incidents/`,
      });
  });
  return postmortemObject.extend({ incident }).superRefine((pm, ctx) => refinePostmortem(pm, ctx, context));
}

export type Postmortem = PostmortemFields;
export type ActionItem = z.output<typeof actionItemSchema>;
export interface PostmortemEntry extends Postmortem {
  id: string;
  body: string;
}
