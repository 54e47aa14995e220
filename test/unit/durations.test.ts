import { describe, expect, test } from 'vitest';
import { englishLocale } from '../../src/loader/catalogues.ts';

const MIN = 60_000;
/** Pages and the command line alike say durations through a Locale: English here. */
const formatDuration = (ms: number) => englishLocale('UTC').duration(ms);
/** A number and its unit are held together by a no-break space, so a narrow column never splits them. */
const held = (text: string) =>
  text.replace(/(\d+) ?([a-z])/g, '$1\u00a0$2').replace(/([hd])\u00a0?(\d)/g, '$1\u00a0$2');

describe('durations in words (English)', () => {
  test.each([
    [70, '1 hour and 10 minutes'],
    [60, '1 hour'],
    [1, '1 minute'],
    [45, '45 minutes'],
    [453, '7 hours and 33 minutes'], // GitHub's January 2024 report said "7 hours 3 minutes" for 02:01–09:34
    [1440 + 185, '1 day, 3 hours, and 5 minutes'],
    [2 * 1440, '2 days'],
    [2 * 1440 + 1, '2 days and 1 minute'],
    [0, 'less than a minute'],
  ])('%s minutes is "%s"', (minutes, words) => {
    expect(formatDuration(minutes * MIN)).toBe(held(words));
  });

  test('rounds to the nearest minute', () => {
    expect(formatDuration(89_999)).toBe('1\u00a0minute');
    expect(formatDuration(90_000)).toBe('2\u00a0minutes');
  });
});

describe('the short form of tables (English)', () => {
  test.each([
    [70, '1h 10m'],
    [60, '1h'],
    [5, '5m'],
    [1440 + 120, '1d 2h'],
    [0, '0m'],
  ])('%s minutes is "%s"', (minutes, text) => {
    expect(englishLocale('UTC').durationShort(minutes * MIN)).toBe(text.replace(' ', '\u00a0'));
  });
});
