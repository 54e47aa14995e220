import type { SubscriberEvent } from '../events/subscriber-events.ts';

/**
 * What an event is apart from the name of its file. An event's id holds its incident's or window's
 * id, which is the file's name; renaming the file changes every id, though nothing happened. The
 * fingerprint is made of times (and the status an update gave), which a rename leaves alone: an
 * incident's start and an update's time, a window's schedule, a postmortem's publication. A
 * component's change has no file, and so no fingerprint: its id never changes.
 *
 * A fingerprint only says "already sent" for an event whose id is new when the event it was recorded
 * for is gone from the content (src/notify/plan.ts): two incidents that started at the same minute
 * are still two incidents, and a copied file is news.
 */
export function fingerprintOf(event: SubscriberEvent): string | undefined {
  const time = (at: number) => new Date(at).toISOString();
  switch (event.type) {
    case 'incident_update':
      return ['incident', time(event.incident.started), time(event.update.at), event.update.status].join(' ');
    case 'maintenance_update':
      return [
        'maintenance',
        time(event.window.scheduled_start),
        time(event.update.at),
        event.update.status,
      ].join(' ');
    case 'maintenance_scheduled':
    case 'maintenance_started':
    case 'maintenance_completed':
      return [event.type, time(event.window.scheduled_start), time(event.window.scheduled_end)].join(' ');
    case 'postmortem_published':
      return ['postmortem', event.incident ? time(event.incident.started) : '', time(event.at)].join(' ');
    case 'component_status':
      return undefined;
  }
}
