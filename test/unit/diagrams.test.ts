import { describe, expect, test } from 'vitest';
import { dateLocaleFor, englishLocale, loadCatalogues, localeOf } from '../../src/loader/catalogues.ts';
import { Locale } from '../../src/i18n/locale.ts';
import {
  drawingLabels,
  fishboneLayout,
  swissCheeseLayout,
  textWidth,
  type Box,
  type Fishbone,
  type SwissCheese,
} from '../../src/views/diagrams.ts';
import { postmortem } from '../helpers/entries.ts';

const set = loadCatalogues([], ['en', 'de', 'ja'], []);
const english = englishLocale('UTC');

/** English with every fishbone category and verdict many words long, as a translator might write. */
const wordy = new Locale(
  'en',
  new Map(
    [...english.messages].map(([key, text]) =>
      /^(fishbone\.|diagram\.(held|partly|failed|effect))/.test(key)
        ? [key, `${text} in the widest possible sense of the word, and then some more words`]
        : [key, text],
    ),
  ),
  'UTC',
  dateLocaleFor('en'),
);

const LOCALES: [string, Locale][] = [
  ['en', english],
  ['de', localeOf(set, 'de', 'UTC')!],
  ['ja', localeOf(set, 'ja', 'UTC')!],
  ['wordy', wordy],
];

const LONG_LAYERS = [
  'Daily pg_dump backups to Amazon S3 with a retention of thirty days',
  'Cron failure notifications by email',
  'Datenbanksicherungsüberprüfungsverfahren',
  'LVM snapshots for the staging environment',
  'Replication to a hot-standby secondary in another region',
  'レプリケーションによるホットスタンバイのセカンダリ',
  'A',
  'Azure disk snapshots',
  'Alerting on error rates above one percent for five minutes',
  'https://runbooks.example.com/database/restore-from-backup',
  'Code review',
  'Canary',
];

const defenses = (layers: string[]) =>
  layers.map((layer, i) => ({ layer, held: [false, 'partly', true][i % 3], purpose: 'detect' }));

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Pairs of labels whose boxes intersect, and labels outside the drawing. */
function collisions(drawing: Fishbone | SwissCheese): string[] {
  const labels = drawingLabels(drawing);
  const found: string[] = [];
  labels.forEach((a, i) => {
    const { x, y, width, height } = a.box;
    if (x < 0 || y < 0 || x + width > drawing.width || y + height > drawing.height)
      found.push(`"${a.text}" leaves the drawing`);
    // Every line fits the box the layout reserved for it.
    for (const line of a.lines)
      if (textWidth(line, a.fontSize) > width) found.push(`"${line}" is wider than its box`);
    labels.slice(i + 1).forEach((b) => {
      if (overlaps(a.box, b.box)) found.push(`"${a.text}" overlaps "${b.text}"`);
    });
  });
  return found;
}

describe('Swiss-cheese drawing', () => {
  test.each(LOCALES)('no two labels overlap with long labels and many layers (%s)', (_, locale) => {
    for (const count of [1, 2, 5, LONG_LAYERS.length]) {
      const pm = postmortem('x', { defenses: defenses(LONG_LAYERS.slice(0, count)) });
      expect(collisions(swissCheeseLayout(pm, locale))).toEqual([]);
    }
  });

  test('a long label wraps onto several lines instead of running into its neighbour', () => {
    const pm = postmortem('x', { defenses: defenses(LONG_LAYERS.slice(0, 3)) });
    const [first] = swissCheeseLayout(pm, english).slices;
    expect(first!.label.lines.length).toBeGreaterThan(1);
    expect(first!.label.lines.join(' ')).toBe(LONG_LAYERS[0]);
  });

  test('a partly held layer is drawn differently from a held and a failed one, and says so in words', () => {
    const pm = postmortem('x', {
      defenses: [
        { layer: 'Backups', held: false },
        { layer: 'Monitoring', held: 'partly' },
        { layer: 'Review', held: true },
      ],
    });
    const drawing = swissCheeseLayout(pm, english);
    expect(drawing.slices.map((s) => [s.result, s.hole?.r, s.verdict.text])).toEqual([
      ['failed', 9, '✕ failed'],
      ['partly', 5, '◐ partly held'],
      ['held', undefined, '✓ held'],
    ]);
    // The hazard gets past the partly held layer and stops at the one that held.
    expect(drawing).toMatchObject({ stoppedBy: 'Review', partly: true });
    expect(drawing.arrow.x2).toBeLessThan(drawing.slices[2]!.x);
    expect(drawing.arrow.x2).toBeGreaterThan(drawing.slices[1]!.x);
  });
});

describe('fishbone drawing', () => {
  test.each(LOCALES)('no two labels overlap, the effect included (%s)', (_, locale) => {
    const pm = postmortem('x', {
      contributing_factors: [
        { category: 'people', description: 'P' },
        { category: 'measurement', description: 'M' },
        'Plain text is not drawn',
      ],
    });
    expect(collisions(fishboneLayout(pm, locale))).toEqual([]);
  });

  test('bones count only categorised factors', () => {
    const pm = postmortem('x', {
      contributing_factors: [
        'Plain',
        { category: 'tools', description: 'T' },
        { description: 'No category' },
      ],
    });
    expect(fishboneLayout(pm, english).bones.map((b) => b.label.text)).toEqual([
      'People (0)',
      'Process (0)',
      'Tools (1)',
      'Environment (0)',
      'Materials (0)',
      'Measurement (0)',
    ]);
  });
});
