import { describe, expect, test } from 'vitest';
import { dayKey, monthKey } from '../../src/time/dates.ts';
import { englishLocale } from '../../src/loader/catalogues.ts';

describe('the UTC fast path of dates', () => {
  test.each([
    Date.parse('2026-02-28T23:59:00Z'),
    Date.parse('2024-02-29T00:00:00Z'),
    Date.parse('2026-11-23T01:10:00Z'),
  ])('keys %i exactly like the zone-aware path (Etc/UTC)', (ms) => {
    expect(dayKey(ms, 'UTC')).toBe(dayKey(ms, 'Etc/UTC'));
    expect(monthKey(ms, 'UTC')).toBe(monthKey(ms, 'Etc/UTC'));
  });

  test('other zones show their own time and abbreviation', () => {
    expect(englishLocale('Europe/Berlin').dateTime(Date.parse('2026-07-01T12:00:00Z'))).toBe(
      'Jul 1, 2026, 14:00 GMT+2',
    );
  });
});
