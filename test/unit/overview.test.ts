import { englishLocale } from '../../src/loader/catalogues.ts';
import { describe, expect, test } from 'vitest';
import {
  buildComponentBars,
  buildOverview,
  currentEvents,
  dayBarLabel,
  groupBarsByStatus,
  INCIDENTS_PER_DAY,
  PAST_INCIDENTS,
  UPCOMING_SHOWN,
  uptimeBarsSummary,
} from '../../src/views/overview.ts';
import { orderContent } from '../../src/domain/content.ts';
import { componentSchema } from '../../src/schemas/component.ts';
import { siteSchema } from '../../src/schemas/site.ts';
import { components, incident, maintenance, NOW, siteContent } from '../helpers/entries.ts';

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
  const dayOf = (row: Pick<typeof api, 'bars'>, day: string) => row.bars.findIndex((b) => b.day === day);

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

  test("on the component's page, a day with incidents links to the page of its history that lists the newest", () => {
    const apiComponent = components.find((c) => c.id === 'api')!;
    const bars = buildComponentBars(siteContent({ incidents: busy }), apiComponent);
    const i = bars.bars.findIndex((b) => b.day === '2026-11-22');
    expect(bars.historyPages[i]).toBe(1);
    expect(bars.historyPages.filter((page) => page !== undefined)).toHaveLength(1);
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
    const row = buildComponentBars(siteContent({ incidents: daily }), apiComponent);
    expect(row.historyPages[dayOf(row, '2026-10-23')]).toBe(2);
    expect(row.historyPages[dayOf(row, '2026-11-22')]).toBe(1);
  });
});

describe('the home page draws the bars by status, not day by day', () => {
  const row = buildOverview(siteContent({ incidents: busy })).groups[0]!.rows.find(
    (r) => r.component.id === 'api',
  )!;
  const { older, recent } = groupBarsByStatus(row.bars);

  test('each status is one group, holding every day of that status, each day once', () => {
    expect(recent.map((g) => g.status)).toEqual(['operational', 'partial_outage']);
    expect(recent.find((g) => g.status === 'partial_outage')?.indexes).toEqual([88]); // 2026-11-22
    expect(older.map((g) => g.status)).toEqual(['operational']);
    const all = [...older, ...recent].flatMap((g) => g.indexes).sort((a, b) => a - b);
    expect(all).toEqual(row.bars.map((_, i) => i));
  });

  test('the last 30 days are apart from the older 60, which a phone leaves out', () => {
    expect(older.flatMap((g) => g.indexes).every((i) => i < 60)).toBe(true);
    expect(recent.flatMap((g) => g.indexes).every((i) => i >= 60)).toBe(true);
  });

  test('a busy day and a quiet one make the same groups: the markup does not grow with a day', () => {
    const quiet = buildOverview(siteContent({ incidents: busy.slice(0, 1) })).groups[0]!.rows.find(
      (r) => r.component.id === 'api',
    )!;
    expect(groupBarsByStatus(quiet.bars)).toEqual({ older, recent });
  });
});

describe('the past days on a busy week', () => {
  // Ten incidents a day for the whole week, each day's started on the hour from 01:00 UTC.
  const week = Array.from({ length: 7 * 10 }, (_, n) => {
    const day = new Date(NOW - Math.floor(n / 10) * 86_400_000).toISOString().slice(0, 10);
    const hour = String(1 + (n % 10)).padStart(2, '0');
    return incident(`${day}-week-${n}`, {
      started: `${day}T${hour}:00:00Z`,
      mitigated: `${day}T${hour}:10:00Z`,
      resolved: `${day}T${hour}:20:00Z`,
      components: [{ id: 'api', impact: 'partial_outage' }],
      updates: [{ at: `${day}T${hour}:20:00Z`, status: 'resolved', message: 'Fixed.' }],
    });
  });
  const days = buildOverview(siteContent({ incidents: week })).recentDays;

  test(`name ${PAST_INCIDENTS} incidents in all, the newest days first, ${INCIDENTS_PER_DAY} at most a day`, () => {
    expect(days.map((d) => d.incidents.length)).toEqual([3, 3, 1, 0, 0, 0, 0]);
    expect(days.reduce((sum, d) => sum + d.incidents.length, 0)).toBe(PAST_INCIDENTS);
  });

  test('and count every other incident of each day, never saying a day had none', () => {
    expect(days.map((d) => d.more)).toEqual([7, 7, 9, 10, 10, 10, 10]);
    expect(days.every((d) => d.incidents.length + d.more === 10)).toBe(true);
  });

  test("and link them to the history's page that lists the first of them", () => {
    // 25 a page, newest first: the fourth day's first incident is the 31st newest, on page 2.
    expect(days.map((d) => d.morePage)).toEqual([1, 1, 1, 2, 2, 3, 3]);
  });
});

