import type { ComponentStatus } from '../schemas/vocabulary.ts';
import { isoTime } from '../time/dates.ts';
import type { SiteContent } from '../domain/content.ts';
import type { Locale } from '../i18n/locale.ts';
import { escapeHtml } from '../text/html.ts';
import { renderMarkdown } from '../text/markdown.ts';
import { toPlainText } from '../text/plain-text.ts';
import type { SubscriberEvent } from '../events/subscriber-events.ts';
import { eventWords, type EventWords } from '../events/event-words.ts';
import { buildApiDocuments } from '../formats/statuspage-documents.ts';

/**
 * One event as each kind of receiver expects it: Slack incoming webhooks (Block Kit with a `text`
 * fallback), Discord webhooks (an embed coloured by impact), Microsoft Teams Workflows webhooks (an
 * Adaptive Card), a JSON webhook in the shape of Statuspage's, and an email (text and HTML). Every
 * word comes from the catalogue of the channel's language (the `notify` group and the statuses).
 */

/** Colours by impact, as on the page: red, orange, yellow, blue for maintenance, green when over. */
const COLOURS: Record<ComponentStatus, number> = {
  major_outage: 0xcf222e,
  partial_outage: 0xbc4c00,
  degraded_performance: 0x9a6700,
  under_maintenance: 0x0969da,
  operational: 0x1a7f37,
};

/** An event as a channel hears it: in the channel's language, with an absolute link. */
export interface Notification {
  /** The event's id; `meta.event_id` of a webhook, part of an email's Message-ID. */
  id: string;
  at: number;
  thread: string;
  /** The first of its thread: an email thread starts with it. */
  opens: boolean;
  impact: ComponentStatus | undefined;
  words: EventWords;
  /** The text as plain text. */
  text: string;
  /** Absolute URL of the page, at the event's anchor. */
  url: string;
  locale: Locale;
  /** The event; none for the test message of a site that has no event yet. */
  event?: SubscriberEvent;
}

/**
 * An event in words of `locale`, from `content` (the site's content in that language when it is one
 * of the site's; else its own, with titles and messages as written).
 */
export function notificationOf(
  event: SubscriberEvent,
  content: SiteContent,
  locale: Locale,
  siteUrl: string,
): Notification {
  const words = eventWords(event, content, locale);
  return {
    id: event.id,
    at: event.at,
    thread: event.thread,
    opens: event.opens,
    impact: event.impact,
    words,
    text: toPlainText(words.markdown),
    url: new URL(event.path, siteUrl).href,
    locale,
    event,
  };
}

/** A test message for a site with no event yet. */
export function testNotification(content: SiteContent, locale: Locale, siteUrl: string): Notification {
  const markdown = locale.t('notify.test_text');
  return {
    id: 'test',
    at: content.clock.now,
    thread: 'test',
    opens: true,
    impact: undefined,
    words: {
      title: locale.t('notify.test_title'),
      status: locale.t('notify.test_status'),
      maintenance: false,
      impact: undefined,
      markdown,
      components: [],
      nextUpdate: undefined,
    },
    text: markdown,
    url: new URL(content.base, siteUrl).href,
    locale,
  };
}

/** Receivers cut long texts; cut them first, at a word, with an ellipsis and the link kept apart. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** The facts every message carries, named in the channel's language. */
export function facts(n: Notification): [string, string][] {
  const { words, locale } = n;
  const all: [string, string | undefined][] = [
    [locale.t('notify.status'), words.status],
    [locale.t('notify.impact'), words.impact],
    [locale.t('notify.components'), words.components.length > 0 ? locale.list(words.components) : undefined],
    [
      locale.t('notify.next_update'),
      words.nextUpdate !== undefined ? locale.dateTime(words.nextUpdate) : undefined,
    ],
  ];
  return all.filter((fact): fact is [string, string] => fact[1] !== undefined);
}

/** A one-line headline: "[Investigating] Elevated API errors"; "[TEST] …" for a test. */
export function headline(n: Notification, test = false): string {
  const line = n.locale.t('notify.headline', { status: n.words.status, title: n.words.title });
  return test ? n.locale.t('notify.test_marker', { text: line }) : line;
}

