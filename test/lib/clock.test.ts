import { describe, expect, test } from 'vitest';
import { ClockError, resolveBuildClock } from '../../src/lib/clock.ts';

const real = Date.parse('2026-11-23T10:00:00Z');

describe('resolveBuildClock', () => {
  test('STATUSMARK_NOW wins over everything', () => {
    expect(
      resolveBuildClock({
        statusmarkNow: '2026-01-02T03:04:05+01:00',
        sourceDateEpoch: '0',
        demoNow: 5,
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
    expect(resolveBuildClock({ demoNow: 42, realNow: real })).toEqual({ now: 42, source: 'demo' });
  });

  test('otherwise the real clock', () => {
    expect(resolveBuildClock({ realNow: real })).toEqual({ now: real, source: 'clock' });
  });

  test.each(['2026-11-23T10:00:00', 'yesterday', '2026-11-23'])(
    'STATUSMARK_NOW=%s without a zone is refused',
    (value) => {
      expect(() => resolveBuildClock({ statusmarkNow: value, realNow: real })).toThrow(ClockError);
    },
  );

  test('a SOURCE_DATE_EPOCH that is not whole seconds is refused', () => {
    expect(() => resolveBuildClock({ sourceDateEpoch: '17e8', realNow: real })).toThrow(
      /whole number of seconds/,
    );
  });
});
