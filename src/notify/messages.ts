import type { ComponentStatus } from '../schemas/vocabulary.ts';
import { isoTime, formatDateTime } from '../time/dates.ts';
import type { SiteContent } from '../domain/content.ts';
import { escapeHtml } from '../text/html.ts';
import { renderMarkdown } from '../text/markdown.ts';
import type { NotifyEvent } from '../events/subscriber-events.ts';
import { buildApiDocuments } from '../formats/statuspage-documents.ts';

/**
 * One event as each kind of receiver expects it: Slack incoming webhooks (Block Kit with a `text`
 * fallback), Discord webhooks (an embed coloured by impact), Microsoft Teams Workflows webhooks (an
 * Adaptive Card), a JSON webhook in the shape of Statuspage's, and an email (text and HTML).
 */

/** Colours by impact, as on the page: red, orange, yellow, blue for maintenance, green when over. */
const COLOURS: Record<ComponentStatus, number> = {
  major_outage: 0xcf222e,
  partial_outage: 0xbc4c00,
  degraded_performance: 0x9a6700,
  under_maintenance: 0x0969da,
  operational: 0x1a7f37,
};

/** Receivers cut long texts; cut them first, at a word, with an ellipsis and the link kept apart. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** The facts every message carries, in words. */
export function facts(event: NotifyEvent, timeZone: string): [string, string][] {
  return [
    ['Status', event.status],
    ...(event.impact ? ([['Impact', event.impact.label]] as [string, string][]) : []),
    ...(event.components.length > 0
      ? ([['Components', event.components.map((c) => c.name).join(', ')]] as [string, string][])
      : []),
    ...(event.nextUpdate !== undefined
      ? ([['Next update', formatDateTime(event.nextUpdate, timeZone)]] as [string, string][])
      : []),
  ];
}

/** A one-line headline: "[Investigating] Elevated API errors". */
export function headline(event: NotifyEvent, test = false): string {
  return `${test ? '[TEST] ' : ''}[${event.status}] ${event.title}`;
}

export function slackMessage(event: NotifyEvent, timeZone: string, test = false) {
  const mrkdwn = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    text: `${headline(event, test)}: ${clip(event.text, 300)} ${event.url}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(headline(event, test), 150), emoji: false } },
      { type: 'section', text: { type: 'mrkdwn', text: clip(mrkdwn(event.text), 2900) || ' ' } },
      {
        type: 'section',
        fields: facts(event, timeZone).map(([name, value]) => ({
          type: 'mrkdwn',
          text: clip(`*${name}*\n${mrkdwn(value)}`, 1900),
        })),
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `<${event.url}|View on the status page>` }],
      },
    ],
  };
}

export function discordMessage(event: NotifyEvent, timeZone: string, test = false) {
  return {
    allowed_mentions: { parse: [] as string[] },
    embeds: [
      {
        title: clip(headline(event, test), 256),
        description: clip(event.text, 4000),
        url: event.url,
        color: COLOURS[event.impact?.status ?? 'operational'],
        timestamp: new Date(event.at).toISOString(),
        fields: facts(event, timeZone).map(([name, value]) => ({
          name,
          value: clip(value, 1024),
          inline: true,
        })),
      },
    ],
  };
}

export function teamsMessage(event: NotifyEvent, timeZone: string, test = false) {
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
            { type: 'TextBlock', size: 'Large', weight: 'Bolder', wrap: true, text: headline(event, test) },
            { type: 'TextBlock', wrap: true, text: clip(event.text, 4000) },
            { type: 'FactSet', facts: facts(event, timeZone).map(([title, value]) => ({ title, value })) },
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'View on the status page', url: event.url }],
        },
      },
    ],
  };
}

/**
 * The body of a generic webhook, in the shape of Statuspage's outgoing webhooks: `meta`, `page` (with
 * the page's status now) and `incident` with its `incident_updates`, newest first, as the JSON API
 * publishes it; a maintenance window is an `incident` with `scheduled_for`. A postmortem, which
 * Statuspage does not send, is a `postmortem` object.
 */
export function webhookPayload(event: NotifyEvent, content: SiteContent, siteUrl: string, test = false) {
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
    event_id: event.id,
    test,
  };
  if (event.componentUpdate) {
    const { id, from, to } = event.componentUpdate;
    const component = api['components.json'].components.find((c) => c.id === id) ?? null;
    return {
      meta,
      page,
      component_update: {
        id: event.id,
        component_id: id,
        old_status: from,
        new_status: to,
        created_at: isoTime(event.at),
      },
      component,
    };
  }
  if (event.incident) {
    const incident =
      api['incidents.json'].incidents.find((i) => i.id === event.incident!.id) ??
      api['incidents/unresolved.json'].incidents.find((i) => i.id === event.incident!.id);
    return { meta, page, incident: incident ?? null };
  }
  if (event.maintenance) {
    const key = event.maintenance.key;
    const all = [
      ...api['scheduled-maintenances.json'].scheduled_maintenances,
      ...api['scheduled-maintenances/upcoming.json'].scheduled_maintenances,
      ...api['scheduled-maintenances/active.json'].scheduled_maintenances,
    ];
    return { meta, page, incident: all.find((m) => m.id === key) ?? null };
  }
  return {
    meta,
    page,
    postmortem: {
      id: event.id,
      title: event.title,
      url: event.url,
      published_at: isoTime(event.at),
      summary: event.text,
    },
  };
}

/** An email's subject, text and HTML. */
export function emailMessage(event: NotifyEvent, siteName: string, timeZone: string, test = false) {
  const lines = facts(event, timeZone).map(([name, value]) => `${name}: ${value}`);
  const text = [headline(event, test), '', event.text, '', ...lines, '', event.url, ''].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;max-width:40rem">',
    `<h1 style="font-size:1.25rem">${escapeHtml(headline(event, test))}</h1>`,
    renderMarkdown(event.markdown),
    `<table>${facts(event, timeZone)
      .map(
        ([name, value]) => `<tr><th align="left">${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`,
      )
      .join('')}</table>`,
    `<p><a href="${escapeHtml(event.url)}">View on the status page</a></p>`,
    `<p style="color:#57606a">${escapeHtml(siteName)} status</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: `${test ? '[TEST] ' : ''}${siteName}: ${event.title} (${event.status})`, text, html };
}
