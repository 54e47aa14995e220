import { impactLasted } from '../domain/known-time.ts';
import type { Component } from '../schemas/component.ts';
import { contentPaths, type SiteContent } from '../domain/content.ts';
import { renderMarkdown } from '../text/markdown.ts';
import { escapeHtml } from '../text/html.ts';
import { toPlainText } from '../text/plain-text.ts';
import { followUpSummary } from '../domain/postmortems.ts';
import { allReports } from '../domain/report.ts';
import { subscriberEvents, type SubscriberEvent } from '../events/subscriber-events.ts';
import { eventWords } from '../events/event-words.ts';

/** Items per feed: feeds stay the same size however long the history grows. */
export const FEED_LIMIT = 100;

export interface FeedItem {
  /** The event's id (src/events/subscriber-events.ts), the item's guid: a new update makes a new item. */
  key: string;
  title: string;
  /** Site-absolute path with the base, such as /incidents/x/#update-20261123T1005Z. */
  link: string;
  pubDate: number;
  /** Plain text. */
  description: string;
  /** HTML (sanitized). */
  content: string;
  /** Component ids the item concerns, for per-component feeds. */
  components: string[];
}

/** The events the update feeds carry: every incident and maintenance event, postmortems aside. */
const isUpdate = (event: SubscriberEvent) =>
  event.type !== 'postmortem_published' && event.type !== 'component_status';

const newestFirst = new WeakMap<SiteContent, SubscriberEvent[]>();

/** The update events, newest first; sorted once per content and shared by every feed. */
function updateEvents(content: SiteContent): SubscriberEvent[] {
  let events = newestFirst.get(content);
  if (!events) {
    events = subscriberEvents(content)
      .filter(isUpdate)
      .sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : 1));
    newestFirst.set(content, events);
  }
  return events;
}

/** An event as a feed item, in the content's language. Rendering comes last, for the items shown. */
function itemOf(event: SubscriberEvent, content: SiteContent): FeedItem {
  const { locale } = content;
  const words = eventWords(event, content);
  return {
    key: event.id,
    title: locale.t(words.maintenance ? 'feed.maintenance_item' : 'feed.incident_item', {
      status: words.status,
      title: words.title,
    }),
    link: event.path,
    pubDate: event.at,
    description: toPlainText(words.markdown),
    content: renderMarkdown(words.markdown),
    components: event.components,
  };
}

/** One item per incident update and per maintenance event, newest first. */
export function updateItems(content: SiteContent): FeedItem[] {
  return updateEvents(content).map((event) => itemOf(event, content));
}

/**
 * The newest `FEED_LIMIT` items, optionally only those about one component. Only those are
 * rendered, so a feed costs the same however long the history grows.
 */
export function historyFeed(content: SiteContent, componentId?: string): FeedItem[] {
  const events = updateEvents(content);
  return (componentId ? events.filter((e) => e.components.includes(componentId)) : events)
    .slice(0, FEED_LIMIT)
    .map((event) => itemOf(event, content));
}

/** One item per finished month, newest first (a provisional report would change under its readers). */
export function reportFeed(content: SiteContent): FeedItem[] {
  const paths = contentPaths(content);
  return allReports(content)
    .filter((r) => r.month.end <= content.clock.now)
    .reverse()
    .slice(0, FEED_LIMIT)
    .map((r) => ({
      key: `report/${r.month.key}`,
      title: r.title,
      link: paths.report(r.month.key),
      pubDate: r.month.end,
      description: r.opening,
      content: `<p>${escapeHtml(r.opening)}</p>`,
      components: [],
    }));
}

/** One item per published postmortem, newest first. */
export function postmortemFeed(content: SiteContent): FeedItem[] {
  const { locale } = content;
  return subscriberEvents(content)
    .filter((event) => event.type === 'postmortem_published')
    .reverse()
    .slice(0, FEED_LIMIT)
    .map((event) => {
      const { incident, postmortem } = event;
      const duration =
        incident?.mitigated !== undefined ? impactLasted(locale, incident, content.clock.now) : undefined;
      const lasted = duration === undefined ? '' : locale.t('feed.impact_lasted', { duration });
      const summary = [
        toPlainText(postmortem.summary ?? ''),
        lasted,
        locale.t('feed.sentence', { text: followUpSummary(postmortem, locale) }),
      ]
        .filter(Boolean)
        .join(' ');
      return {
        key: event.id,
        title: eventWords(event, content).title,
        link: event.path,
        pubDate: event.at,
        description: summary,
        content: `<p>${escapeHtml(summary)}</p>`,
        components: event.components,
      };
    });
}

export interface FeedInfo {
  title: string;
  href: string;
  /** What it carries, for the subscribe page. */
  about: string;
}

/** The site-wide feeds: one place for their titles, used by the feeds themselves and every <head>. */
export function siteFeeds(content: SiteContent): {
  updates: FeedInfo;
  postmortems: FeedInfo;
  reports: FeedInfo;
} {
  const site = content.site.name;
  const { locale } = content;
  const paths = contentPaths(content);
  return {
    updates: {
      title: locale.t('feed.updates_title', { site }),
      href: paths.feed(),
      about: locale.t('feed.updates_about'),
    },
    postmortems: {
      title: locale.t('feed.postmortems_title', { site }),
      href: paths.postmortemFeed(),
      about: locale.t('feed.postmortems_about'),
    },
    reports: {
      title: locale.t('feed.reports_title', { site }),
      href: paths.reportsFeed(),
      about: locale.t('feed.reports_about'),
    },
  };
}

export function componentFeed(content: SiteContent, component: Component): FeedInfo {
  const paths = contentPaths(content);
  return {
    title: content.locale.t('feed.component_title', { site: content.site.name, component: component.name }),
    href: paths.componentFeed(component.id),
    about: content.locale.t('feed.component_about', { component: component.name }),
  };
}

/** Every feed of the site, for the subscribe page. */
export function feedList(content: SiteContent): FeedInfo[] {
  return [...Object.values(siteFeeds(content)), ...content.components.map((c) => componentFeed(content, c))];
}
