import { updateStatusWords } from '../domain/statuses.ts';
import { componentName, type SiteContent } from '../domain/content.ts';
import { postmortemTitle } from '../domain/postmortems.ts';
import type { Locale } from '../i18n/locale.ts';
import { describeRecurrence } from '../i18n/recurrence-words.ts';
import type { SubscriberEvent } from './subscriber-events.ts';

/**
 * An event in words of one language: what a feed item and a notification say. The words come from
 * the catalogue of `locale`; titles and messages from the content (in the language it was derived
 * in, see `inLocale`).
 */
export interface EventWords {
  /** The incident's or window's title, the postmortem's, or the component's name. */
  title: string;
  /** The status in words: "Investigating", "In progress", "Postmortem published". */
  status: string;
  /** Whether the status is a maintenance window's (feeds say "Maintenance: …"). */
  maintenance: boolean;
  /** The impact in words ("Partial outage"), when it reports one. */
  impact: string | undefined;
  /** The text, as Markdown. */
  markdown: string;
  /** The names of the components it concerns. */
  components: string[];
  /** A promised next update (UTC ms). */
  nextUpdate: number | undefined;
}

/** "Nov 23, 2026, 08:00 UTC to Nov 23, 2026, 10:00 UTC". */
function windowTimes(window: { scheduled_start: number; scheduled_end: number }, locale: Locale): string {
  return locale.t('feed.window', {
    start: locale.dateTime(window.scheduled_start),
    end: locale.dateTime(window.scheduled_end),
  });
}

/** The title, status and text of each type of event. */
function describe(
  event: SubscriberEvent,
  locale: Locale,
): Pick<EventWords, 'title' | 'status' | 'maintenance' | 'markdown'> {
  switch (event.type) {
    case 'incident_update':
      return {
        title: event.incident.title,
        status: updateStatusWords(event.update, locale),
        maintenance: false,
        markdown: event.update.message,
      };
    case 'maintenance_update':
      return {
        title: event.window.title,
        status: locale.t(`maintenance_status.${event.update.status}`),
        maintenance: true,
        markdown: event.update.message,
      };
    case 'maintenance_scheduled': {
      const { window } = event;
      const when = windowTimes(window, locale);
      const markdown = window.recurrence
        ? locale.t('feed.scheduled_repeats', {
            when,
            rule: describeRecurrence(window.recurrence, window.scheduled_start, locale),
          })
        : locale.t('feed.scheduled', { when });
      const status = locale.t('maintenance_status.scheduled');
      return { title: window.title, status, maintenance: true, markdown };
    }
    case 'maintenance_started':
      return {
        title: event.window.title,
        status: locale.t('maintenance_status.in_progress'),
        maintenance: true,
        markdown: locale.t('feed.started', { when: windowTimes(event.window, locale) }),
      };
    case 'maintenance_completed':
      return {
        title: event.window.title,
        status: locale.t('maintenance_status.completed'),
        maintenance: true,
        markdown: locale.t('feed.ended'),
      };
    case 'postmortem_published':
      return {
        title: postmortemTitle(event.postmortem, event.incident, locale),
        status: locale.t('notify.postmortem_published'),
        maintenance: false,
        markdown: event.postmortem.summary ?? '',
      };
    case 'component_status':
      return {
        title: event.component.name,
        status: locale.t(`status.${event.to}`),
        maintenance: event.kind === 'maintenance',
        markdown: locale.t('notify.component_change', {
          component: event.component.name,
          from: locale.t(`status.${event.from}`),
          to: locale.t(`status.${event.to}`),
        }),
      };
  }
}

/** The words of an event in `locale` (the content's own language unless another is given). */
export function eventWords(
  event: SubscriberEvent,
  content: SiteContent,
  locale = content.locale,
): EventWords {
  return {
    ...describe(event, locale),
    impact: event.impact && locale.t(`status.${event.impact}`),
    components: event.components.map((id) => componentName(content, id)),
    nextUpdate: event.type === 'incident_update' ? event.update.next_update : undefined,
  };
}
