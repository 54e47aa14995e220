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

  test("a busy day's bar says how many incidents instead of naming them", () => {
    const bar = overview.groups[0]?.rows
      .find((r) => r.component.id === 'api')
      ?.bars.find((b) => b.day === '2026-11-22');
    expect(bar?.incidentIds).toHaveLength(12);
    expect(dayBarLabel(bar!, overview.incidentTitles, englishLocale('UTC'))).toMatch(
      /^2026-11-22: Partial outage, .* weighted downtime — 12 incidents$/,
    );
    // Only a bar's only incident is named, so no title is carried for this busy day.
    expect(overview.incidentTitles.size).toBe(0);
  });

  test('a day with one incident names it', () => {
    const quiet = buildOverview(siteContent({ incidents: busy.slice(0, 1) }), {
      barDays: 90,
      historyDays: 7,
    });
    const bar = quiet.groups[0]?.rows
      .find((r) => r.component.id === 'api')
      ?.bars.find((b) => b.day === '2026-11-22');
    expect(dayBarLabel(bar!, quiet.incidentTitles, englishLocale('UTC'))).toMatch(/ — Busy incident 0$/);
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
        new Map(),
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
