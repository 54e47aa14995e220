import type { IncidentEntry } from '../schemas/incident.ts';
import {
  maintenanceHref,
  maintenanceOccurrences,
  type MaintenanceOccurrence,
} from '../domain/occurrences.ts';
import type {
  ApiComponent,
  ApiDocument,
  ApiDocumentName,
  ApiIncident,
  ApiMaintenance,
} from '../schemas/statuspage-api.ts';
import type { SiteContent } from '../domain/content.ts';
import { isoTime } from '../time/dates.ts';
import { resolvedInstant } from '../domain/known-time.ts';
import { currentStatus } from '../views/overview.ts';
import { sitePaths, type SitePaths } from '../domain/site-paths.ts';
import { slugify } from '../text/slug.ts';
import { toPlainText } from '../text/plain-text.ts';
import { updateAnchor } from '../events/update-anchors.ts';
import { incidentIndicator, incidentStatus, isResolved, maintenanceState } from '../domain/statuses.ts';
import { worstStatus, type ComponentStatus } from '../schemas/vocabulary.ts';

/** The Statuspage API v2 documents (docs/reference/statuspage-api-v2.md), built from the content. */

/** Statuspage lists the 50 most recent incidents and maintenances. */
export const API_LIMIT = 50;

interface Context {
  content: SiteContent;
  pageId: string;
  absolute: (path: string) => string;
  paths: SitePaths;
  components: ApiComponent[];
  byId: Map<string, ApiComponent>;
}

function buildComponents(content: SiteContent, pageId: string): ApiComponent[] {
  const now = isoTime(content.clock.now);
  const { statuses } = currentStatus(content);
  const lastTouched = new Map<string, number>();
  for (const incident of content.incidents) {
    const at = incident.updates.at(-1)!.at;
    for (const c of incident.components) lastTouched.set(c.id, Math.max(lastTouched.get(c.id) ?? 0, at));
  }
  const groups = new Map<string, string>();
  const out: ApiComponent[] = [];
  content.components.forEach((component, position) => {
    const created = component.since !== undefined ? isoTime(component.since) : now;
    if (component.group && !groups.has(component.group)) {
      const id = `group-${slugify(component.group)}`;
      groups.set(component.group, id);
      const members = content.components.filter((c) => c.group === component.group);
      out.push({
        id,
        page_id: pageId,
        group_id: null,
        created_at: created,
        updated_at: now,
        group: true,
        name: component.group,
        description: null,
        position: out.length + 1,
        status: worstStatus(members.map((m) => statuses.get(m.id) ?? 'operational')),
        showcase: false,
        only_show_if_degraded: false,
        start_date: null,
        components: members.map((m) => m.id),
      });
    }
    const touched = lastTouched.get(component.id);
    out.push({
      id: component.id,
      page_id: pageId,
      group_id: component.group ? groups.get(component.group)! : null,
      created_at: created,
      updated_at: touched !== undefined ? isoTime(Math.max(touched, component.since ?? 0)) : created,
      group: false,
      name: component.name,
      description: component.description ?? null,
      position: position + 1,
      status: statuses.get(component.id) ?? 'operational',
      showcase: true,
      only_show_if_degraded: false,
      start_date: component.since !== undefined ? isoTime(component.since).slice(0, 10) : null,
    });
  });
  return out;
}

function apiIncident(incident: IncidentEntry, ctx: Context): ApiIncident {
  const ids = [...new Set(incident.components.map((c) => c.id))];
  const impactOf = (id: string): ComponentStatus =>
    worstStatus(incident.components.filter((c) => c.id === id).map((c) => c.impact));
  const components = ids.flatMap((id) => ctx.byId.get(id) ?? []);
  let previous = new Map<string, ComponentStatus>(ids.map((id) => [id, 'operational']));
  // Update ids are the update's anchor (src/events/update-anchors.ts), not its position: Statuspage's
  // ids are opaque strings to its clients, and a positional one would, when an earlier update is
  // inserted, give a client that keeps updates by id a changed update under an id it has already seen.
  const updates = incident.updates.map((update, index) => {
    const next = new Map(
      ids.map(
        (id) =>
          [
            id,
            update.status === 'resolved' || update.status === 'monitoring' ? 'operational' : impactOf(id),
          ] as const,
      ),
    );
    const affected = ids.map((id) => ({
      code: id,
      name: ctx.byId.get(id)?.name ?? id,
      old_status: previous.get(id)!,
      new_status: next.get(id)!,
    }));
    previous = next;
    return {
      id: `${incident.id}-${updateAnchor(incident.updates, index)}`,
      incident_id: incident.id,
      status: update.status,
      body: toPlainText(update.message),
      created_at: isoTime(update.at),
      updated_at: isoTime(update.at),
      display_at: isoTime(update.at),
      affected_components: affected,
      deliver_notifications: true,
    };
  });
  const monitoring = incident.updates.find((u) => u.status === 'monitoring');
  return {
    id: incident.id,
    name: incident.title,
    status: incidentStatus(incident),
    impact: incidentIndicator(incident),
    created_at: isoTime(incident.updates[0]!.at),
    updated_at: isoTime(incident.updates.at(-1)!.at),
    monitoring_at: monitoring ? isoTime(monitoring.at) : null,
    // A resolved date alone is no earlier than what the incident records that day (docs/authoring.md).
    resolved_at: timeOrNull(resolvedInstant(incident)),
    started_at: isoTime(incident.started),
    shortlink: ctx.absolute(ctx.paths.incident(incident.id)),
    page_id: ctx.pageId,
    incident_updates: updates.reverse(), // newest first, as Statuspage sends them
    components,
    statusmark: statusmarkRecord(incident),
  };
}

