import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import Parser from 'rss-parser';
import { describe, expect, inject, test } from 'vitest';
import { listFiles, readPage, text } from '../helpers/build.ts';

const dist = inject('siteDist');
const json = (path: string) =>
  JSON.parse(readFileSync(join(dist, path), 'utf8')) as {
    opening: string;
    provisional: boolean;
    incidents: { heading: string; id: string; continued_from: string | null }[];
    components: { id: string; availability: string | null }[];
    any_component_down: { availability: string };
  };

describe('monthly reports of the demo', () => {
  const months = listFiles(dist)
    .filter((f) => /^reports\/\d{4}-\d{2}\.json$/.test(f))
    .map((f) => f.slice(8, 15));

  test('exist for every month from March to November 2026', () => {
    expect(months).toEqual([
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
  });

  test.each(months)('%s: the page and the JSON agree', (month) => {
    const data = json(`reports/${month}.json`);
    const doc = readPage(dist, `/reports/${month}/`);
    expect(text(doc.querySelector('.opening'))).toBe(data.opening);
    expect([...doc.querySelectorAll('.report-incidents h2')].map(text)).toEqual(
      data.incidents.map((i) => i.heading),
    );
    for (const component of data.components) {
      expect(text(doc.querySelector(`[data-figure="availability-${component.id}"]`))).toBe(
        component.availability ?? 'No data', // a month before the component's `since`
      );
    }
    expect(text(doc.querySelector('[data-figure="union"]'))).toBe(data.any_component_down.availability);
    expect(doc.querySelector('.provisional') !== null).toBe(data.provisional);
  });

  test('an incident is told in plain markup: nothing repeated on each of its elements', () => {
    // A busy month lists a hundred and more: a scoped-style attribute on every element, a landmark
    // and an anchor per incident made it 112 B per incident, gzip, where the target is 100.
    const doc = readPage(dist, '/reports/2026-10/');
    const sections = [...doc.querySelectorAll('.report-incidents > section')];
    expect(sections.length).toBeGreaterThan(1);
    const attributes = new Set(
      sections.flatMap((s) => [s, ...s.querySelectorAll('*')].flatMap((e) => e.getAttributeNames())),
    );
    expect([...attributes].filter((name) => name !== 'class' && name !== 'href')).toEqual([]);
    expect(attributes.has('href')).toBe(true);
  });

  test('August lists the webhook incident that crossed into September with its full duration', () => {
    const august = json('reports/2026-08.json');
    expect(august.incidents.map((i) => i.heading)).toContain(
      'August 31 22:50 UTC (lasting 2 hours and 30 minutes)',
    );
    // September lists it too, saying it continued from August 31.
    expect(
      json('reports/2026-09.json').incidents.find((i) => i.id === '2026-08-31-webhook-deliveries-delayed')
        ?.continued_from,
    ).toBe('Continued from August 31: 1 hour and 20 minutes of its impact fell in September 2026.');
  });

  test('the October prose follows the real impacts, in words a reader would write', () => {
    const october = json('reports/2026-10.json');
    expect(october.opening).toMatch(
      /^In October 2026, we experienced \w+ incidents across Kestrel services: one major outage/,
    );
    expect(october.opening).not.toContain('resulted in degraded performance');
    const page = text(readPage(dist, '/reports/2026-10/').querySelector('main'));
    expect(page).not.toMatch(/\(s\)|\( /);
    expect(page).toMatch(/available \(\S+ weighted downtime\)/);
    // Tallies use words, not the content's raw values such as "alert: 3".
    const tallies = [...readPage(dist, '/reports/2026-10/').querySelectorAll('.tallies li')].map(text);
    expect(tallies.length).toBeGreaterThan(2);
    for (const line of tallies) expect(line).toMatch(/^[A-Z][a-z]+( [a-z]+)*: \w+ incidents?$/);
    expect(tallies).toContain('Monitoring alert: 3 incidents');
    const index = text(readPage(dist, '/reports/').querySelector('main'));
    expect(index).toMatch(/: \d+ listed incidents\b/);
    expect(index).not.toContain('(s)');
  });

  test('November is provisional: the month is not over and an incident is open', () => {
    expect(json('reports/2026-11.json').provisional).toBe(true);
    expect(text(readPage(dist, '/reports/2026-11/').querySelector('.provisional'))).toBe(
      'Provisional: the month is not over and a listed incident is still open; figures will change.',
    );
  });

  test('a report with a postmortem reports back on its follow-ups', () => {
    const doc = readPage(dist, '/reports/2026-10/');
    expect(text(doc.querySelector('main'))).toContain('Follow-ups: 1 of 4 follow-ups done.');
  });

  test('the index has a 12-month table per component and a chart drawn at build time', () => {
    const doc = readPage(dist, '/reports/');
    expect(doc.querySelectorAll('#months-table tbody tr')).toHaveLength(8 + 2);
    expect(doc.querySelector('svg.chart title')).not.toBeNull();
    // Drawn twice: all months for a wide screen, the last six for a phone.
    expect(doc.querySelectorAll('svg.chart.drawing-wide rect.bar')).toHaveLength(9);
    expect(doc.querySelectorAll('svg.chart.drawing-narrow rect.bar')).toHaveLength(6);
  });

  test('finished months are in the reports feed, newest first', async () => {
    const feed = await new Parser().parseString(readFileSync(join(dist, 'reports/feed.xml'), 'utf8'));
    expect(feed.items.map((i) => i.title)).toEqual([
      'Kestrel availability report: October 2026',
      'Kestrel availability report: September 2026',
      'Kestrel availability report: August 2026',
      'Kestrel availability report: July 2026',
      'Kestrel availability report: June 2026',
      'Kestrel availability report: May 2026',
      'Kestrel availability report: April 2026',
      'Kestrel availability report: March 2026',
    ]);
  });
});

describe('postmortem pages of the demo', () => {
  const postmortems = listFiles(dist).filter((f) => /^postmortems\/\d{4}-[^/]+\/index\.html$/.test(f));

  test('there are four, each rendering every section', () => {
    expect(postmortems).toHaveLength(4);
    for (const file of postmortems) {
      const doc = parseHTML(readFileSync(join(dist, file), 'utf8')).document;
      const sections = [
        'Summary',
        'Impact',
        'Detection',
        'Timeline',
        'Trigger and root causes',
        'Five whys',
        'Contributing factors',
        'Defense layers',
        'Lessons',
        'Action items',
      ];
      // The narrative may add its own headings between the fixed sections.
      const headings = [...doc.querySelectorAll('h2')].map(text).filter((h) => sections.includes(h));
      // Every section is there, once, in this order.
      expect(headings, file).toEqual(sections);
      expect(text(doc.querySelector('main')), file).toMatch(/Data loss: (No customer data was lost\.|Yes)/);
      // Each diagram laid out wide, and standing up for a narrow screen.
      expect(doc.querySelectorAll('svg.diagram.drawing-wide'), file).toHaveLength(2);
      expect(doc.querySelectorAll('svg.diagram.drawing-narrow'), file).toHaveLength(2);
    }
  });

  test('marks overdue action items relative to the build clock', () => {
    const doc = readPage(dist, '/postmortems/2026-10-14-checkout-payments-failing/');
    const overdue = [...doc.querySelectorAll('tr.overdue')].map((tr) => text(tr.querySelector('td')));
    expect(overdue).toEqual(['Add real-issuer conformance tests for 3-D Secure']); // due Nov 15, in progress
  });

  test('the archive filters by component, severity and year on separate pages', () => {
    expect(readPage(dist, '/postmortems/').querySelectorAll('article')).toHaveLength(4);
    expect(
      [...readPage(dist, '/postmortems/component/webhooks/').querySelectorAll('article h2')].map(text),
    ).toEqual(['Postmortem: Webhook deliveries delayed and failing']);
    expect(readPage(dist, '/postmortems/severity/P1/').querySelectorAll('article')).toHaveLength(2);
    expect(readPage(dist, '/postmortems/year/2026/').querySelectorAll('article')).toHaveLength(4);
  });

  test('the follow-up ledger lists every action item, overdue first, with counts', () => {
    const doc = readPage(dist, '/postmortems/follow-ups/');
    const rows = [...doc.querySelectorAll('.action-items tbody tr')];
    expect(rows).toHaveLength(4 + 3 + 2 + 4);
    expect(rows[0]?.classList.contains('overdue')).toBe(true);
    expect(text(doc.querySelector('main'))).toContain(
      'Done on time: 5 of 6 finished items that had a due date',
    );
  });
});
