import { describe, expect, test } from 'vitest';
import { englishLocale, loadCatalogues, localeOf } from '../../src/loader/catalogues.ts';
import {
  drawingLabels,
  fishboneColumn,
  NARROW_WIDTH,
  swissCheeseColumn,
  textWidth,
  type Box,
  type Fishbone,
  type SwissCheese,
} from '../../src/views/diagrams.ts';
import type { Locale } from '../../src/i18n/locale.ts';
import { postmortem } from '../helpers/entries.ts';

// The diagrams a phone shows instead of the wide ones: laid out for NARROW_WIDTH (a 320 px screen's
// column), their labels at full size, so nothing needs to scroll or shrink below 11 px.

const set = loadCatalogues([], ['en', 'de', 'fr', 'ja'], []);
const LOCALES: [string, Locale][] = [
  ['en', englishLocale('UTC')],
  ...['de', 'fr', 'ja'].map((tag): [string, Locale] => [tag, localeOf(set, tag, 'UTC')!]),
];

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Labels that leave the drawing, are wider than their box, or overlap another label. */
function problems(drawing: Fishbone | SwissCheese): string[] {
  const labels = drawingLabels(drawing);
  const found: string[] = [];
  labels.forEach((a, i) => {
    const { x, y, width, height } = a.box;
    if (x < 0 || y < 0 || x + width > drawing.width || y + height > drawing.height)
      found.push(`"${a.text}" leaves the drawing`);
    for (const line of a.lines) if (textWidth(line, a.fontSize) > width) found.push(`"${line}" is too wide`);
    for (const b of labels.slice(i + 1))
      if (overlaps(a.box, b.box)) found.push(`"${a.text}" overlaps "${b.text}"`);
  });
  return found;
}

const factors = ['people', 'process', 'tools', 'environment', 'materials', 'measurement'].map((category) => ({
  category,
  description: `A ${category} factor`,
}));

describe('the fishbone standing up', () => {
  test.each(LOCALES)('fits a 320 px phone with every label whole (%s)', (_, locale) => {
    const drawing = fishboneColumn(postmortem('pm', { contributing_factors: factors }), locale);
    expect(drawing.width).toBe(NARROW_WIDTH);
    expect(problems(drawing)).toEqual([]);
    expect(drawing.bones).toHaveLength(6);
  });

  test('its spine runs down to the effect, which sits below every bone', () => {
    const drawing = fishboneColumn(postmortem('pm', { contributing_factors: factors }), englishLocale('UTC'));
    expect(drawing.spine.x1).toBe(drawing.spine.x2);
    expect(drawing.spine.y2).toBe(drawing.head.y);
    for (const bone of drawing.bones) expect(bone.line.y2).toBeLessThan(drawing.head.y);
    expect(drawing.head.y + drawing.head.height).toBeLessThanOrEqual(drawing.height);
  });
});

describe('the Swiss-cheese model standing up', () => {
  const layers = [
    ['Tests', false],
    ['Staged rollout in the widest sense of the word', 'partly'],
    ['Synthetic checks', true],
    ['Feature flag', true],
  ] as const;
  const pm = postmortem('pm', { defenses: layers.map(([layer, held]) => ({ layer, held })) });

  test.each(LOCALES)('fits a 320 px phone with every label whole (%s)', (_, locale) => {
    const drawing = swissCheeseColumn(pm, locale);
    expect(drawing.width).toBe(NARROW_WIDTH);
    expect(problems(drawing)).toEqual([]);
  });

  test('the hazard runs down through the holes and stops above the first layer that held', () => {
    const drawing = swissCheeseColumn(pm, englishLocale('UTC'));
    const [failed, partly, held] = drawing.slices;
    expect(drawing.arrow.x1).toBe(drawing.arrow.x2);
    expect(failed!.hole?.cx).toBe(drawing.arrow.x1);
    expect(partly!.hole?.r).toBeLessThan(failed!.hole!.r);
    expect(drawing.arrow.y2).toBeLessThan(held!.y);
    expect(drawing.arrow.y2).toBeGreaterThan(partly!.y + partly!.height);
    expect(drawing.stoppedBy).toBe('Synthetic checks');
    expect(drawing.partly).toBe(true);
  });
});
