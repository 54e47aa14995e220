import { z } from 'astro/zod';
import {
  COMPONENT_STATUSES,
  INCIDENT_STATUSES,
  INDICATORS,
  MAINTENANCE_STATUSES,
} from './vocabulary.ts';

/**
 * The documents of Statuspage's public API v2, as docs/reference/statuspage-api-v2.md records them from
 * real payloads. Used to check what the site emits and to publish JSON Schemas under /api/v2/schema/.
 */
const time = z.iso.datetime({ offset: true });

export const pageSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  url: z.url(),
  time_zone: z.string(),
  updated_at: time,
});

export const componentSchema = z.strictObject({
  id: z.string(),
  page_id: z.string(),
  group_id: z.string().nullable(),
  created_at: time,
  updated_at: time,
  group: z.boolean(),
  name: z.string(),
  description: z.string().nullable(),
  position: z.number().int(),
  status: z.enum(COMPONENT_STATUSES),
  showcase: z.boolean(),
  only_show_if_degraded: z.boolean(),
  start_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  /** Only on groups: the ids of their components. */
  components: z.array(z.string()).optional(),
});

const affectedComponentSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  old_status: z.enum(COMPONENT_STATUSES),
  new_status: z.enum(COMPONENT_STATUSES),
});

const updateShape = {
  id: z.string(),
  incident_id: z.string(),
  body: z.string(),
  created_at: time,
  updated_at: time,
  display_at: time,
  affected_components: z.array(affectedComponentSchema).nullable(),
  deliver_notifications: z.boolean(),
};

const incidentShape = {
  id: z.string(),
  name: z.string(),
  created_at: time,
  updated_at: time,
  monitoring_at: time.nullable(),
  resolved_at: time.nullable(),
  started_at: time,
  shortlink: z.url(),
  page_id: z.string(),
  components: z.array(componentSchema),
};

/**
 * Statusmark's own record of an incident, beside Statuspage's fields (clients ignore it): what
 * Statuspage's model cannot say (the severity, when impact ended, impact phases between updates),
 * so that a site imported from this API computes the same uptime.
 */
/** How precisely a time or share is known, by path, as in the content (`started`, `components.0.to`). */
const precisionSchema = z.record(z.string(), z.enum(['about', 'day', 'unknown']));

/** Statusmark's own record of an incident: what Statuspage's fields cannot say, for a round trip. */
const statusmarkIncidentSchema = z.strictObject({
  severity: z.string(),
  severity_changes: z.array(z.strictObject({ at: time, severity: z.string() })).optional(),
  signal_at: time.nullable().optional(),
  detected_at: time.nullable().optional(),
  mitigated_at: time.nullable(),
  precision: precisionSchema.optional(),
  components: z.array(
    z.strictObject({
      id: z.string(),
      impact: z.enum(COMPONENT_STATUSES),
      from: time.nullable(),
      to: time.nullable(),
      share: z.number().nullable().optional(),
      share_of: z.string().nullable().optional(),
      locations: z.array(z.string()).nullable().optional(),
      where: z.string().nullable().optional(),
    }),
  ),
  /** Per update, oldest first: whether it stated a status, and where it was published. */
  updates: z.array(z.strictObject({ stated: z.boolean(), channel: z.string().nullable() })).optional(),
});

export const incidentSchema = z.strictObject({
  ...incidentShape,
  status: z.enum([...INCIDENT_STATUSES, 'postmortem']),
  impact: z.enum(INDICATORS),
  incident_updates: z.array(
    z.strictObject({ ...updateShape, status: z.enum([...INCIDENT_STATUSES, 'postmortem']) }),
  ),
  statusmark: statusmarkIncidentSchema.optional(),
});

export const maintenanceSchema = z.strictObject({
  ...incidentShape,
  status: z.enum(MAINTENANCE_STATUSES),
  impact: z.literal('maintenance'),
  scheduled_for: time,
  scheduled_until: time,
  incident_updates: z.array(z.strictObject({ ...updateShape, status: z.enum(MAINTENANCE_STATUSES) })),
});

export const statusSchema = z.strictObject({
  indicator: z.enum([...INDICATORS, 'maintenance']),
  description: z.string(),
});

export const API_DOCUMENTS = {
  'summary.json': z.strictObject({
    page: pageSchema,
    components: z.array(componentSchema),
    incidents: z.array(incidentSchema),
    scheduled_maintenances: z.array(maintenanceSchema),
    status: statusSchema,
  }),
  'status.json': z.strictObject({ page: pageSchema, status: statusSchema }),
  'components.json': z.strictObject({ page: pageSchema, components: z.array(componentSchema) }),
  'incidents.json': z.strictObject({ page: pageSchema, incidents: z.array(incidentSchema) }),
  'incidents/unresolved.json': z.strictObject({ page: pageSchema, incidents: z.array(incidentSchema) }),
  'scheduled-maintenances.json': z.strictObject({
    page: pageSchema,
    scheduled_maintenances: z.array(maintenanceSchema),
  }),
  'scheduled-maintenances/upcoming.json': z.strictObject({
    page: pageSchema,
    scheduled_maintenances: z.array(maintenanceSchema),
  }),
  'scheduled-maintenances/active.json': z.strictObject({
    page: pageSchema,
    scheduled_maintenances: z.array(maintenanceSchema),
  }),
} as const;

export type ApiDocumentName = keyof typeof API_DOCUMENTS;
export type ApiDocument<N extends ApiDocumentName> = z.output<(typeof API_DOCUMENTS)[N]>;
export type ApiComponent = z.output<typeof componentSchema>;
export type ApiIncident = z.output<typeof incidentSchema>;
export type ApiMaintenance = z.output<typeof maintenanceSchema>;