describe('the past days while an incident that began earlier is still open', () => {
  // Begun two days ago, not resolved: its card is above, and the days since are not incident-free.
  const day = (back: number) => new Date(NOW - back * 86_400_000).toISOString().slice(0, 10);
  const open = incident('still-open', {
    started: `${day(2)}T22:00:00Z`,
    components: [{ id: 'api', impact: 'major_outage' }],
    updates: [{ at: `${day(2)}T22:05:00Z`, status: 'investigating', message: 'Looking.' }],
  });
  const days = buildOverview(siteContent({ incidents: [open] })).recentDays;

  test('every day from its start to today points to it above, never "no incidents"', () => {
    expect(days.map((d) => [d.day, d.open])).toEqual([
      [day(0), 1],
      [day(1), 1],
      [day(2), 1],
      [day(3), 0],
      [day(4), 0],
      [day(5), 0],
      [day(6), 0],
    ]);
  });
});

describe('the past days around an incident that ran past midnight', () => {
  // Began two days ago at 23:00 UTC, resolved yesterday at 01:30: yesterday's bar shows its outage.
  const day = (back: number) => new Date(NOW - back * 86_400_000).toISOString().slice(0, 10);
  const overnight = incident('overnight', {
    started: `${day(2)}T23:00:00Z`,
    mitigated: `${day(1)}T01:00:00Z`,
    resolved: `${day(1)}T01:30:00Z`,
    components: [{ id: 'api', impact: 'major_outage' }],
    updates: [{ at: `${day(1)}T01:30:00Z`, status: 'resolved', message: 'Fixed.' }],
  });
  const days = buildOverview(siteContent({ incidents: [overnight] })).recentDays;

  test('is listed on both days it touched, and on no other', () => {
    expect(days.map((d) => [d.day, d.incidents.map((i) => i.id)])).toEqual([
      [day(0), []],
      [day(1), ['overnight']],
      [day(2), ['overnight']],
      [day(3), []],
      [day(4), []],
      [day(5), []],
      [day(6), []],
    ]);
  });
});

describe('announced maintenance on the home page', () => {
  // Eight windows announced, one a week from tomorrow, listed in the content latest first.
  const windows = Array.from({ length: 8 }, (_, n) => {
    const start = new Date(NOW + (7 - n) * 7 * 86_400_000 + 86_400_000).toISOString().slice(0, 13);
    return maintenance(`window-${7 - n}`, {
      announced: '2026-11-01T00:00:00Z',
      scheduled_start: `${start}:00:00Z`,
      scheduled_end: `${start}:30:00Z`,
    });
  });
  const overview = buildOverview(siteContent({ maintenance: windows }));

  test(`names the ${UPCOMING_SHOWN} soonest and counts the rest, whatever a team announces`, () => {
    expect(overview.upcomingMaintenance.map((w) => w.id)).toEqual([
      'window-0',
      'window-1',
      'window-2',
      'window-3',
      'window-4',
    ]);
    expect(overview.laterMaintenance).toBe(3);
  });
});

describe('what is going on now (what /embed/ lists)', () => {
  const hour = (h: number) => new Date(NOW + h * 3_600_000).toISOString().slice(0, 19) + 'Z';
  const open = incident('2026-11-23-open', {
    title: 'Checkout errors',
    started: hour(-2),
    components: [{ id: 'api', impact: 'partial_outage' }],
    updates: [{ at: hour(-2), status: 'investigating', message: 'Looking.' }],
  });
  const resolved = incident('2026-11-22-over', {
    started: hour(-30),
    mitigated: hour(-29),
    resolved: hour(-29),
    components: [{ id: 'api', impact: 'partial_outage' }],
    updates: [{ at: hour(-29), status: 'resolved', message: 'Fixed.' }],
  });
  const now = maintenance('db-upgrade', {
    title: 'Database upgrade',
    announced: hour(-48),
    scheduled_start: hour(-1),
    scheduled_end: hour(1),
  });
  const later = maintenance('later', {
    announced: hour(-48),
    scheduled_start: hour(5),
    scheduled_end: hour(6),
  });

  test('the open incidents, then the maintenance in progress, each with its page', () => {
    expect(currentEvents(siteContent({ incidents: [open, resolved], maintenance: [now, later] }))).toEqual([
      { title: 'Checkout errors', href: '/incidents/2026-11-23-open/' },
      { title: 'Database upgrade', href: '/maintenance/db-upgrade/' },
    ]);
  });

  test('nothing when nothing is going on', () => {
    expect(currentEvents(siteContent({ incidents: [resolved], maintenance: [later] }))).toEqual([]);
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
