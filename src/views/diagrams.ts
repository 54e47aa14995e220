/** Geometry for the postmortem drawings; components only turn these numbers into SVG. */
import type { PostmortemEntry } from '../schemas/postmortem.ts';
import { factorsByCategory } from '../domain/postmortems.ts';
import type { Locale } from '../i18n/locale.ts';

export interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Label {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
}

export interface Fishbone {
  width: number;
  height: number;
  spine: Line;
  bones: { line: Line; label: Label; count: number }[];
  head: { x: number; y: number; width: number; height: number; label: Label };
}

/** Ishikawa diagram: six category bones into a spine that ends at the effect. */
export function fishboneLayout(pm: PostmortemEntry, locale: Locale): Fishbone {
  const effect = locale.t('diagram.effect');
  const width = 640;
  const height = 220;
  const mid = height / 2;
  const spineEnd = width - 120;
  const groups = factorsByCategory(pm);
  const bones = groups.map((group, i) => {
    const top = i < 3;
    const column = i % 3;
    const xJoin = 150 + column * 150;
    const xTip = xJoin - 60;
    const yTip = top ? 30 : height - 30;
    return {
      line: { x1: xTip, y1: yTip, x2: xJoin, y2: mid },
      label: {
        x: xTip,
        y: top ? yTip - 8 : yTip + 18,
        text: locale.t('diagram.bone', {
          category: locale.t(`fishbone.${group.category}`),
          count: group.descriptions.length,
        }),
        anchor: 'middle' as const,
      },
      count: group.descriptions.length,
    };
  });
  return {
    width,
    height,
    spine: { x1: 40, y1: mid, x2: spineEnd, y2: mid },
    bones,
    head: {
      x: spineEnd,
      y: mid - 22,
      width: 110,
      height: 44,
      label: { x: spineEnd + 55, y: mid + 5, text: effect, anchor: 'middle' },
    },
  };
}

export interface SwissCheese {
  width: number;
  height: number;
  slices: {
    x: number;
    y: number;
    width: number;
    height: number;
    held: boolean;
    hole: { cx: number; cy: number; r: number } | undefined;
    label: Label;
    verdict: Label;
  }[];
  /** The hazard's path: through every failed layer, stopping at the first that held. */
  arrow: Line;
  stoppedBy: string | undefined;
}

/** Reason's Swiss-cheese model: one slice per defense layer, holes where it failed. */
export function swissCheeseLayout(pm: PostmortemEntry, locale: Locale): SwissCheese {
  const count = Math.max(pm.defenses.length, 1);
  const gap = 130;
  const width = 80 + count * gap + 60;
  const height = 200;
  const mid = 80;
  const slices = pm.defenses.map((defense, i) => {
    const x = 80 + i * gap;
    return {
      x,
      y: 20,
      width: 26,
      height: 120,
      held: defense.held,
      hole: defense.held ? undefined : { cx: x + 13, cy: mid, r: 9 },
      label: { x: x + 13, y: 162, text: defense.layer, anchor: 'middle' as const },
      verdict: {
        x: x + 13,
        y: 182,
        text: locale.t(defense.held ? 'diagram.held' : 'diagram.failed'),
        anchor: 'middle' as const,
      },
    };
  });
  const firstHeld = slices.find((s) => s.held);
  return {
    width,
    height,
    slices,
    arrow: { x1: 20, y1: mid, x2: firstHeld ? firstHeld.x - 4 : width - 20, y2: mid },
    stoppedBy: firstHeld ? pm.defenses[slices.indexOf(firstHeld)]?.layer : undefined,
  };
}
