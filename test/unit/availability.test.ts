import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { computeUptime, formatPercent, sweep } from '../../src/domain/availability.ts';
import type { StatusWindow } from '../../src/domain/statuses.ts';
import { sinceStart, zonedMonth } from '../../src/domain/timeline.ts';
import type { ComponentStatus } from '../../src/schemas/vocabulary.ts';

const t = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const defaults = {
  weights: { major_outage: 1, partial_outage: 0.3, degraded_performance: 0 },
  maintenance: 'up' as const,
};
const win = (status: ComponentStatus, start: string, end: string): StatusWindow => ({
  componentId: 'api',
  status,
  start: t(start),
  end: t(end),
  open: false,
  sourceId: `${status}-${start}`,
});

// docs/reference/availability.md, "Worked example".
const june = { start: t('2026-06-01T00:00:00Z'), end: t('2026-07-01T00:00:00Z') };
const july = { start: t('2026-07-01T00:00:00Z'), end: t('2026-08-01T00:00:00Z') };
const example = [
  win('major_outage', '2026-06-03T10:00:00Z', '2026-06-03T10:40:00Z'),
  win('partial_outage', '2026-06-03T10:20:00Z', '2026-06-03T11:20:00Z'),
  win('degraded_performance', '2026-06-03T14:00:00Z', '2026-06-03T16:00:00Z'),
  win('under_maintenance', '2026-06-15T02:00:00Z', '2026-06-15T03:00:00Z'),
  win('partial_outage', '2026-06-30T23:30:00Z', '2026-07-01T01:30:00Z'),
];

describe('computeUptime on the worked example', () => {
  const june30 = computeUptime(example, june, defaults);

  test('the sweep lets the worst status win where windows overlap', () => {
    expect(june30.minutesByStatus).toMatchObject({
      major_outage: 40,
      partial_outage: 70,
      degraded_performance: 120,
      under_maintenance: 60,
    });
  });

  test('weighted downtime is 40 + 0.3 × 70 = 61 minutes, not the naive 94', () => {
    expect(june30.downtimeMinutes).toBeCloseTo(61, 9);
    expect(june30.eligibleMinutes).toBe(43_200);
  });

  test('uptime 99.8588 % is shown floored as 99.85 % or 99.858 %', () => {
    expect(june30.ratio).toBeCloseTo(1 - 61 / 43_200, 12);
    expect(formatPercent(june30.ratio)).toBe('99.85%');
    expect(formatPercent(june30.ratio, 3)).toBe('99.858%');
  });

  test('July gets the remaining 90 minutes of partial outage, 27 weighted minutes', () => {
    const result = computeUptime(example, july, defaults);
    expect(result.minutesByStatus.partial_outage).toBe(90);
    expect(result.downtimeMinutes).toBeCloseTo(27, 9);
  });

  test('maintenance excluded from the denominator shrinks eligible minutes', () => {
    expect(computeUptime(example, june, { ...defaults, maintenance: 'excluded' }).eligibleMinutes).toBe(
      43_140,
    );
  });

  test('time before `since` is not counted', () => {
    const result = computeUptime(example, june, { ...defaults, since: t('2026-06-16T00:00:00Z') });
    expect(result.eligibleMinutes).toBe(15 * 1440);
    expect(result.downtimeMinutes).toBeCloseTo(9, 9); // only D's 30 minutes of June, × 0.3
    expect(result.noData).toBe(false);
  });

  test('a window wholly before `since` is no data, never 100 %', () => {
    const result = computeUptime(example, june, { ...defaults, since: t('2026-07-01T00:00:00Z') });
    expect(result).toMatchObject({ noData: true, eligibleMinutes: 0, downtimeMinutes: 0 });
  });

  test('custom weights from site.yaml apply (incident.io counts partial as full)', () => {
    const result = computeUptime(example, june, {
      ...defaults,
      weights: { ...defaults.weights, partial_outage: 1 },
    });
    expect(result.downtimeMinutes).toBeCloseTo(110, 9);
  });
});

