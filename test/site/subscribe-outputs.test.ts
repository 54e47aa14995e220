import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import ICAL from 'ical.js';
import { parseHTML } from 'linkedom';
import Parser from 'rss-parser';
import { describe, expect, inject, test } from 'vitest';
import { API_DOCUMENTS, type ApiDocumentName } from '../../src/schemas/statuspage-api.ts';
import { listFiles } from '../helpers/build.ts';

const dist = inject('siteDist');
const read = (path: string) => readFileSync(join(dist, path), 'utf8');
const json = (path: string) => JSON.parse(read(path)) as Record<string, unknown>;
const rss = new Parser();

describe('RSS feeds', () => {
  const feeds = [
    'feed.xml',
    'postmortems/feed.xml',
    ...listFiles(dist).filter((f) => /^components\/[^/]+\/feed\.xml$/.test(f)),
  ];

  test.each(feeds)('%s is RSS 2.0 with unique guids and at most 100 items', async (path) => {
    const feed = await rss.parseString(read(path));
    expect(read(path)).toMatch(/<rss version="2.0"/);
    expect(feed.items.length).toBeGreaterThan(0);
    expect(feed.items.length).toBeLessThanOrEqual(100);
    const guids = feed.items.map((i) => i.guid);
    expect(new Set(guids).size).toBe(guids.length);
  });

  test('the history feed has an item per update, newest first, titled with the status', async () => {
    const feed = await rss.parseString(read('feed.xml'));
    expect(feed.items).toHaveLength(100); // the demo has more updates than that: the feed is bounded
    // The maintenance window posted no "in progress" update: the feed says it started all the same.
    expect(feed.items.slice(0, 3).map((i) => i.title)).toEqual([
      '[Identified] Elevated API error rates',
      '[Maintenance: In progress] Reporting storage migration',
      '[Investigating] Elevated API error rates',
    ]);
    expect(feed.items[0]?.link).toBe(
      'https://status.kestrel.example/incidents/2026-11-22-elevated-api-errors/#update-20261123T0041Z',
    );
    expect(feed.items[0]?.contentSnippet).toContain('One of three API clusters in eu-west');
    const dates = feed.items.map((i) => Date.parse(i.isoDate ?? ''));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  test('every item links to an update anchor that exists on its page', async () => {
    const feed = await rss.parseString(read('feed.xml'));
    for (const item of feed.items) {
      const url = new URL(item.link ?? '');
      const doc = parseHTML(read(`${url.pathname.slice(1)}index.html`)).document;
      expect(doc.getElementById(url.hash.slice(1)), item.link).not.toBeNull();
    }
  });

  test('a component feed has only updates about that component', async () => {
    const feed = await rss.parseString(read('components/payouts/feed.xml'));
    expect(feed.items.map((i) => i.title)).toContain(
      '[Identified] Standard payouts delayed by one business day',
    );
    expect(feed.items.map((i) => i.title)).not.toContain('[Identified] Elevated API error rates');
  });

  test('every page announces the feeds in its head', () => {
    const doc = parseHTML(read('incidents/2026-06-24-payments-api-outage/index.html')).document;
    const hrefs = [...doc.querySelectorAll('link[rel="alternate"][type="application/rss+xml"]')].map((l) =>
      l.getAttribute('href'),
    );
    expect(hrefs).toEqual(['/feed.xml', '/postmortems/feed.xml', '/reports/feed.xml']);
    const component = parseHTML(read('components/api/index.html')).document;
    expect(component.querySelector('link[rel="alternate"][href="/components/api/feed.xml"]')).not.toBeNull();
  });
});

describe('Statuspage API v2', () => {
  const names = Object.keys(API_DOCUMENTS) as ApiDocumentName[];
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('uri', true).addFormat('date-time', true);

  test.each(names)('%s validates against its Zod schema and its published JSON Schema', (name) => {
    const document = json(`api/v2/${name}`);
    expect(Object.keys(document)[0]).toBe('page');
    const zodResult = API_DOCUMENTS[name].safeParse(document);
    expect(zodResult.error?.issues ?? []).toEqual([]);
    const validate = ajv.compile(json(`api/v2/schema/${name}`));
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  test('summary.json describes the demo outage the way Statuspage clients expect', () => {
    const summary = API_DOCUMENTS['summary.json'].parse(json('api/v2/summary.json'));
    expect(summary.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    expect(summary.incidents.map((i) => [i.name, i.status, i.impact])).toEqual([
      ['Elevated API error rates', 'identified', 'major'],
    ]);
    const updates = summary.incidents[0]!.incident_updates;
    expect(updates.map((u) => u.status)).toEqual(['identified', 'investigating']); // newest first
    expect(updates[1]!.affected_components).toContainEqual({
      code: 'api',
      name: 'Payments API',
      old_status: 'operational',
      new_status: 'partial_outage',
    });
    expect(summary.scheduled_maintenances.map((m) => m.status)).toEqual(['in_progress', 'scheduled']);
  });

  test('groups are components with group: true whose children point back at them', () => {
    const { components } = API_DOCUMENTS['components.json'].parse(json('api/v2/components.json'));
    const groups = components.filter((c) => c.group);
    expect(groups.map((g) => g.name)).toEqual(['Payments', 'Developer tools', 'Accounts and data']);
    for (const group of groups) {
      for (const child of group.components ?? [])
        expect(components.find((c) => c.id === child)?.group_id).toBe(group.id);
    }
    expect(components.find((c) => c.id === 'reporting')?.status).toBe('under_maintenance');
  });

  test('incidents.json lists the 50 most recent incidents', () => {
    const { incidents } = API_DOCUMENTS['incidents.json'].parse(json('api/v2/incidents.json'));
    expect(incidents).toHaveLength(42); // every demo incident: fewer than the limit (the 50-item cap is tested in test/lib)
    expect(incidents[0]?.id).toBe('2026-11-22-elevated-api-errors');
  });
});

describe('badges', () => {
  test('the page badge says the status in words, with an accessible title', () => {
    const svg = read('badges/status.svg');
    expect(svg).toContain('<title>Kestrel: partial outage</title>');
    expect(svg).toContain('role="img"');
    expect(json('badges/status.json')).toEqual({
      schemaVersion: 1,
      label: 'Kestrel',
      message: 'partial outage',
      color: 'orange',
    });
  });

  test('uptime badges carry the floored 30- and 90-day figures', () => {
    const badge = json('badges/checkout-uptime-90d.json');
    expect(badge).toMatchObject({ schemaVersion: 1, label: 'Hosted checkout 90-day uptime' });
    expect(badge.message).toMatch(/^\d{2,3}\.\d{2}%$/);
    expect(read('badges/checkout-uptime-30d.svg')).toContain('<title>Hosted checkout 30-day uptime:');
  });
});

describe('the maintenance calendar', () => {
  test('parses as iCalendar with one event per window, stable UIDs and statuses', () => {
    const calendar = new ICAL.Component(ICAL.parse(read('maintenance.ics')) as unknown[]);
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.uid)).toEqual([
      '2026-11-28-payout-partner-maintenance@status.kestrel.example',
      '2026-11-23-reporting-storage-migration@status.kestrel.example',
      '2026-10-18-database-upgrade@status.kestrel.example',
    ]);
    const upgrade = events[2]!;
    expect(upgrade.startDate.toJSDate().toISOString()).toBe('2026-10-18T02:00:00.000Z');
    expect(upgrade.sequence).toBe(2); // two updates after the announcement
    expect(upgrade.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });
});

describe('discovery files', () => {
  test('sitemap lists the pages and robots.txt points at it', () => {
    expect(read('sitemap-0.xml')).toContain(
      '<loc>https://status.kestrel.example/incidents/2026-06-24-payments-api-outage/</loc>',
    );
    expect(read('robots.txt')).toContain('Sitemap: https://status.kestrel.example/sitemap-index.xml');
  });

  test('_headers allows any origin to read the API', () => {
    expect(read('_headers')).toMatch(/\/api\/\*\n\s+Access-Control-Allow-Origin: \*/);
  });
});
