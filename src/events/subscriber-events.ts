import type { NotifyEventKind } from '../schemas/site.ts';
import type { IncidentEntry } from '../schemas/incident.ts';
import { describeRule } from '../schemas/recurrence.ts';
import {
  INCIDENT_STATUS_LABELS,
  MAINTENANCE_STATUS_LABELS,
  STATUS_LABELS,
  type ComponentStatus,
} from '../schemas/vocabulary.ts';
import { componentName, contentIndex, type SiteContent } from '../domain/content.ts';
import { formatDateTime } from '../time/dates.ts';
import { maintenanceHref, occurrencesOf, type MaintenanceOccurrence } from '../domain/occurrences.ts';
import { sitePaths } from '../domain/site-paths.ts';
import { toPlainText } from '../text/plain-text.ts';
import { componentStatusesAt, incidentImpactNow } from '../domain/status.ts';
import { windowsByComponent } from '../domain/timeline.ts';

/**
 * What `statusmark notify` announces: each incident update (the first opens the incident, the last
 * resolves it), each maintenance window's announcement, start, updates and end (start and end come
 * from the clock, so a scheduled rebuild makes them news without a commit), and each published
 * postmortem. Every event has an id that never changes, so a channel hears of it exactly once.
 */

export interface NotifyEvent {
  /** Stable: `incident/<id>/update-<n>`, `maintenance/<key>/started`, `postmortem/<id>`. */
  id: string;
  kind: NotifyEventKind;
  /** When it happened (UTC ms): the update's time, the window's start or end, the publication. */
  at: number;
  /** The incident or window it belongs to: one email thread, one Slack conversation. */
  thread: string;
  /** The incident's or window's title. */
  title: string;
  /** The status in words: "Investigating", "In progress", "Resolved", "Published". */
  status: string;
  /** The impact in words ("Partial outage"), and as a status for colours. */
  impact: { label: string; status: ComponentStatus } | undefined;
  /** The text, as Markdown and as plain text. */
  markdown: string;
  text: string;
  components: { id: string; name: string }[];
  /** A promised next update (UTC ms). */
  nextUpdate: number | undefined;
  /** Absolute URL of the page, at this update's anchor. */
  url: string;
  /** The incident, for the Statuspage-shaped webhook; with `updateIndex`, the update this event is. */
  incident?: IncidentEntry;
  updateIndex?: number;
  maintenance?: MaintenanceOccurrence;
  /** A component's status change: sent to webhooks only, as Statuspage's `component_update`. */
  componentUpdate?: { id: string; from: ComponentStatus; to: ComponentStatus };
}

const impactOf = (status: ComponentStatus | undefined) =>
  status && status !== 'operational' ? { label: STATUS_LABELS[status].label, status } : undefined;

/**
 * Every component's status changes from `from` to the build clock, as incidents and maintenance
 * windows start and end. Only this recent stretch is looked at, so the cost does not grow with the
 * archive.
 */
export function componentChanges(content: SiteContent, siteUrl: string, from: number): NotifyEvent[] {
  const paths = sitePaths(content.base);
  const now = content.clock.now;
  const byComponent = windowsByComponent(content);
  const events: NotifyEvent[] = [];
  for (const component of content.components) {
    const windows = byComponent.get(component.id) ?? [];
    const points = new Set<number>();
    for (const window of windows) {
      if (window.start >= from && window.start <= now) points.add(window.start);
      if (!window.open && window.end >= from && window.end <= now) points.add(window.end);
    }
    const statusAt = (at: number) => componentStatusesAt([component], windows, at).get(component.id)!;
    for (const at of [...points].sort((a, b) => a - b)) {
      const [before, after] = [statusAt(at - 1), statusAt(at)];
      if (before === after) continue;
      const words = `${component.name}: ${STATUS_LABELS[before].label} → ${STATUS_LABELS[after].label}`;
      events.push({
        id: `component/${component.id}/${new Date(at).toISOString()}`,
        kind: after === 'under_maintenance' || before === 'under_maintenance' ? 'maintenance' : 'incident',
        at,
        thread: `component/${component.id}`,
        title: component.name,
        status: STATUS_LABELS[after].label,
        impact: impactOf(after),
        markdown: words,
        text: words,
        components: [{ id: component.id, name: component.name }],
        nextUpdate: undefined,
        url: new URL(paths.component(component.id), siteUrl).href,
        componentUpdate: { id: component.id, from: before, to: after },
      });
    }
  }
  return events;
}

