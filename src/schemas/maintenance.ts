import { z } from 'astro/zod';
import { MAINTENANCE_IMPACTS, MAINTENANCE_STATUSES } from './vocabulary.ts';
import {
  checkNotFuture,
  knownId,
  markdown,
  text,
  timestamp,
  type SchemaContext,
  isoTime,
  parsePlainDate,
  checkTranslationTags,
  translations,
} from './common.ts';
import { checkRule, expandSeries, type Occurrence } from './recurrence.ts';

export const maintenanceUpdateSchema = z.strictObject({
  /** When it was posted (zoned ISO time). */
  at: timestamp,
  /** The window's status as of this update. */
  status: z.enum(MAINTENANCE_STATUSES),
  /** What readers are told, in Markdown. */
  message: markdown,
  /** The message in the site's other languages: `translations: {de: {message: …}}`. */
  translations: translations({ message: markdown }),
});

/** One occurrence of a recurring window, named by its date, called off or moved. */
const exceptionSchema = z
  .strictObject({
    /** The occurrence's date by the rule, YYYY-MM-DD in the site's time zone. */
    date: z.string().refine((text) => parsePlainDate(text) !== undefined, {
      message: 'must be the date of an occurrence, written like 2026-12-22',
    }),
    /** True: this occurrence does not take place. */
    cancelled: z.literal(true).optional(),
    /** Moved: the occurrence's new start (zoned ISO time). */
    scheduled_start: timestamp.optional(),
    /** Moved: the occurrence's new end (zoned ISO time). */
    scheduled_end: timestamp.optional(),
    /** What readers are told about this occurrence, in Markdown. */
    note: markdown.optional(),
  })
  .superRefine((exception, ctx) => {
    const moved = exception.scheduled_start !== undefined || exception.scheduled_end !== undefined;
    if (exception.cancelled && moved)
      ctx.addIssue({
        code: 'custom',
        path: ['cancelled'],
        message: 'cannot go with scheduled_start/scheduled_end; an occurrence is either cancelled or moved',
      });
    else if (!exception.cancelled && !moved)
      ctx.addIssue({
        code: 'custom',
        path: ['date'],
        message: 'says nothing about this occurrence; add cancelled: true, or scheduled_start and scheduled_end to move it',
      });
    else if (moved && (exception.scheduled_start === undefined || exception.scheduled_end === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [exception.scheduled_start === undefined ? 'scheduled_start' : 'scheduled_end'],
        message: 'is missing; a moved occurrence needs both scheduled_start and scheduled_end',
      });
    else if (moved && exception.scheduled_end! <= exception.scheduled_start!)
      ctx.addIssue({
        code: 'custom',
        path: ['scheduled_end'],
        message: `must be after scheduled_start (${isoTime(exception.scheduled_start!)})`,
      });
  });

const maintenanceObject = z.strictObject({
  /** Headline, such as "Database failover test". */
  title: text,
  /** The title and body in the site's other languages: `translations: {de: {title: …, body: …}}`. */
  translations: translations({ title: text.optional(), body: markdown.optional() }),
  /** Ids of the components the work touches. */
  components: z.array(z.string()).min(1, 'must name at least one component'),
  /** When the window was announced (zoned ISO time, not after the build clock); `new maintenance` sets it. */
  announced: timestamp.optional(),
  /** Planned start (zoned ISO time; may lie in the future). */
  scheduled_start: timestamp,
  /** Planned end (zoned ISO time; may lie in the future). */
  scheduled_end: timestamp,
  /** Expected impact on those components while the window is active. */
  impact: z.enum(MAINTENANCE_IMPACTS).default('under_maintenance'),
  /** Public updates, oldest first; optional, since the state follows the clock. */
  updates: z.array(maintenanceUpdateSchema).default([]),
  /** True when the window was called off. */
  cancelled: z.boolean().default(false),
  /**
   * An RFC 5545 RRULE, such as "FREQ=WEEKLY;BYDAY=TU;COUNT=8": the window repeats, and
   * scheduled_start/scheduled_end are the first occurrence. Each occurrence keeps the first one's
   * local time in the site's time_zone.
   */
  recurrence: z.string().optional(),
  /** Single occurrences of a recurring window that are cancelled or moved. */
  exceptions: z.array(exceptionSchema).default([]),
});
type MaintenanceFields = z.output<typeof maintenanceObject>;

