import { z } from 'astro/zod';
import {
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
  DATA_LOSS_EXTENTS,
  DEFENSE_PURPOSES,
  FISHBONE_CATEGORIES,
  type DataLossExtent,
  type DefenseResult,
} from './vocabulary.ts';
import {
  checkNotFuture,
  isoTime,
  listOf,
  plainDate,
  readInexact,
  text,
  timestamp,
  type Precision,
  type SchemaContext,
} from './common.ts';

const DAY = 24 * 60 * 60_000;

/** Owners that name nobody: an action item needs a person or a team that will do it. */
const VAGUE_OWNERS = /^(the )?(team|everyone|all|nobody|none|tbd|n\/a|someone|us|we)$/i;

export const actionItemSchema = z.strictObject({
  /** What will change, as an imperative: "Add a canary stage to the deploy pipeline". */
  title: text,
  /** A named person or team, such as "@jsmith" or "Platform team"; leave it out when none was published. */
  owner: text
    .refine((owner) => !VAGUE_OWNERS.test(owner), {
      message: 'must name a person or a team (such as "@dana" or "Platform team"), not a placeholder',
    })
    .optional(),
  /** What it does about the failure. */
  type: z.enum(ACTION_ITEM_TYPES),
  /** Priority, such as P1 (urgent) … P3; leave it out when none was published. */
  priority: z.string().regex(/^P[0-4]$/, 'must be P0, P1, P2, P3 or P4').optional(),
  /** Where the work stands. */
  status: z.enum(ACTION_ITEM_STATUSES),
  /** The date `status` was last known (YYYY-MM-DD); without it, the status is kept current. */
  as_of: plainDate.optional(),
  /** Date it is due (YYYY-MM-DD). */
  due: plainDate.optional(),
  /** Date it was finished (YYYY-MM-DD), for done items; the ledger's on-time share uses it. */
  completed: plainDate.optional(),
  /** Link to the tracking issue. */
  link: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL of the tracking issue' }).optional(),
});