/** Every event of the site up to the build clock, oldest first. `siteUrl` is the published address. */
export function notifyEvents(content: SiteContent, siteUrl: string): NotifyEvent[] {
  const paths = sitePaths(content.base);
  const absolute = (path: string) => new URL(path, siteUrl).href;
  const now = content.clock.now;
  const zone = content.site.time_zone;
  const names = (ids: readonly string[]) =>
    [...new Set(ids)].map((id) => ({ id, name: componentName(content, id) }));
  const events: NotifyEvent[] = [];

  for (const incident of content.incidents) {
    const components = names(incident.components.map((c) => c.id));
    incident.updates.forEach((update, index) => {
      if (update.at > now) return;
      const impact = update.status === 'resolved' ? undefined : incidentImpactNow(incident, update.at);
      events.push({
        id: `incident/${incident.id}/update-${index + 1}`,
        kind: 'incident',
        at: update.at,
        thread: `incident/${incident.id}`,
        title: incident.title,
        status: INCIDENT_STATUS_LABELS[update.status],
        impact: impactOf(impact),
        markdown: update.message,
        text: toPlainText(update.message),
        components,
        nextUpdate: update.next_update,
        url: absolute(paths.incidentUpdate(incident.id, index)),
        incident,
        updateIndex: index,
      });
    });
  }

  for (const window of content.maintenance) {
    const components = names(window.components);
    const page = absolute(paths.maintenance(window.id));
    const base = {
      kind: 'maintenance' as const,
      thread: `maintenance/${window.id}`,
      title: window.title,
      components,
    };
    const repeats = window.recurrence
      ? ` It repeats: ${describeRule(window.recurrence, window.scheduled_start, zone)}.`
      : '';
    const when = (w: MaintenanceOccurrence) =>
      `${formatDateTime(w.scheduled_start, zone)} to ${formatDateTime(w.scheduled_end, zone)}`;
    const [first] = occurrencesOf(window);
    if (window.updates.length === 0 && window.announced !== undefined && window.announced <= now)
      events.push({
        ...base,
        id: `maintenance/${window.id}/scheduled`,
        at: window.announced,
        status: MAINTENANCE_STATUS_LABELS.scheduled,
        impact: impactOf(window.impact),
        markdown: `Maintenance is scheduled from ${when(first!)}.${repeats}`,
        text: `Maintenance is scheduled from ${when(first!)}.${repeats}`,
        nextUpdate: undefined,
        url: page,
        maintenance: first!,
      });
    window.updates.forEach((update, index) => {
      if (update.at > now) return;
      events.push({
        ...base,
        id: `maintenance/${window.id}/update-${index + 1}`,
        at: update.at,
        status: MAINTENANCE_STATUS_LABELS[update.status],
        impact: impactOf(window.impact),
        markdown: index === 0 ? `${update.message}${repeats}` : update.message,
        text: `${toPlainText(update.message)}${index === 0 ? repeats : ''}`,
        nextUpdate: undefined,
        url: `${page}#update-${index + 1}`,
        maintenance: first!,
      });
    });
    // Start and end come from the clock unless an update already said so.
    const said = new Set(window.updates.map((u) => u.status));
    for (const occurrence of occurrencesOf(window)) {
      if (occurrence.cancelled) continue;
      const completedAt = occurrence.occurrence
        ? undefined
        : window.updates.find((u) => u.status === 'completed')?.at;
      const end = Math.min(occurrence.scheduled_end, completedAt ?? Infinity);
      const url = absolute(maintenanceHref(paths, occurrence));
      const moment = (kind: 'started' | 'completed', at: number, status: string, text: string) =>
        events.push({
          ...base,
          id: `maintenance/${occurrence.key}/${kind}`,
          at,
          status,
          impact: kind === 'started' ? impactOf(window.impact) : undefined,
          markdown: text,
          text,
          nextUpdate: undefined,
          url,
          maintenance: occurrence,
        });
      if (occurrence.scheduled_start <= now && (occurrence.occurrence || !said.has('in_progress')))
        moment(
          'started',
          occurrence.scheduled_start,
          MAINTENANCE_STATUS_LABELS.in_progress,
          `The scheduled maintenance has started (${when(occurrence)}).`,
        );
      if (end <= now && (occurrence.occurrence || !said.has('completed')))
        moment(
          'completed',
          end,
          MAINTENANCE_STATUS_LABELS.completed,
          'The scheduled maintenance is complete.',
        );
    }
  }

  const { incidents } = contentIndex(content);
  for (const pm of content.postmortems) {
    if (pm.published === undefined || pm.published > now) continue;
    const incident = incidents.get(pm.incident);
    events.push({
      id: `postmortem/${pm.incident}`,
      kind: 'postmortem',
      at: pm.published,
      thread: `incident/${pm.incident}`,
      // Notifications are written in English (docs/notifications.md), like the command line.
      title: pm.title ?? `Postmortem: ${incident?.title ?? pm.incident}`,
      status: 'Postmortem published',
      impact: undefined,
      markdown: pm.summary ?? '',
      text: toPlainText(pm.summary ?? ''),
      components: names(incident?.components.map((c) => c.id) ?? []),
      nextUpdate: undefined,
      url: absolute(paths.postmortem(pm.incident)),
    });
  }
  return events.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}
