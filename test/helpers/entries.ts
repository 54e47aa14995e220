import { createIncidentSchema, type IncidentEntry } from '../../src/schemas/incident.ts';
import { createMaintenanceSchema, type MaintenanceEntry } from '../../src/schemas/maintenance.ts';
import type { SchemaContext } from '../../src/schemas/common.ts';
import { componentSchema, type Component } from '../../src/schemas/component.ts';

export const NOW = Date.parse('2026-11-23T12:00:00Z');
export const context: SchemaContext = {
  now: NOW,
  componentIds: new Set(['api', 'web', 'webhooks']),
  severityIds: new Set(['P1', 'P2', 'P3', 'P4']),
};

export const components: Component[] = [
  { id: 'api', name: 'API' },
  { id: 'web', name: 'Website' },
  { id: 'webhooks', name: 'Webhooks' },
].map((c) => componentSchema.parse(c));

/** An incident built from front matter the way an author writes it, through the real schema. */
export function incident(id: string, fields: Record<string, unknown>): IncidentEntry {
  const data = createIncidentSchema(context).parse({
    title: `Incident ${id}`,
    severity: 'P3',
    updates: [
      { at: fields.started, status: fields.resolved ? 'resolved' : 'investigating', message: 'Update.' },
    ],
    ...fields,
  });
  return { ...data, id, body: '' };
}

export function maintenance(id: string, fields: Record<string, unknown>): MaintenanceEntry {
  const data = createMaintenanceSchema(context).parse({
    title: `Maintenance ${id}`,
    components: ['api'],
    ...fields,
  });
  return { ...data, id, body: '' };
}
