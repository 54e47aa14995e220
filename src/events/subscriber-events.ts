import type { Component } from '../schemas/component.ts';
import type { IncidentEntry, IncidentUpdate } from '../schemas/incident.ts';
import type { MaintenanceEntry } from '../schemas/maintenance.ts';
import type { PostmortemEntry } from '../schemas/postmortem.ts';
import type { NotifyEventKind } from '../schemas/site.ts';
import type { ComponentStatus } from '../schemas/vocabulary.ts';
import { contentIndex, contentPaths, type SiteContent } from '../domain/content.ts';
import { maintenanceHref, occurrencesOf, type MaintenanceOccurrence } from '../domain/occurrences.ts';
import { componentStatusesAt, incidentImpactNow } from '../domain/statuses.ts';
import { windowsByComponent } from '../domain/timeline.ts';
import { updateAnchor } from './update-anchors.ts';

/**
 * The one list of what a subscriber can hear of, derived once from the content and its clock: each
 * incident update (the first opens the incident, the last resolves it); a maintenance window's
 * announcement, each of its updates, and its start and end (per occurrence of a recurring one; they
 * come from the clock, so a scheduled rebuild makes them news without a commit); each published
 * postmortem; and each change of a component's status. The feeds, `statusmark notify` and the
 * calendar render from it, in whatever language; none of it is words.
 *
 * Every event has an id that never changes, so that a feed reader or a channel hears of it once:
 * - `incident/<id>/update-20261120T1402Z`, `maintenance/<id>/update-20261120T1402Z`: an update, by
 *   its own time (src/events/update-anchors.ts), so inserting an earlier update changes no other id;
 * - `maintenance/<id>/scheduled`, `maintenance/<key>/started`, `maintenance/<key>/completed`, where
 *   `key` is the window's id, or `<id>@<date>` for an occurrence of a series;
 * - `postmortem/<incident id>`;
 * - `component/<id>/<ISO time of the change>`.
 */

export type MaintenanceUpdate = MaintenanceEntry['updates'][number];

interface EventBase {
  id: string;
  /** The kind a channel filters on (`events:` in site.yaml). */
  kind: NotifyEventKind;
  /** When it happened (UTC ms): the update's time, the window's start or end, the publication. */
  at: number;
  /** The incident or window it belongs to: one email thread. */
  thread: string;
  /** Whether it is the first event of its thread (an email thread starts with it). */
  opens: boolean;
  /** The components it concerns (ids). */
  components: string[];
  /** The impact it reports, if any (for words and colours). */
  impact: ComponentStatus | undefined;
  /** The page it is on, at its anchor: a site path with the base (and language folder). */
  path: string;
}

export type SubscriberEvent = EventBase &
  (
    | { type: 'incident_update'; incident: IncidentEntry; update: IncidentUpdate; index: number }
    | { type: 'maintenance_scheduled'; window: MaintenanceOccurrence }
    | { type: 'maintenance_update'; window: MaintenanceOccurrence; update: MaintenanceUpdate; index: number }
    | { type: 'maintenance_started' | 'maintenance_completed'; window: MaintenanceOccurrence }
    | { type: 'postmortem_published'; postmortem: PostmortemEntry; incident: IncidentEntry | undefined }
    | { type: 'component_status'; component: Component; from: ComponentStatus; to: ComponentStatus }
  );

const orderByTime = (a: SubscriberEvent, b: SubscriberEvent) => a.at - b.at || (a.id < b.id ? -1 : 1);

const made = new WeakMap<SiteContent, SubscriberEvent[]>();

/**
 * Every event of the site up to its clock, oldest first (component changes aside: see
 * `componentChanges`). Made once per content: every feed of a build shares it.
 */
export function subscriberEvents(content: SiteContent): SubscriberEvent[] {
  let events = made.get(content);
  if (!events) {
    events = [
      ...content.incidents.flatMap((incident) => incidentEvents(content, incident)),
      ...content.maintenance.flatMap((window) => maintenanceEvents(content, window)),
      ...postmortemEvents(content),
    ]
      .filter((event) => event.at <= content.clock.now)
      .sort(orderByTime);
    made.set(content, events);
  }
  return events;
}

/** The events, and the component changes since `from`, oldest first. */
export function allEvents(content: SiteContent, from: number): SubscriberEvent[] {
  return [...subscriberEvents(content), ...componentChanges(content, from)].sort(orderByTime);
}

