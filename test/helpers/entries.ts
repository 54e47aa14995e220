import { createIncidentSchema, type IncidentEntry } from '../../src/schemas/incident.ts';
import { createMaintenanceSchema, type MaintenanceEntry } from '../../src/schemas/maintenance.ts';
import type { SchemaContext } from '../../src/schemas/common.ts';
import { componentSchema, type Component } from '../../src/schemas/component.ts';
import { createPostmortemSchema, type PostmortemEntry } from '../../src/schemas/postmortem.ts';
import { siteSchema } from '../../src/schemas/site.ts';
import { orderContent, type SiteContent } from '../../src/domain/content.ts';
import { englishLocale } from '../../src/loader/catalogues.ts';

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

/** A whole SiteContent around some entries, with the site defaults from the real schema. */
export function siteContent(
  parts: {
    incidents?: IncidentEntry[];
    maintenance?: MaintenanceEntry[];
    postmortems?: PostmortemEntry[];
  } = {},
): SiteContent {
  return orderContent({
    site: siteSchema.parse({ name: 'Test Co', url: 'https://status.test.example', description: 'Tests.' }),
    locale: englishLocale('UTC'),
    locales: [englishLocale('UTC')],
    components,
    incidents: parts.incidents ?? [],
    maintenance: parts.maintenance ?? [],
    postmortems: parts.postmortems ?? [],
    clock: { now: NOW, source: 'STATUSMARK_NOW' },
    base: '/',
  });
}

export function postmortem(incidentId: string, fields: Record<string, unknown> = {}): PostmortemEntry {
  const data = createPostmortemSchema({ ...context, incidentIds: new Set([incidentId]) }).parse({
    incident: incidentId,
    published: '2026-11-22T10:00:00Z',
    summary: 'What happened.',
    impact: { data_loss: false },
    root_causes: ['A cause.'],
    action_items: [
      { title: 'Fix it', owner: 'Platform team', type: 'prevent', priority: 'P2', status: 'open' },
    ],
    ...fields,
  });
  return { ...data, id: incidentId, body: '' };
}
