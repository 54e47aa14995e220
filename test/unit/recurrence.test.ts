import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { computeUptime } from '../../src/domain/availability.ts';
import { orderContent, type SiteContent } from '../../src/domain/content.ts';
import { buildCalendar } from '../../src/formats/icalendar.ts';
import { buildMaintenanceLists } from '../../src/views/maintenance-view.ts';
import { maintenanceOccurrences } from '../../src/domain/occurrences.ts';
import { buildOverview } from '../../src/views/overview.ts';
import { buildApiDocuments } from '../../src/formats/statuspage-documents.ts';
import { windowsByComponent } from '../../src/domain/timeline.ts';
import { createMaintenanceSchema, type MaintenanceEntry } from '../../src/schemas/maintenance.ts';
import { checkRule } from '../../src/schemas/recurrence.ts';
import { siteSchema } from '../../src/schemas/site.ts';
import { components, context } from '../helpers/entries.ts';
import { englishLocale } from '../../src/loader/catalogues.ts';

const BERLIN = 'Europe/Berlin';

/** A maintenance file's front matter through the real schema, in a site of the given zone. */
function parse(fields: Record<string, unknown>, options: { timeZone?: string; now?: number } = {}) {
  const schema = createMaintenanceSchema({
    ...context,
    now: options.now ?? context.now,
    timeZone: options.timeZone ?? 'UTC',
  });
  return schema.safeParse({ title: 'Weekly database maintenance', components: ['api'], ...fields });
}

function series(
  id: string,
  fields: Record<string, unknown>,
  options: { timeZone?: string; now?: number } = {},
): MaintenanceEntry {
  const result = parse(fields, options);
  if (!result.success) throw new Error(result.error.issues.map((i) => i.message).join('; '));
  return { ...result.data, id, body: '' };
}