/**
 * Slack reads `&`, `<` and `>` as markup in every text it formats (mentions such as `<!channel>`,
 * links such as `<url|text>`), so they are escaped wherever a text goes, `text` included
 * (api.slack.com/reference/surfaces/formatting#escaping). A header is plain text and taken as it is.
 */
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A URL inside Slack's `<url|text>`: escaped, and with no `|` to end it early. */
const slackUrl = (url: string) => slackEscape(url).replace(/\|/g, '%7C');

export function slackMessage(n: Notification, test = false) {
  const title = headline(n, test);
  return {
    text: n.locale.t('notify.summary', {
      headline: slackEscape(title),
      text: slackEscape(clip(n.text, 300)),
      url: slackEscape(n.url),
    }),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(title, 150), emoji: false } },
      { type: 'section', text: { type: 'mrkdwn', text: clip(slackEscape(n.text), 2900) || ' ' } },
      {
        type: 'section',
        fields: facts(n).map(([name, value]) => ({
          type: 'mrkdwn',
          text: clip(`*${slackEscape(name)}*\n${slackEscape(value)}`, 1900),
        })),
      },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `<${slackUrl(n.url)}|${slackEscape(n.locale.t('notify.view'))}>` },
        ],
      },
    ],
  };
}

/**
 * Web addresses in a text: Discord links them as written, so nothing in them is escaped. One holds
 * no `[`, `]` or backslash, and parentheses only in balanced pairs (as in Wikipedia's addresses), so
 * it can neither carry nor close a masked link `[text](url)` around itself.
 */
const WEB_ADDRESS = /(https?:\/\/(?:[^\s<>[\]()\\]|\([^\s<>[\]()\\]*\))+)/;

/**
 * A plain text as Discord shows it: its Markdown (emphasis, code, spoilers, masked links, quotes,
 * headings and lists at a line's start) and its `<@…>`, `<#…>`, `<t:…>` tags are escaped with a
 * backslash, which Discord accepts before any punctuation. Every bracket and parenthesis outside a web
 * address is escaped, so no masked link can show one address and lead to another. Mentions are also
 * switched off as a whole (`allowed_mentions`), so no text can ping anyone.
 */
