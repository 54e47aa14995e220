import { describe, expect, test } from 'vitest';
import { uptimeBadge } from '../../src/formats/badges.ts';
import { englishLocale } from '../../src/loader/catalogues.ts';

describe('uptimeBadge', () => {
  const locale = englishLocale('UTC');

  test('before a component existed it says "no data" in grey, never 100 %', () => {
    expect(uptimeBadge('API 30-day uptime', { ratio: 1, noData: true }, locale)).toEqual({
      schemaVersion: 1,
      label: 'API 30-day uptime',
      message: 'no data',
      color: 'lightgrey',
    });
  });

  test('a measured uptime is floored and coloured against the SLO', () => {
    const badge = uptimeBadge('API', { ratio: 0.999996, noData: false }, locale, 99.9);
    expect(badge.message).toBe('99.99%');
    expect(badge.color).toBe('brightgreen');
  });
});
