import type { Component } from '../schemas/component.ts';
import type { IncidentEntry } from '../schemas/incident.ts';
import { computeUptime, type Uptime } from '../domain/availability.ts';
import type { SiteContent } from '../domain/content.ts';
import { componentStatusesAt } from '../domain/statuses.ts';
import { recentMonths, recentUptime, sinceStart, windowsByComponent } from '../domain/timeline.ts';
import type { ComponentStatus } from '../schemas/vocabulary.ts';

export const COMPONENT_RECENT_INCIDENTS = 10;
export const COMPONENT_MONTHS = 12;

export interface ComponentView {
  component: Component;
  status: ComponentStatus;
  /** Uptime over the last 30, 90 and 365 days (`noData` when all of it lies before `since`). */
  windows: { days: number; uptime: Uptime }[];
  /** The last 12 calendar months in the site's zone, newest first; none wholly before `since`. */
  months: { start: number; end: number; uptime: Uptime }[];
  /** Its newest incidents; the rest are on its filtered history pages. */
  recentIncidents: IncidentEntry[];
  incidentCount: number;
}

/** What a component's page shows. */
export function buildComponentView(content: SiteContent, component: Component): ComponentView {
  const windows = windowsByComponent(content).get(component.id) ?? [];
  const now = content.clock.now;
  const incidents = content.incidents.filter((i) => i.components.some((c) => c.id === component.id));
  const zone = content.site.time_zone;
  const since = sinceStart(component.since, zone);
  const options = { ...content.site.uptime, since };
  return {
    component,
    status: componentStatusesAt([component], windows, now).get(component.id) ?? 'operational',
    windows: [30, 90, 365].map((days) => ({
      days,
      uptime: recentUptime(windows, content, days, component.since),
    })),
    months: recentMonths(now, COMPONENT_MONTHS, zone, since).map((month) => ({
      ...month,
      uptime: computeUptime(windows, month, options),
    })),
    recentIncidents: incidents.slice(0, COMPONENT_RECENT_INCIDENTS),
    incidentCount: incidents.length,
  };
}