function discordEscape(text: string): string {
  const inline = (part: string) =>
    part
      .replace(/[\\*_`<[\]()]/g, '\\$&')
      .replace(/~~/g, '\\~\\~')
      .replace(/\|\|/g, '\\|\\|');
  return text
    .split('\n')
    .map((line) =>
      line
        .split(WEB_ADDRESS)
        .map((part, index) => (index % 2 === 1 ? part : inline(part)))
        .join('')
        .replace(/^(\s*)([#>+-])/, '$1\\$2')
        .replace(/^(\s*\d+)\.(?=\s)/, '$1\\.'),
    )
    .join('\n');
}

/**
 * Whether the event's time is known only to the day (an update dated without a time): Discord would
 * show its `timestamp` as a time of day, which the content does not state.
 */
function knownToTheDay(n: Notification): boolean {
  const event = n.event;
  return event?.type === 'incident_update' && event.incident.precision[`updates.${event.index}.at`] === 'day';
}

export function discordMessage(n: Notification, test = false) {
  return {
    allowed_mentions: { parse: [] as string[] },
    embeds: [
      {
        title: clip(discordEscape(headline(n, test)), 256),
        description: clip(discordEscape(n.text), 4000),
        url: n.url,
        color: COLOURS[n.impact ?? 'operational'],
        ...(knownToTheDay(n) ? {} : { timestamp: new Date(n.at).toISOString() }),
        fields: facts(n).map(([name, value]) => ({
          name: clip(discordEscape(name), 256),
          value: clip(discordEscape(value), 1024),
          inline: true,
        })),
      },
    ],
  };
}

/**
 * A text in an Adaptive Card that is shown as written: a RichTextBlock's TextRun takes no Markdown
 * (a TextBlock or a FactSet would read `**`, `_` and `[text](url)`, and has no escape that every Teams
 * client honours).
 */
const plainBlock = (text: string, run: Record<string, string> = {}) => ({
  type: 'RichTextBlock',
  inlines: [{ type: 'TextRun', text, ...run }],
});

export function teamsMessage(n: Notification, test = false) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            plainBlock(headline(n, test), { size: 'Large', weight: 'Bolder' }),
            plainBlock(clip(n.text, 4000)),
            ...facts(n).map(([name, value]) => plainBlock(n.locale.t('notify.fact', { name, value }))),
          ],
          actions: [{ type: 'Action.OpenUrl', title: n.locale.t('notify.view'), url: n.url }],
        },
      },
    ],
  };
}

/**
 * The body of a generic webhook, in the shape of Statuspage's outgoing webhooks: `meta`, `page` (with
 * the page's status now) and `incident` with its `incident_updates`, newest first, as the JSON API
 * publishes it; a maintenance window is an `incident` with `scheduled_for`; a component's status
 * change is a `component_update`. A postmortem, which Statuspage does not send, is a `postmortem`.
 */
export function webhookPayload(n: Notification, content: SiteContent, siteUrl: string, test = false) {
  const api = buildApiDocuments(content, siteUrl);
  const summary = api['summary.json'];
  const page = {
    id: summary.page.id,
    status_indicator: summary.status.indicator,
    status_description: summary.status.description,
  };
  const meta = {
    unsubscribe: null,
    documentation: null,
    generated_at: isoTime(content.clock.now),
    event_id: n.id,
    test,
  };
  const event = n.event;
  if (event?.type === 'component_status') {
    const component = api['components.json'].components.find((c) => c.id === event.component.id) ?? null;
    const change = {
      id: event.id,
      component_id: event.component.id,
      old_status: event.from,
      new_status: event.to,
      created_at: isoTime(event.at),
    };
    return { meta, page, component_update: change, component };
  }
  if (event?.type === 'incident_update') {
    const id = event.incident.id;
    const incident =
      api['incidents.json'].incidents.find((i) => i.id === id) ??
      api['incidents/unresolved.json'].incidents.find((i) => i.id === id);
    return { meta, page, incident: incident ?? null };
  }
  if (event && 'window' in event) {
    const key = event.window.key;
    const all = [
      ...api['scheduled-maintenances.json'].scheduled_maintenances,
      ...api['scheduled-maintenances/upcoming.json'].scheduled_maintenances,
      ...api['scheduled-maintenances/active.json'].scheduled_maintenances,
    ];
    return { meta, page, incident: all.find((m) => m.id === key) ?? null };
  }
  const postmortem = {
    id: n.id,
    title: n.words.title,
    url: n.url,
    published_at: isoTime(n.at),
    summary: n.text,
  };
  return { meta, page, postmortem };
}

/** An email's content as HTML: its headline, text, facts, link and the site's name. */
function emailBody(n: Notification, siteName: string, test: boolean): string {
  const { locale } = n;
  const rows = facts(n).map(
    ([name, value]) => `<tr><th align="left">${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`,
  );
  return [
    `<h1 style="font-size:1.25rem">${escapeHtml(headline(n, test))}</h1>`,
    renderMarkdown(n.words.markdown),
    `<table>${rows.join('')}</table>`,
    `<p><a href="${escapeHtml(n.url)}">${escapeHtml(locale.t('notify.view'))}</a></p>`,
    `<p style="color:#57606a">${escapeHtml(locale.t('site.title', { site: siteName }))}</p>`,
  ].join('\n');
}

/** An email's subject, text and HTML, in the channel's language. */
export function emailMessage(n: Notification, siteName: string, test = false) {
  const { locale } = n;
  const lines = facts(n).map(([name, value]) => locale.t('notify.fact', { name, value }));
  const text = [headline(n, test), '', n.text, '', ...lines, '', n.url, ''].join('\n');
  const html = [
    `<!doctype html><html lang="${escapeHtml(locale.tag)}"><body style="font-family:system-ui,sans-serif;max-width:40rem">`,
    emailBody(n, siteName, test),
    '</body></html>',
  ].join('\n');
  const subject = locale.t('notify.subject', {
    site: siteName,
    title: n.words.title,
    status: n.words.status,
  });
  return { subject: test ? locale.t('notify.test_marker', { text: subject }) : subject, text, html };
}

/**
 * A message to a mailing list: the subject and plain text of an email, and its HTML without a
 * document around it, which the list provider wraps in its template with its unsubscribe footer.
 */
export function listMessage(n: Notification, siteName: string, test = false) {
  const { subject, text } = emailMessage(n, siteName, test);
  return { subject, text, html: emailBody(n, siteName, test) };
}