function incidentEvents(content: SiteContent, incident: IncidentEntry): SubscriberEvent[] {
  const paths = contentPaths(content);
  const components = [...new Set(incident.components.map((c) => c.id))];
  return incident.updates.map((update, index) => {
    const anchor = updateAnchor(incident.updates, index);
    return {
      type: 'incident_update',
      id: `incident/${incident.id}/${anchor}`,
      kind: 'incident',
      at: update.at,
      thread: `incident/${incident.id}`,
      opens: index === 0,
      components,
      impact: update.status === 'resolved' ? undefined : incidentImpactNow(incident, update.at),
      path: paths.incidentUpdate(incident.id, anchor),
      incident,
      update,
      index,
    };
  });
}

/**
 * A window is news when it is announced (from `announced`, unless it has updates, which announce it
 * themselves), with each update, and when each occurrence starts and ends, unless an update of a
 * one-off window already said so. A cancelled window or occurrence neither starts nor ends.
 */
function maintenanceEvents(content: SiteContent, window: MaintenanceEntry): SubscriberEvent[] {
  const paths = contentPaths(content);
  const page = paths.maintenance(window.id);
  const occurrences = occurrencesOf(window);
  const first = occurrences[0]!;
  const base = {
    kind: 'maintenance' as const,
    thread: `maintenance/${window.id}`,
    components: window.components,
  };
  const events: SubscriberEvent[] = [];
  if (window.updates.length === 0 && window.announced !== undefined)
    events.push({
      ...base,
      type: 'maintenance_scheduled',
      id: `maintenance/${window.id}/scheduled`,
      at: window.announced,
      opens: true,
      impact: window.impact,
      path: `${page}#scheduled`,
      window: first,
    });
  window.updates.forEach((update, index) => {
    const anchor = updateAnchor(window.updates, index);
    events.push({
      ...base,
      type: 'maintenance_update',
      id: `maintenance/${window.id}/${anchor}`,
      at: update.at,
      opens: index === 0,
      impact: window.impact,
      path: `${page}#${anchor}`,
      window: first,
      update,
      index,
    });
  });
  const said = new Set(window.updates.map((u) => u.status));
  for (const occurrence of occurrences) {
    if (occurrence.cancelled) continue;
    const moment = (type: 'maintenance_started' | 'maintenance_completed', at: number) => {
      const [word, anchor] = type === 'maintenance_started' ? ['started', 'started'] : ['completed', 'ended'];
      events.push({
        ...base,
        type,
        id: `maintenance/${occurrence.key}/${word}`,
        at,
        opens: false,
        impact: type === 'maintenance_started' ? window.impact : undefined,
        path: occurrence.occurrence ? maintenanceHref(paths, occurrence) : `${page}#${anchor}`,
        window: occurrence,
      });
    };
    if (occurrence.occurrence || !said.has('in_progress'))
      moment('maintenance_started', occurrence.scheduled_start);
    if (occurrence.occurrence || !said.has('completed'))
      moment('maintenance_completed', occurrence.scheduled_end);
  }
  return events;
}

function postmortemEvents(content: SiteContent): SubscriberEvent[] {
  const paths = contentPaths(content);
  const { incidents } = contentIndex(content);
  return content.postmortems.flatMap((postmortem): SubscriberEvent[] => {
    if (postmortem.published === undefined) return [];
    const incident = incidents.get(postmortem.incident);
    return [
      {
        type: 'postmortem_published',
        id: `postmortem/${postmortem.incident}`,
        kind: 'postmortem',
        at: postmortem.published,
        thread: `incident/${postmortem.incident}`,
        opens: false,
        components: [...new Set(incident?.components.map((c) => c.id) ?? [])],
        impact: undefined,
        path: paths.postmortem(postmortem.incident),
        postmortem,
        incident,
      },
    ];
  });
}

/**
 * Every component's status changes from `from` to the clock, as incidents and maintenance windows
 * start and end. Only this recent stretch is looked at, so the cost does not grow with the archive.
 */
export function componentChanges(content: SiteContent, from: number): SubscriberEvent[] {
  const paths = contentPaths(content);
  const now = content.clock.now;
  const byComponent = windowsByComponent(content);
  const events: SubscriberEvent[] = [];
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
      events.push({
        type: 'component_status',
        id: `component/${component.id}/${new Date(at).toISOString()}`,
        kind: after === 'under_maintenance' || before === 'under_maintenance' ? 'maintenance' : 'incident',
        at,
        thread: `component/${component.id}`,
        opens: false,
        components: [component.id],
        impact: after === 'operational' ? undefined : after,
        path: paths.component(component.id),
        component,
        from: before,
        to: after,
      });
    }
  }
  return events;
}
