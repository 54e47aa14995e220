import { describe, expect, test } from 'vitest';
import { ClockError, resolveBuildClock } from '../../src/time/clock.ts';

const real = Date.parse('2026-11-23T10:00:00Z');

describe('resolveBuildClock', () => {
  test('STATUSMARK_NOW wins over everything', () => {
    expect(
      resolveBuildClock({
        statusmarkNow: '2026-01-02T03:04:05+01:00',
        sourceDateEpoch: '0',
        demoNow: Date.parse('2026-01-01T00:00:00Z'),
        realNow: real,
      }),
    ).toEqual({
      now: Date.parse('2026-01-02T02:04:05Z'),
      source: 'STATUSMARK_NOW',
    });
  });

  test('SOURCE_DATE_EPOCH is seconds', () => {
    expect(resolveBuildClock({ sourceDateEpoch: '1700000000', realNow: real })).toEqual({
      now: 1_700_000_000_000,
      source: 'SOURCE_DATE_EPOCH',
    });
  });

  test('the demo clock applies only when the environment sets none', () => {
    const demoNow = Date.parse('2026-06-01T12:00:00Z');
    expect(resolveBuildClock({ demoNow, realNow: real })).toEqual({ now: demoNow, source: 'demo' });
  });

  test('otherwise the real clock', () => {
    expect(resolveBuildClock({ realNow: real })).toEqual({ now: real, source: 'clock' });
  });

  test.each([
    '2026-11-23T10:00:00',
    'yesterday',
    '2026-11-23',
    '2026-11-31T12:00:00Z',
    '1 Z',
    '2026-02-29T00:00:00Z',
  ])('STATUSMARK_NOW=%s without a zone is refused', (value) => {
    expect(() => resolveBuildClock({ statusmarkNow: value, realNow: real })).toThrow(ClockError);
  });

  test.each([
    ['9999-12-31T23:59:59Z', /more than a day after the real time/],
    ['2026-11-24T10:00:01Z', /more than a day after the real time/],
    ['1999-12-31T23:59:59Z', /before 2000/],
  ])('STATUSMARK_NOW=%s is outside the plausible range and refused', (value, message) => {
    expect(() => resolveBuildClock({ statusmarkNow: value, realNow: real })).toThrow(message);
  });

  test('a clock up to a day ahead of the machine is accepted (zones, fast clocks)', () => {
    expect(resolveBuildClock({ statusmarkNow: '2026-11-24T10:00:00Z', realNow: real }).now).toBe(
      real + 86_400_000,
    );
  });

  test('SOURCE_DATE_EPOCH=0 (1970) is refused', () => {
    expect(() => resolveBuildClock({ sourceDateEpoch: '0', realNow: real })).toThrow(/before 2000/);
  });

  test('a SOURCE_DATE_EPOCH that is not whole seconds is refused', () => {
    expect(() => resolveBuildClock({ sourceDateEpoch: '17e8', realNow: real })).toThrow(
      /whole number of seconds/,
    );
  });
});