/** What a value is, in the author's words, for "got …" in a message. */
function describeInput(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping of fields';
  if (typeof value === 'string') return `the text "${value}"`;
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

/** The first mistake in a mapping, with its field, in the words the loader uses for one field. */
function describeFieldMistake(fields: z.ZodType, input: unknown): string | undefined {
  const issue = fields.safeParse(input, { reportInput: true }).error?.issues[0];
  if (!issue) return undefined;
  const field = issue.path.map(String).join('.');
  if (issue.code === 'invalid_value' && issue.input === undefined)
    return `needs "${field}:", one of ${listOf(issue.values.map(String))}`;
  if (issue.code === 'invalid_value')
    return `${field} must be one of ${listOf(issue.values.map(String))}, got ${describeInput(issue.input)}`;
  if (issue.code === 'invalid_type')
    return issue.input === undefined
      ? `needs "${field}:"`
      : `${field} must be ${issue.expected === 'string' ? 'text' : issue.expected}, got ${describeInput(issue.input)}`;
  return `${field} ${issue.message}`;
}

/**
 * A field written in one of several shapes (true/false, a word, a mapping). Zod reports a mistake
 * inside the mapping as "matches no shape", so the mistake is found again and named with its field.
 */
function oneOf<const T extends readonly [z.ZodType, z.ZodType, ...z.ZodType[]]>(
  options: T,
  allowed: string,
  fields?: z.ZodType,
) {
  return z.union(options, {
    error: (issue) => {
      const input: unknown = issue.input;
      const inFields =
        fields && input !== null && typeof input === 'object' && !Array.isArray(input)
          ? describeFieldMistake(fields, input)
          : undefined;
      return inFields ?? `must be ${allowed}; got ${describeInput(input)}`;
    },
  });
}

/**
 * A time of a lost-data window: exact, "about …", or a date (some time that day, in the site's zone).
 * Read into epoch milliseconds and how precisely it is known.
 */
function knownTime(zone: string) {
  return z.string().transform((written, ctx) => {
    const read = readInexact(written, { zone });
    const parsed = timestamp.safeParse(read.value);
    if (!parsed.success) {
      for (const { message } of parsed.error.issues) ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return { at: parsed.data, precision: read.precision };
  });
}

/** The detail of lost data, as published; `extent` alone is the short form. */
function dataLossDetail(zone: string) {
  return z.strictObject({
    /** How much was lost; `not_stated` when the postmortem does not say. */
    extent: z.enum(DATA_LOSS_EXTENTS),
    /** What was lost, such as "Database records (projects, issues, comments)". */
    what: text.optional(),
    /** The window whose data was lost: zoned ISO times, "about …", or a date. */
    from: knownTime(zone).optional(),
    to: knownTime(zone).optional(),
    /** How much, as published: "about 5,000 projects", or a number. */
    count: z.union([z.number().nonnegative(), text]).optional(),
    /** What was not affected, such as "Git repositories and wikis". */
    not_affected: text.optional(),
  });
}

export interface DataLoss {
  extent: DataLossExtent;
  what?: string;
  /** Start and end of the window whose data was lost (epoch ms). */
  from?: number;
  to?: number;
  /** How precisely `from` and `to` are known; exact ones are absent. */
  precision: Partial<Record<'from' | 'to', Precision>>;
  count?: string | number;
  not_affected?: string;
}

/** `impact.data_loss`: `true`/`false`, a word, or the detail; always read into a `DataLoss`. */
function dataLossSchema(zone: string) {
  const detail = dataLossDetail(zone);
  return oneOf(
    [z.boolean(), z.enum(DATA_LOSS_EXTENTS), detail],
    'true, false, none, some, unknown or not_stated (the postmortem does not say), or a mapping with extent:',
    detail,
  ).transform((loss): DataLoss => {
    if (typeof loss === 'boolean') return { extent: loss ? 'some' : 'none', precision: {} };
    if (typeof loss === 'string') return { extent: loss, precision: {} };
    const { from, to, ...rest } = loss;
    const precision: DataLoss['precision'] = {};
    if (from?.precision) precision.from = from.precision;
    if (to?.precision) precision.to = to.precision;
    return { ...rest, ...(from && { from: from.at }), ...(to && { to: to.at }), precision };
  });
}

function impactSchema(zone: string) {
  return z.strictObject({
    /** Who was affected and how, with numbers where known. */
    description: text.optional(),
    /**
     * Whether customer data was lost: true/false, none/some/unknown/not_stated, or `extent:` with
     * what, when and how much. Always answered before publishing (a draft may leave it).
     */
    data_loss: dataLossSchema(zone).optional(),
  });
}

/** One "why?" chain: the question asked and its answers, from symptom to cause. */
const whyChain = z.strictObject({ question: text, answers: z.array(text).min(1, 'needs at least one answer') });
export interface WhyChain {
  /** Absent for the one chain written as a plain list of answers. */
  question?: string;
  answers: string[];
}

const fiveWhys = z
  .array(oneOf([text, whyChain], 'an answer (text) or a mapping with question: and answers:', whyChain))
  .superRefine((items, ctx) => {
    const chains = items.filter((item) => typeof item !== 'string').length;
    if (chains > 0 && chains < items.length)
      ctx.addIssue({
        code: 'custom',
        message:
          'mixes answers and chains; write either one chain as a list of answers, or every chain as question: with answers:',
      });
  })
  .transform((items): WhyChain[] => {
    const answers = items.filter((item) => typeof item === 'string');
    if (answers.length === items.length) return answers.length > 0 ? [{ answers }] : [];
    return items.filter((item) => typeof item !== 'string');
  });

const categorisedFactor = z.strictObject({ category: z.enum(FISHBONE_CATEGORIES).optional(), description: text });
export type ContributingFactor = z.output<typeof categorisedFactor>;

const contributingFactor = oneOf(
  [text, categorisedFactor],
  'text, or a mapping with description: (and category:)',
  categorisedFactor,
).transform((factor): ContributingFactor => (typeof factor === 'string' ? { description: factor } : factor));

/** `held` in one word, for drawings and tables. */
function defenseResult(held: boolean | 'partly'): DefenseResult {
  return held === 'partly' ? 'partly' : held ? 'held' : 'failed';
}

const defense = z
  .strictObject({
    layer: text,
    /** Whether the layer stopped the hazard: true, false or partly. */
    held: oneOf([z.boolean(), z.literal('partly')], 'true, false or partly'),
    /** What the layer is for. */
    purpose: z.enum(DEFENSE_PURPOSES).optional(),
    note: text.optional(),
  })
  .transform((d) => ({ ...d, result: defenseResult(d.held) }));

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
  impact: impactSchema('UTC').optional(),
  /** The event that set it off (a deploy, a traffic spike …). */
  trigger: text.optional(),
  /** The conditions that let the trigger cause harm. */
  root_causes: z.array(text).default([]),
  /** What made it worse, in the postmortem's order: text, or fishbone category and description. */
  contributing_factors: z.array(contributingFactor).default([]),
  /** One chain of "why?" answers (a list), or several chains, each with its question. */
  five_whys: fiveWhys.default([]),
  /** Swiss-cheese layers and whether each held. */
  defenses: z.array(defense).default([]),
  lessons: z
    .strictObject({
      went_well: z.array(text).default([]),
      went_wrong: z.array(text).default([]),
      got_lucky: z.array(text).default([]),
    })
    .default({ went_well: [], went_wrong: [], got_lucky: [] }),
  /** The date the action items' statuses were last known (YYYY-MM-DD), unless an item says its own. */
  action_items_as_of: plainDate.optional(),
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

type Issue = (path: (string | number)[], message: string) => void;

/** A published postmortem must answer the questions readers come with. */
function refinePublished(pm: PostmortemFields, issue: Issue): void {
  if (pm.published === undefined) issue(['published'], 'is required unless draft: true; set it to the publication time');
  if (pm.summary === undefined)
    issue(['summary'], 'is required for a published postmortem; write one plain-language paragraph');
  if (pm.impact === undefined)
    issue(
      ['impact'],
      'is required for a published postmortem; describe the impact and answer data_loss: true or false (or not_stated when the postmortem does not say)',
    );
  else if (pm.impact.data_loss === undefined)
    issue(
      ['impact', 'data_loss'],
      'is required (true or false) for a published postmortem; write none, some or unknown, or not_stated when the postmortem does not say',
    );
  for (const { path, text } of texts(pm)) {
    const found = PLACEHOLDER.exec(text)?.[0];
    if (found)
      issue(path, `still holds the placeholder "${found}"; write the real text, or keep draft: true until it is ready`);
  }
  if (pm.root_causes.length === 0) issue(['root_causes'], 'needs at least one root cause for a published postmortem');
  if (pm.action_items.length === 0)
    issue(['action_items'], 'needs at least one action item for a published postmortem');
}

/** Dates that must not lie after the build clock, and a lost-data window that runs forwards. */
function refineDates(pm: PostmortemFields, issue: Issue, now: number): void {
  const loss = pm.impact?.data_loss;
  for (const key of ['from', 'to'] as const) {
    const at = loss?.[key];
    if (at !== undefined && at > now)
      issue(['impact', 'data_loss', key], `${isoTime(at)} is after the build clock (${isoTime(now)}); check the date and year`);
  }
  // A date is the whole day: its end is what must not lie before the start.
  const toEnd = loss?.to !== undefined && loss.precision.to === 'day' ? loss.to + DAY - 1 : loss?.to;
  if (loss?.from !== undefined && toEnd !== undefined && toEnd < loss.from)
    issue(['impact', 'data_loss', 'to'], `must not be before from (${isoTime(loss.from)})`);
  if (pm.action_items_as_of !== undefined && pm.action_items_as_of > now)
    issue(['action_items_as_of'], 'is in the future; set it to the date the statuses were last known');
  pm.action_items.forEach((item, index) => {
    if (item.completed !== undefined && item.status !== 'done') {
      issue(
        ['action_items', index, 'completed'],
        `is set but the status is "${item.status}"; set status: done, or remove completed`,
      );
    }
    if (item.completed !== undefined && item.completed > now) {
      issue(['action_items', index, 'completed'], 'is in the future; set it to the date the work was finished');
    }
    if (item.as_of !== undefined && item.as_of > now) {
      issue(['action_items', index, 'as_of'], 'is in the future; set it to the date the status was last known');
    }
  });
}

function refinePostmortem(pm: PostmortemFields, ctx: z.RefinementCtx, context: SchemaContext): void {
  const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path, message });
  checkNotFuture(ctx, context.now, pm.published, ['published']);
  if (!pm.draft) refinePublished(pm, issue);
  refineDates(pm, issue, context.now);
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
  // A lost-data window written as a date means that day in the site's zone.
  const impact = impactSchema(context.timeZone ?? 'UTC').optional();
  const zone = context.timeZone ?? 'UTC';
  // `published: 2017-02-10`: a postmortem known by its date is that day in the site's zone, shown as
  // a date. Parsing is synchronous: the precision read from one file is attached to its own result.
  let publishedOn: Precision | undefined;
  return z.preprocess(
    (raw) => {
      publishedOn = undefined;
      if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !('published' in raw)) return raw;
      const read = readInexact((raw).published, { zone });
      publishedOn = read.precision;
      return read.precision ? { ...raw, published: read.value } : raw;
    },
    postmortemObject
      .extend({ incident, impact })
      .superRefine((pm, ctx) => refinePostmortem(pm, ctx, context))
      .transform((pm): Postmortem => (publishedOn ? { ...pm, published_precision: publishedOn } : pm)),
  );
}

export type Postmortem = PostmortemFields & {
  /** How precisely `published` is known when not exactly: `day` for a date, `about`. */
  published_precision?: Precision;
};
export type ActionItem = z.output<typeof actionItemSchema>;
export type Defense = Postmortem['defenses'][number];
export interface PostmortemEntry extends Postmortem {
  id: string;
  body: string;
}
