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
} from './common.ts';

export const maintenanceUpdateSchema = z.strictObject({
  /** When it was posted (zoned ISO time). */
  at: timestamp,
  /** The window's status as of this update. */
  status: z.enum(MAINTENANCE_STATUSES),
  /** What readers are told, in Markdown. */
  message: markdown,
});

const maintenanceObject = z.strictObject({
  /** Headline, such as "Database failover test". */
  title: text,
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
});
type MaintenanceFields = z.output<typeof maintenanceObject>;

function refineMaintenance(window: MaintenanceFields, ctx: z.RefinementCtx, context: SchemaContext): void {
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

/** Front matter of `content/maintenance/**\/<id>.md`. */
export function createMaintenanceSchema(context: SchemaContext) {
  // Component ids are checked field by field, so they show with the file's other mistakes.
  return maintenanceObject
    .extend({
      components: z
        .array(knownId(context.componentIds, 'a component in components.yaml'))
        .min(1, 'must name at least one component'),
    })
    .superRefine((window, ctx) => refineMaintenance(window, ctx, context));
}

export type Maintenance = MaintenanceFields;
export interface MaintenanceEntry extends Maintenance {
  id: string;
  body: string;
}