describe('formatPercent', () => {
  test.each([
    [1, 2, '100.00%'],
    [0.999996, 2, '99.99%'],
    [0.999996, 4, '99.9996%'],
    [0.99995, 2, '99.99%'],
    [0.9, 2, '90.00%'],
    [0, 2, '0.00%'],
  ])('%s with %s decimals is %s', (ratio, decimals, expected) => {
    expect(formatPercent(ratio, decimals)).toBe(expected);
  });

  test('any downtime in a 30-day month prints below 100 %', () => {
    const oneMinute = computeUptime(
      [win('major_outage', '2026-06-10T00:00:00Z', '2026-06-10T00:01:00Z')],
      june,
      defaults,
    );
    expect(formatPercent(oneMinute.ratio, 2)).toBe('99.99%');
  });
});

describe('computeUptime properties', () => {
  const statuses: ComponentStatus[] = [
    'under_maintenance',
    'degraded_performance',
    'partial_outage',
    'major_outage',
  ];
  const windowArb = fc
    .record({
      status: fc.constantFrom(...statuses),
      offset: fc.integer({ min: -2 * 1440, max: 32 * 1440 }),
      length: fc.integer({ min: 1, max: 3 * 1440 }),
    })
    .map(({ status, offset, length }): StatusWindow => ({
      componentId: 'api',
      status,
      start: june.start + offset * MIN,
      end: june.start + (offset + length) * MIN,
      open: false,
      sourceId: `${status}-${offset}`,
    }));
  const windowsArb = fc.array(windowArb, { maxLength: 12 });

  test('uptime stays within [0, 1]', () => {
    fc.assert(
      fc.property(windowsArb, (windows) => {
        const { ratio } = computeUptime(windows, june, defaults);
        return ratio >= 0 && ratio <= 1;
      }),
    );
  });

  test('adding an incident never raises uptime', () => {
    fc.assert(
      fc.property(windowsArb, windowArb, (windows, extra) => {
        return (
          computeUptime([...windows, extra], june, defaults).ratio <=
          computeUptime(windows, june, defaults).ratio + 1e-12
        );
      }),
    );
  });

  test('file order never changes uptime', () => {
    fc.assert(
      fc.property(windowsArb, fc.integer(), (windows, seed) => {
        const shuffled = [...windows].sort(
          (a, b) => ((a.start * 31 + seed) % 97) - ((b.start * 31 + seed) % 97),
        );
        return (
          computeUptime(shuffled, june, defaults).downtimeMinutes ===
          computeUptime(windows, june, defaults).downtimeMinutes
        );
      }),
    );
  });

  test('a window split in two gives the same downtime', () => {
    fc.assert(
      fc.property(
        windowsArb,
        windowArb,
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (windows, split, at) => {
          const cut = Math.round(split.start + (split.end - split.start) * at);
          const halves = [
            { ...split, end: cut },
            { ...split, start: cut },
          ];
          const whole = computeUptime([...windows, split], june, defaults).downtimeMinutes;
          const parts = computeUptime([...windows, ...halves], june, defaults).downtimeMinutes;
          return Math.abs(whole - parts) < 1e-9;
        },
      ),
    );
  });

  test('the sweep covers the range exactly once', () => {
    fc.assert(
      fc.property(windowsArb, (windows) => {
        const intervals = sweep(windows, june);
        const total = intervals.reduce((sum, i) => sum + (i.end - i.start), 0);
        return (
          total === june.end - june.start &&
          intervals.every((i, k) => k === 0 || intervals[k - 1]!.end === i.start)
        );
      }),
    );
  });
});

describe('days and months in the site’s zone', () => {
  test('a `since` date starts at midnight in the site’s zone', () => {
    const since = t('2026-11-01T00:00:00Z'); // how the schema reads "2026-11-01"
    expect(sinceStart(since, 'UTC')).toBe(since);
    expect(sinceStart(since, 'America/New_York')).toBe(t('2026-11-01T04:00:00Z'));
    expect(sinceStart(since, 'Europe/Berlin')).toBe(t('2026-10-31T23:00:00Z'));
    expect(sinceStart(since, 'Pacific/Kiritimati')).toBe(t('2026-10-31T10:00:00Z'));
  });

  test('a calendar month in Berlin runs from its midnight to the next, 31 days and the hour the clocks go back', () => {
    const october = zonedMonth(t('2026-10-15T12:00:00Z'), 'Europe/Berlin');
    expect(october).toEqual({
      key: '2026-10',
      start: t('2026-09-30T22:00:00Z'),
      end: t('2026-10-31T23:00:00Z'),
      minutes: 31 * 1440 + 60,
    });
    expect(zonedMonth(t('2026-10-31T23:30:00Z'), 'Europe/Berlin').key).toBe('2026-11');
  });
});