function apiMaintenance(window: MaintenanceOccurrence, ctx: Context): ApiMaintenance {
  const now = ctx.content.clock.now;
  const state = maintenanceState(window, now);
  const status = state === 'cancelled' ? 'completed' : state;
  const updates = window.updates.map((update, index) => ({
    id: `${window.key}-${updateAnchor(window.updates, index)}`,
    incident_id: window.key,
    status: update.status,
    body: toPlainText(update.message),
    created_at: isoTime(update.at),
    updated_at: isoTime(update.at),
    display_at: isoTime(update.at),
    affected_components: null,
    deliver_notifications: true,
  }));
  const first = window.updates[0]?.at ?? window.scheduled_start;
  const last = window.updates.at(-1)?.at ?? first;
  return {
    id: window.key,
    name: window.cancelled ? `${window.title} (cancelled)` : window.title,
    status,
    impact: 'maintenance',
    created_at: isoTime(Math.min(first, now)),
    updated_at: isoTime(Math.min(last, now)),
    monitoring_at: null,
    resolved_at: status === 'completed' ? isoTime(Math.min(window.scheduled_end, now)) : null,
    started_at: isoTime(window.scheduled_start),
    shortlink: ctx.absolute(maintenanceHref(ctx.paths, window)),
    page_id: ctx.pageId,
    incident_updates: updates.reverse(),
    components: window.components.flatMap((id) => ctx.byId.get(id) ?? []),
    scheduled_for: isoTime(window.scheduled_start),
    scheduled_until: isoTime(window.scheduled_end),
  };
}

/** Every API document, keyed by its path under /api/v2/. */
export function buildApiDocuments(
  content: SiteContent,
  siteUrl: string,
): { [N in ApiDocumentName]: ApiDocument<N> } {
  const pageId = slugify(new URL(siteUrl).hostname);
  const components = buildComponents(content, pageId);
  const ctx: Context = {
    content,
    pageId,
    absolute: (path) => new URL(path, siteUrl).href,
    paths: sitePaths(content.base),
    components,
    byId: new Map(components.filter((c) => !c.group).map((c) => [c.id, c])),
  };
  const now = content.clock.now;
  const current = currentStatus(content);
  const page = {
    id: pageId,
    name: content.site.name,
    url: siteUrl,
    time_zone: content.site.time_zone,
    updated_at: isoTime(now),
  };
  const status = { indicator: current.page.indicator, description: current.page.description };
  const unresolved = content.incidents.filter((i) => !isResolved(i)).map((i) => apiIncident(i, ctx));
  // A recurring window is one entry per occurrence (its cancelled ones are left out).
  const windows = maintenanceOccurrences(content).filter((w) => !w.occurrence?.cancelled);
  const maintenances = windows.slice(0, API_LIMIT).map((w) => apiMaintenance(w, ctx));
  const inState = (...states: string[]) =>
    windows
      .filter((w) => states.includes(maintenanceState(w, now)))
      .sort((a, b) => a.scheduled_start - b.scheduled_start) // soonest first, like Statuspage
      .map((w) => apiMaintenance(w, ctx));
  const upcoming = inState('scheduled');
  const active = inState('in_progress', 'verifying');
  return {
    'summary.json': {
      page,
      components,
      incidents: unresolved,
      scheduled_maintenances: [...active, ...upcoming],
      status,
    },
    'status.json': { page, status },
    'components.json': { page, components },
    'incidents.json': {
      page,
      incidents: content.incidents.slice(0, API_LIMIT).map((i) => apiIncident(i, ctx)),
    },
    'incidents/unresolved.json': { page, incidents: unresolved },
    'scheduled-maintenances.json': { page, scheduled_maintenances: maintenances },
    'scheduled-maintenances/upcoming.json': { page, scheduled_maintenances: upcoming },
    'scheduled-maintenances/active.json': { page, scheduled_maintenances: active },
  };
}

const timeOrNull = (at: number | undefined) => (at !== undefined ? isoTime(at) : null);

/** What Statuspage's fields cannot say of an incident, so that an import of this API keeps it exactly. */
function statusmarkRecord(incident: IncidentEntry) {
  return {
    severity: incident.severity,
    ...(incident.severity_changes && {
      severity_changes: incident.severity_changes.map((c) => ({ at: isoTime(c.at), severity: c.severity })),
    }),
    signal_at: timeOrNull(incident.signal),
    detected_at: timeOrNull(incident.detected),
    mitigated_at: timeOrNull(incident.mitigated),
    precision: incident.precision,
    components: incident.components.map((c) => ({
      id: c.id,
      impact: c.impact,
      from: timeOrNull(c.from),
      to: timeOrNull(c.to),
      share: c.share ?? null,
      share_of: c.share_of ?? null,
      locations: c.locations ?? null,
      where: c.where ?? null,
    })),
    updates: incident.updates.map((u) => ({ stated: u.stated, channel: u.channel ?? null })),
  };
}