function problems(fields: Record<string, unknown>, options: { timeZone?: string; now?: number } = {}) {
  const result = parse(fields, options);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

function site(
  maintenance: MaintenanceEntry[],
  options: { timeZone?: string; now?: number; rule?: 'up' | 'excluded' } = {},
): SiteContent {
  return orderContent({
    site: siteSchema.parse({
      name: 'Test Co',
      url: 'https://status.test.example',
      description: 'Tests.',
      time_zone: options.timeZone ?? 'UTC',
      uptime: { maintenance: options.rule ?? 'up' },
    }),
    locale: englishLocale(options.timeZone ?? 'UTC'),
    locales: [englishLocale(options.timeZone ?? 'UTC')],
    components,
    incidents: [],
    maintenance,
    postmortems: [],
    clock: { now: options.now ?? context.now, source: 'STATUSMARK_NOW' },
    base: '/',
  });
}

const startsOf = (window: MaintenanceEntry) =>
  (window.occurrences ?? []).filter((o) => !o.cancelled).map((o) => new Date(o.start).toISOString());

describe('a recurring maintenance window', () => {
  test('a weekly series over the end of summer time in Berlin keeps its local start time', () => {
    const window = series(
      'weekly',
      {
        scheduled_start: '2026-10-13T02:00:00+02:00',
        scheduled_end: '2026-10-13T04:00:00+02:00',
        recurrence: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4',
      },
      { timeZone: BERLIN },
    );
    // Clocks go back on 2026-10-25: 02:00 in Berlin is 00:00 UTC before and 01:00 UTC after.
    expect(startsOf(window)).toEqual([
      '2026-10-13T00:00:00.000Z',
      '2026-10-20T00:00:00.000Z',
      '2026-10-27T01:00:00.000Z',
      '2026-11-03T01:00:00.000Z',
    ]);
    expect(window.occurrences!.map((o) => o.end - o.start)).toEqual(Array(4).fill(2 * 3_600_000));
    expect(window.occurrences!.map((o) => o.date)).toEqual([
      '2026-10-13',
      '2026-10-20',
      '2026-10-27',
      '2026-11-03',
    ]);
  });

  test('a monthly series over the start of summer time in New York', () => {
    const window = series(
      'monthly',
      {
        scheduled_start: '2027-01-12T23:00:00-05:00',
        scheduled_end: '2027-01-13T00:00:00-05:00',
        recurrence: 'FREQ=MONTHLY;BYDAY=2TU;COUNT=4',
      },
      { timeZone: 'America/New_York', now: Date.parse('2026-11-23T12:00:00Z') },
    );
    // The second Tuesday of each month at 23:00 local: EST (-05:00), then EDT (-04:00) from March 14.
    expect(startsOf(window)).toEqual([
      '2027-01-13T04:00:00.000Z',
      '2027-02-10T04:00:00.000Z',
      '2027-03-10T04:00:00.000Z',
      '2027-04-14T03:00:00.000Z',
    ]);
  });

  test('COUNT ends the series after that many occurrences', () => {
    const window = series('count', {
      scheduled_start: '2026-11-03T02:00:00Z',
      scheduled_end: '2026-11-03T03:00:00Z',
      recurrence: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3',
    });
    expect(startsOf(window)).toEqual([
      '2026-11-03T02:00:00.000Z',
      '2026-11-10T02:00:00.000Z',
      '2026-11-17T02:00:00.000Z',
    ]);
  });

  test('UNTIL written as a date includes that whole day in the site zone', () => {
    const window = series(
      'until',
      {
        scheduled_start: '2026-12-01T23:30:00+01:00',
        scheduled_end: '2026-12-02T00:30:00+01:00',
        recurrence: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215',
      },
      { timeZone: BERLIN },
    );
    // 23:30 on Dec 15 in Berlin is 22:30 UTC: still on the UNTIL date locally, so it is included.
    expect(startsOf(window)).toEqual([
      '2026-12-01T22:30:00.000Z',
      '2026-12-08T22:30:00.000Z',
      '2026-12-15T22:30:00.000Z',
    ]);
    expect(window.recurrence).toBe('FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T225959Z');
  });

  test('an open-ended series is expanded to the clock and the next five occurrences', () => {
    const window = series('open', {
      scheduled_start: '2026-11-02T02:00:00Z',
      scheduled_end: '2026-11-02T03:00:00Z',
      recurrence: 'FREQ=DAILY;INTERVAL=2',
    });
    const now = context.now; // 2026-11-23T12:00Z
    const past = window.occurrences!.filter((o) => o.start < now);
    const next = window.occurrences!.filter((o) => o.start >= now);
    expect(past.map((o) => o.date)).toEqual(
      ['02', '04', '06', '08', '10', '12', '14', '16', '18', '20', '22'].map((d) => `2026-11-${d}`),
    );
    expect(next.map((o) => o.date)).toEqual([
      '2026-11-24',
      '2026-11-26',
      '2026-11-28',
      '2026-11-30',
      '2026-12-02',
    ]);
  });

  test('a cancelled and a moved occurrence', () => {
    const window = series('exceptions', {
      scheduled_start: '2026-12-01T02:00:00Z',
      scheduled_end: '2026-12-01T03:00:00Z',
      recurrence: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4',
      exceptions: [
        { date: '2026-12-15', cancelled: true, note: 'Release freeze.' },
        {
          date: '2026-12-22',
          scheduled_start: '2026-12-21T05:00:00Z',
          scheduled_end: '2026-12-21T06:00:00Z',
        },
      ],
    });
    expect(startsOf(window)).toEqual([
      '2026-12-01T02:00:00.000Z',
      '2026-12-08T02:00:00.000Z',
      '2026-12-21T05:00:00.000Z',
    ]);
    const [, , cancelled, moved] = window.occurrences!;
    expect(cancelled).toMatchObject({ date: '2026-12-15', cancelled: true, note: 'Release freeze.' });
    expect(moved).toMatchObject({
      date: '2026-12-22',
      moved: true,
      ruleStart: Date.parse('2026-12-22T02:00:00Z'),
    });
  });

  test('mistakes name the field and the fix', () => {
    const base = { scheduled_start: '2026-11-03T02:00:00Z', scheduled_end: '2026-11-03T03:00:00Z' };
    expect(problems({ ...base, recurrence: 'FREQ=HOURLY' })).toEqual([
      'recurrence: FREQ=HOURLY is not supported; use DAILY, WEEKLY, MONTHLY, YEARLY',
    ]);
    expect(problems({ ...base, recurrence: 'FREQ=WEEKLY;COUNT=3;UNTIL=20261231' })).toEqual([
      'recurrence: names both COUNT and UNTIL; keep one (RFC 5545 allows only one)',
    ]);
    expect(problems({ ...base, recurrence: 'FREQ=WEEKLY;BYDAY=XX' })[0]).toMatch(
      /^recurrence: cannot be expanded: .*BYDAY/,
    );
    expect(problems({ ...base, recurrence: 'FREQ=DAILY', scheduled_end: '2026-11-04T03:00:00Z' })).toEqual([
      'scheduled_end: the occurrences of 2026-11-03 and 2026-11-04 overlap; shorten the window or space the rule out',
    ]);
    expect(problems({ ...base, exceptions: [{ date: '2026-11-03', cancelled: true }] })).toEqual([
      'exceptions: needs recurrence; only a recurring window has occurrences to change',
    ]);
    const weekly = { ...base, recurrence: 'FREQ=WEEKLY' };
    expect(problems({ ...weekly, exceptions: [{ date: '2026-11-10' }] })).toEqual([
      'exceptions.0.date: says nothing about this occurrence; add cancelled: true, or scheduled_start and scheduled_end to move it',
    ]);
    expect(
      problems({
        ...weekly,
        exceptions: [
          { date: '2026-11-10', cancelled: true },
          { date: '2026-11-10', cancelled: true },
        ],
      }),
    ).toEqual(['exceptions.1.date: 2026-11-10 is named twice; keep one exception per occurrence']);
    expect(
      problems({
        ...weekly,
        updates: [{ at: '2026-11-03T02:00:00Z', status: 'in_progress', message: 'Started.' }],
      })[0],
    ).toMatch(/^updates\.0\.status: must be "scheduled" in a recurring window: .* use exceptions$/);
  });

  test('checkRule accepts a leading RRULE: and lower case, and refuses what would clash with the file', () => {
    expect(checkRule('rrule:freq=weekly;byday=tu,th', 'UTC')).toEqual({ rule: 'FREQ=WEEKLY;BYDAY=TU,TH' });
    expect(checkRule('DTSTART=20261103T020000Z;FREQ=DAILY', 'UTC')).toEqual({
      error: 'must not hold DTSTART; the first window is scheduled_start and scheduled_end',
    });
    expect(checkRule('FREQ=WEEKLY;BYDAY', 'UTC')).toEqual({
      error: '"BYDAY" is not NAME=VALUE; write the rule like FREQ=WEEKLY;BYDAY=TU;COUNT=8',
    });
    const unknown = checkRule('FREQ=WEEKLY;COLOR=RED', 'UTC');
    expect('error' in unknown && unknown.error).toMatch(/^"COLOR" is not a supported rule part/);
  });
});

describe('occurrences on the site', () => {
  const weekly = (timeZone = 'UTC') =>
    series(
      'weekly-db',
      {
        announced: '2026-10-20T09:00:00Z',
        scheduled_start: '2026-11-03T02:00:00Z',
        scheduled_end: '2026-11-03T04:00:00Z',
        impact: 'under_maintenance',
        recurrence: 'FREQ=WEEKLY;BYDAY=TU',
        exceptions: [{ date: '2026-11-10', cancelled: true }],
      },
      { timeZone },
    );

  test('each occurrence that happened counts as maintenance in uptime, per the site rule', () => {
    const month = { start: Date.parse('2026-11-01T00:00:00Z'), end: context.now };
    for (const rule of ['up', 'excluded'] as const) {
      const content = site([weekly()], { rule });
      const windows = windowsByComponent(content).get('api')!;
      // Nov 3 and Nov 17 took place; Nov 10 was cancelled; Nov 24 lies after the clock.
      expect(windows.map((w) => new Date(w.start).toISOString())).toEqual([
        '2026-11-17T02:00:00.000Z',
        '2026-11-03T02:00:00.000Z',
      ]);
      const uptime = computeUptime(windows, month, content.site.uptime);
      const total = (month.end - month.start) / 60_000;
      if (rule === 'up') expect(uptime.ratio).toBe(1);
      else expect(uptime.eligibleMinutes).toBe(total - 2 * 120);
    }
  });

  test('the page status shows maintenance while an occurrence is in progress', () => {
    const during = site([weekly()], { now: Date.parse('2026-11-17T03:00:00Z') });
    const overview = buildOverview(during);
    expect(overview.page.indicator).toBe('maintenance');
    expect(overview.activeMaintenance.map((w) => w.key)).toEqual(['weekly-db@2026-11-17']);
    expect(overview.upcomingMaintenance.map((w) => w.key)).toEqual([]);
    const after = buildOverview(site([weekly()], { now: Date.parse('2026-11-17T05:00:00Z') }));
    expect(after.page.indicator).toBe('none');
    // The home page lists a series once, at its next occurrence.
    expect(after.upcomingMaintenance.map((w) => w.key)).toEqual(['weekly-db@2026-11-24']);
  });

  test('the maintenance lists show the next occurrence once and each past one that took place', () => {
    const lists = buildMaintenanceLists(site([weekly()]));
    expect(lists.current.map((w) => w.key)).toEqual(['weekly-db@2026-11-24']);
    expect(lists.past[0]!.items.map((w) => w.key)).toEqual(['weekly-db@2026-11-17', 'weekly-db@2026-11-03']);
  });

  test('the Statuspage API lists the upcoming and active occurrences, each with its own id', () => {
    const content = site([weekly()], { now: Date.parse('2026-11-17T03:00:00Z') });
    const api = buildApiDocuments(content, 'https://status.test.example/');
    expect(api['scheduled-maintenances/active.json'].scheduled_maintenances.map((m) => m.id)).toEqual([
      'weekly-db@2026-11-17',
    ]);
    const upcoming = api['scheduled-maintenances/upcoming.json'].scheduled_maintenances;
    expect(upcoming.map((m) => [m.id, m.scheduled_for])).toEqual([
      ['weekly-db@2026-11-24', '2026-11-24T02:00:00Z'],
      ['weekly-db@2026-12-01', '2026-12-01T02:00:00Z'],
      ['weekly-db@2026-12-08', '2026-12-08T02:00:00Z'],
      ['weekly-db@2026-12-15', '2026-12-15T02:00:00Z'],
      ['weekly-db@2026-12-22', '2026-12-22T02:00:00Z'],
    ]);
    expect(upcoming[0]!.shortlink).toBe('https://status.test.example/maintenance/weekly-db/#on-2026-11-24');
    expect(
      maintenanceOccurrences(content)
        .filter((w) => w.occurrence?.cancelled)
        .map((w) => w.key),
    ).toEqual(['weekly-db@2026-11-10']);
  });

  test('the calendar, read back by a real iCalendar parser, gives the same occurrences', () => {
    const window = series(
      'weekly-berlin',
      {
        announced: '2026-10-01T09:00:00Z',
        scheduled_start: '2026-10-13T02:00:00+02:00',
        scheduled_end: '2026-10-13T03:30:00+02:00',
        recurrence: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
        exceptions: [
          { date: '2026-10-27', cancelled: true },
          {
            date: '2026-11-03',
            scheduled_start: '2026-11-04T05:00:00+01:00',
            scheduled_end: '2026-11-04T06:00:00+01:00',
          },
        ],
      },
      { timeZone: BERLIN },
    );
    const ics = buildCalendar(
      site([window], { timeZone: BERLIN }),
      (path) => new URL(path, 'https://status.test.example').href,
    );
    const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const [master, ...overrides] = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    for (const override of overrides) master!.relateException(override);
    const parsed: [string, string][] = [];
    const iterator = master!.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      const details = master!.getOccurrenceDetails(next);
      parsed.push([details.startDate.toJSDate().toISOString(), details.endDate.toJSDate().toISOString()]);
    }
    const ours = window
      .occurrences!.filter((o) => !o.cancelled)
      .map((o) => [new Date(o.start).toISOString(), new Date(o.end).toISOString()]);
    expect(parsed).toEqual(ours);
    // The daylight-saving change lies inside the series: 02:00 local is 00:00 UTC, then 01:00 UTC.
    expect(parsed.map(([start]) => start)).toEqual([
      '2026-10-13T00:00:00.000Z',
      '2026-10-20T00:00:00.000Z',
      '2026-11-04T04:00:00.000Z',
      '2026-11-10T01:00:00.000Z',
      '2026-11-17T01:00:00.000Z',
    ]);
    expect(ics).toContain('EXDATE;TZID=Europe/Berlin:20261027T020000');
    expect(ics).toContain('RECURRENCE-ID;TZID=Europe/Berlin:20261103T020000');
  });
});