function refineMaintenance(window: MaintenanceFields, ctx: z.RefinementCtx, context: SchemaContext): void {
  checkTranslationTags(ctx, ['translations'], window.translations, context);
  window.updates.forEach((update, index) =>
    checkTranslationTags(ctx, ['updates', index, 'translations'], update.translations, context),
  );
  if (window.scheduled_end <= window.scheduled_start) {
    ctx.addIssue({
      code: 'custom',
      path: ['scheduled_end'],
      message: `must be after scheduled_start (${isoTime(window.scheduled_start)})`,
    });
  }
  checkNotFuture(ctx, context.now, window.announced, ['announced']);
  window.updates.forEach((update, index) => {
    checkNotFuture(ctx, context.now, update.at, ['updates', index, 'at']);
    const previous = window.updates[index - 1];
    if (previous && update.at <= previous.at) {
      ctx.addIssue({
        code: 'custom',
        path: ['updates', index, 'at'],
        message: `must be later than updates[${index - 1}].at (${isoTime(previous.at)}); list updates oldest first`,
      });
    }
  });
}

/** A recurring window's rule, checked and normalised, and its occurrences at the build clock. */
function recurringFields(
  window: MaintenanceFields,
  ctx: z.RefinementCtx,
  context: SchemaContext,
): { recurrence?: string; occurrences?: Occurrence[] } {
  const issue = (path: (string | number)[], message: string) => {
    ctx.addIssue({ code: 'custom', path, message });
    return {};
  };
  if (window.recurrence === undefined) {
    if (window.exceptions.length > 0)
      return issue(['exceptions'], 'needs recurrence; only a recurring window has occurrences to change');
    return {};
  }
  const timeZone = context.timeZone ?? 'UTC';
  const checked = checkRule(window.recurrence, timeZone);
  if ('error' in checked) return issue(['recurrence'], checked.error);
  const dates = new Set<string>();
  for (const [index, exception] of window.exceptions.entries()) {
    if (dates.has(exception.date))
      return issue(['exceptions', index, 'date'], `${exception.date} is named twice; keep one exception per occurrence`);
    dates.add(exception.date);
  }
  const badUpdate = window.updates.findIndex((update) => update.status !== 'scheduled');
  if (badUpdate >= 0)
    return issue(
      ['updates', badUpdate, 'status'],
      'must be "scheduled" in a recurring window: updates announce the series, and each occurrence starts and completes by the clock; to call one occurrence off or move it, use exceptions',
    );
  const expansion = expandSeries(
    {
      rule: checked.rule,
      start: window.scheduled_start,
      end: window.scheduled_end,
      timeZone,
      exceptions: window.exceptions,
    },
    context.now,
  );
  if ('error' in expansion) return issue(expansion.path, expansion.error);
  return { recurrence: checked.rule, occurrences: expansion.occurrences };
}

/** Front matter of `content/maintenance/**\/<id>.md`. */
export function createMaintenanceSchema(context: SchemaContext) {
  // Component ids are checked field by field, so they show with the file's other mistakes.
  return maintenanceObject
    .extend({
      components: z
        .array(knownId(context.componentIds, 'a component in components.yaml'))
        .min(1, 'must name at least one component'),
    })
    .transform((window, ctx): Maintenance => {
      refineMaintenance(window, ctx, context);
      if (window.scheduled_end <= window.scheduled_start) return window;
      return { ...window, ...recurringFields(window, ctx, context) };
    });
}

export type Maintenance = MaintenanceFields & {
  /** A recurring window's occurrences at the build clock, oldest first (see recurrence.ts). */
  occurrences?: Occurrence[];
};
export interface MaintenanceEntry extends Maintenance {
  id: string;
  body: string;
}
