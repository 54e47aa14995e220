import { englishLocale } from '../../src/loader/catalogues.ts';
import { describe, expect, test } from 'vitest';
import {
  buildOverview,
  dayBarLabel,
  INCIDENTS_PER_DAY,
  uptimeBarsSummary,
} from '../../src/views/overview.ts';
import { orderContent } from '../../src/domain/content.ts';
import { componentSchema } from '../../src/schemas/component.ts';
import { siteSchema } from '../../src/schemas/site.ts';
import { incident, siteContent } from '../helpers/entries.ts';

// Twelve short incidents on one day (2026-11-22): a busy day must not grow the home page.
const busy = Array.from({ length: 12 }, (_, i) =>
  incident(`busy-${String(i).padStart(2, '0')}`, {
    title: `Busy incident ${i}`,
    started: `2026-11-22T${String(i + 1).padStart(2, '0')}:00:00Z`,
    mitigated: `2026-11-22T${String(i + 1).padStart(2, '0')}:10:00Z`,
    resolved: `2026-11-22T${String(i + 1).padStart(2, '0')}:20:00Z`,
    components: [{ id: 'api', impact: 'partial_outage' }],
    updates: [
      {
        at: `2026-11-22T${String(i + 1).padStart(2, '0')}:05:00Z`,
        status: 'investigating',
        message: 'Looking.',
      },
      { at: `2026-11-22T${String(i + 1).padStart(2, '0')}:20:00Z`, status: 'resolved', message: 'Fixed.' },
    ],
  }),
);

describe('buildOverview on a busy day', () => {
  const overview = buildOverview(siteContent({ incidents: busy }), { barDays: 90, historyDays: 7 });

  test(`the recent days list names ${INCIDENTS_PER_DAY} incidents and counts the rest`, () => {
    const day = overview.recentDays.find((d) => d.day === '2026-11-22');
    expect(day?.incidents).toHaveLength(INCIDENTS_PER_DAY);
    expect(day?.more).toBe(12 - INCIDENTS_PER_DAY);
  });

  const api = overview.groups[0]!.rows.find((r) => r.component.id === 'api')!;
  const dayOf = (row: typeof api, day: string) => row.bars.findIndex((b) => b.day === day);

  test("a busy day's bar says its status and how many incidents, naming none", () => {
    const bar = api.bars[dayOf(api, '2026-11-22')]!;
    expect(bar.incidentIds).toHaveLength(12);
    expect(dayBarLabel(bar, englishLocale('UTC'))).toBe('2026-11-22: Partial outage — 12 incidents');
  });

  test("a bar's words are the same length whatever the incidents were called: one or twelve", () => {
    const named = (title: string) =>
      buildOverview(
        siteContent({ incidents: busy.slice(0, 1).map((i) => ({ ...i, title })) }),
      ).groups[0]!.rows.find((r) => r.component.id === 'api')!;
    const short = named('A');
    const long = named('A very long title that names every system it touched, one by one'.repeat(4));
    const labels = (row: typeof api) => row.bars.map((bar) => dayBarLabel(bar, englishLocale('UTC')));
    expect(labels(long)).toEqual(labels(short));
    expect(labels(short)[dayOf(short, '2026-11-22')]).toBe('2026-11-22: Partial outage — 1 incident');
    // Every label of a 90-day row fits a date, a status and a count.
    for (const label of [...labels(api), ...labels(short)]) expect(label.length).toBeLessThanOrEqual(50);
  });

  test("a day with incidents links to the page of the component's history that lists the newest", () => {
    const i = dayOf(api, '2026-11-22');
    expect(api.historyPages[i]).toBe(1);
    expect(api.historyPages.filter((page) => page !== undefined)).toHaveLength(1);
    // 60 incidents, one a day: the day 30 days back is the 31st newest, on the second page of 25.
    const daily = Array.from({ length: 60 }, (_, n) => {
      const day = new Date(Date.parse('2026-11-22T10:00:00Z') - n * 86_400_000).toISOString().slice(0, 10);
      return incident(`${day}-daily`, {
        started: `${day}T10:00:00Z`,
        mitigated: `${day}T10:20:00Z`,
        resolved: `${day}T10:20:00Z`,
        components: [{ id: 'api', impact: 'partial_outage' }],
        updates: [
          { at: `${day}T10:00:00Z`, status: 'investigating', message: 'Looking.' },
          { at: `${day}T10:20:00Z`, status: 'resolved', message: 'Fixed.' },
        ],
      });
    });
    const row = buildOverview(siteContent({ incidents: daily })).groups[0]!.rows.find(
      (r) => r.component.id === 'api',
    )!;
    expect(row.historyPages[dayOf(row, '2026-10-23')]).toBe(2);
    expect(row.historyPages[dayOf(row, '2026-11-22')]).toBe(1);
  });
});

describe('no invented past: days before a component’s since', () => {
  // The build clock is 2026-11-23 12:00 UTC; the API's history starts on 2026-11-01, in New York.
  const zone = 'America/New_York';
  const content = (since: string) =>
    orderContent({
      ...siteContent(),
      site: siteSchema.parse({
        name: 'Test Co',
        url: 'https://status.test.example',
        description: 'Tests.',
        time_zone: zone,
      }),
      locale: englishLocale(zone),
      locales: [englishLocale(zone)],
      components: [componentSchema.parse({ id: 'api', name: 'API', since })],
    });
  const row = buildOverview(content('2026-11-01')).groups[0]!.rows[0]!;

  test('are no data, up to the last day before it in the site’s zone', () => {
    const before = row.bars.filter((bar) => bar.noData).map((bar) => bar.day);
    expect(before).toHaveLength(90 - 23);
    expect(before.at(-1)).toBe('2026-10-31');
    expect(row.bars.find((bar) => bar.day === '2026-11-01')?.noData).toBe(false);
    expect(
      dayBarLabel(
        row.bars.find((b) => b.day === '2026-10-31')!,
        englishLocale(zone),
      ),
    ).toBe('2026-10-31: no data');
  });

  test('do not count: the summary speaks of the 23 days measured', () => {
    expect(uptimeBarsSummary(row, 'API', englishLocale(zone))).toBe(
      'API: 100.00% uptime over the last 23 days; 0 days with incidents or maintenance',
    );
  });

  test('a component whose history has not started yet has no uptime to show', () => {
    const future = buildOverview(content('2026-12-01')).groups[0]!.rows[0]!;
    expect(future.bars.every((bar) => bar.noData)).toBe(true);
    expect(future.uptime).toBeUndefined();
    expect(uptimeBarsSummary(future, 'API', englishLocale(zone))).toBe('API: no data');
  });
});
