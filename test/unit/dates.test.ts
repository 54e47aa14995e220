import { describe, expect, test } from 'vitest';
import { dayKey, formatDate, formatDateTime, formatTime, monthKey } from '../../src/time/dates.ts';

describe('the UTC fast path of date formatting', () => {
  test.each([
    Date.parse('2026-02-28T23:59:00Z'),
    Date.parse('2024-02-29T00:00:00Z'),
    Date.parse('2026-11-23T01:10:00Z'),
  ])('formats %i exactly like the zone-aware path (Etc/UTC)', (ms) => {
    expect(formatDateTime(ms, 'UTC')).toBe(formatDateTime(ms, 'Etc/UTC'));
    expect(formatDate(ms, 'UTC')).toBe(formatDate(ms, 'Etc/UTC'));
    expect(formatTime(ms, 'UTC')).toBe(formatTime(ms, 'Etc/UTC'));
    expect(dayKey(ms, 'UTC')).toBe(dayKey(ms, 'Etc/UTC'));
    expect(monthKey(ms, 'UTC')).toBe(monthKey(ms, 'Etc/UTC'));
  });

  test('other zones show their own time and abbreviation', () => {
    expect(formatDateTime(Date.parse('2026-07-01T12:00:00Z'), 'Europe/Berlin')).toBe(
      'Jul 1, 2026, 14:00 GMT+2',
    );
  });
});
