import { describe, expect, test } from 'vitest';
import { dayKey, monthKey, zoneAbbreviation } from '../../src/time/dates.ts';
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
      'Jul 1, 2026, 14:00 CEST',
    );
  });
});

describe('zone abbreviations readers know', () => {
  const winter = Date.parse('2026-01-15T12:00:00Z');
  const summer = Date.parse('2026-07-15T12:00:00Z');

  test.each([
    ['Europe/Berlin', 'en', 'CET', 'CEST'],
    ['Europe/Berlin', 'de-DE', 'MEZ', 'MESZ'],
    ['Europe/Helsinki', 'en', 'EET', 'EEST'],
    ['Europe/Helsinki', 'de', 'OEZ', 'OESZ'],
    ['Europe/Lisbon', 'en', 'WET', 'WEST'],
    ['Europe/London', 'en', 'GMT', 'BST'],
    ['Europe/Dublin', 'en', 'GMT', 'IST'],
    ['Asia/Kolkata', 'en', 'IST', 'IST'],
    ['Asia/Tokyo', 'ja', 'JST', 'JST'],
    ['Australia/Sydney', 'en', 'AEDT', 'AEST'],
    ['America/Chicago', 'de', 'CST', 'CDT'],
    ['UTC', 'fr', 'UTC', 'UTC'],
  ])('%s in %s: %s in January, %s in July', (zone, language, january, july) => {
    expect(zoneAbbreviation(winter, zone, language)).toBe(january);
    expect(zoneAbbreviation(summer, zone, language)).toBe(july);
  });

  test('a zone without a well-known abbreviation is its offset from GMT', () => {
    expect(zoneAbbreviation(winter, 'Asia/Shanghai', 'en')).toBe('GMT+8');
    expect(zoneAbbreviation(winter, 'America/Argentina/Buenos_Aires', 'es')).toBe('GMT-3');
  });
});
