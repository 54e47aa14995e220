/** Geometry for the postmortem drawings; components only turn these numbers into SVG. */
import type { Defense, PostmortemEntry } from '../schemas/postmortem.ts';
import { factorsByCategory } from '../domain/postmortems.ts';
import type { Locale } from '../i18n/locale.ts';

export interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Text in one or more lines; `box` is the room it may take, which no other label's box enters. */
export interface Label {
  /** The anchor point of the first line's baseline; later lines follow `lineHeight` below. */
  x: number;
  y: number;
  text: string;
  lines: string[];
  anchor: 'start' | 'middle' | 'end';
  /** The size its width was worked out for; the drawing's CSS uses the same. */
  fontSize: number;
  lineHeight: number;
  box: Box;
}

/** Em widths, a little wide on purpose: the real font is the reader's, so room is never short. */
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2600-\u27bf\u25a0-\u25ff]/;
const NARROW = /[\s.,:;'!|()[\]ilj’-]/;

/** How wide a text is drawn at a font size, estimated per character. */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) {
    if (WIDE.test(char)) ems += 1;
    else if (NARROW.test(char)) ems += 0.34;
    else if (/[mwMW@%]/.test(char)) ems += 0.9;
    else if (/[A-Z0-9]/.test(char)) ems += 0.72;
    else ems += 0.6;
  }
  return Math.ceil(ems * fontSize);
}

const WIDE_CHARS = WIDE.source.slice(1, -1);
const PIECE = new RegExp(`(\\s*)([${WIDE_CHARS}]|[^\\s${WIDE_CHARS}]+)`, 'gu');

/**
 * Pieces a line may end after: words, and each character of scripts written without spaces; `space`
 * says whether a space came before it in the text.
 */
function pieces(text: string): { text: string; space: boolean }[] {
  return [...text.trim().matchAll(PIECE)].map((m) => ({ text: m[2]!, space: m[1]!.length > 0 }));
}

/** A piece cut into parts no wider than `width`, between characters. */
function cutPiece(piece: string, width: number, fontSize: number): string[] {
  const parts: string[] = [];
  let chars = [...piece];
  while (chars.length > 1 && textWidth(chars.join(''), fontSize) > width) {
    let cut = chars.length - 1;
    while (cut > 1 && textWidth(chars.slice(0, cut).join(''), fontSize) > width) cut--;
    parts.push(chars.slice(0, cut).join(''));
    chars = chars.slice(cut);
  }
  return [...parts, chars.join('')];
}

/** Lines of at most `width`; a word longer than that is cut between characters rather than overflow. */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const { text: piece, space } of pieces(text)) {
    const parts = cutPiece(piece, width, fontSize);
    parts.forEach((part, i) => {
      const joined = line === '' ? part : `${line}${space && i === 0 ? ' ' : ''}${part}`;
      if (line !== '' && (i > 0 || textWidth(joined, fontSize) > width)) {
        lines.push(line);
        line = part;
      } else line = joined;
    });
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** The widest word of some texts: a column narrower than that would have to cut it. */
function widestWord(texts: string[], fontSize: number): number {
  return Math.max(0, ...texts.flatMap((t) => pieces(t)).map((p) => textWidth(p.text, fontSize)));
}

/**
 * A label centred on `x` in a column `width` wide, its first line's top at `top` (or, growing upwards,
 * its last line's bottom at `bottom`).
 */
function centredLabel(
  text: string,
  x: number,
  width: number,
  fontSize: number,
  at: { top: number } | { bottom: number },
): Label {
  const lines = wrapText(text, width, fontSize);
  const lineHeight = Math.round(fontSize * 1.3);
  const height = lines.length * lineHeight;
  const top = 'top' in at ? at.top : at.bottom - height;
  const widest = Math.max(...lines.map((l) => textWidth(l, fontSize)));
  return {
    x,
    // The baseline sits about a fifth of a line above the line box's bottom.
    y: top + lineHeight - Math.round(lineHeight * 0.25),
    text,
    lines,
    anchor: 'middle',
    fontSize,
    lineHeight,
    box: { x: x - widest / 2, y: top, width: widest, height },
  };
}

export interface Fishbone {
  width: number;
  height: number;
  spine: Line;
  bones: { line: Line; label: Label; count: number }[];
  head: { x: number; y: number; width: number; height: number; label: Label };
}

const BONE_FONT = 13;
/** Space kept between two labels side by side. */
const GUTTER = 16;

/**
 * The width a drawing for a narrow screen is laid out for: a 320 px phone's page less its margins.
 * Its labels keep their size there; on a wider screen the wide drawing is shown instead.
 */
export const NARROW_WIDTH = 288;

/** Each bone's label, "Process (1)", and how many factors it has. */
function boneTexts(pm: Pick<PostmortemEntry, 'contributing_factors'>, locale: Locale) {
  return factorsByCategory(pm).map((group) => ({
    count: group.descriptions.length,
    text: locale.t('diagram.bone', {
      category: locale.t(`fishbone.${group.category}`),
      count: group.descriptions.length,
    }),
  }));
}

/** The effect's box, centred on `x` with its top at `top`. */
function headBox(effect: string, x: number, top: number, maxWidth: number): Fishbone['head'] {
  const width = Math.min(maxWidth, Math.max(110, textWidth(effect, BONE_FONT) + 24));
  const label = centredLabel(effect, x, width - 12, BONE_FONT, { top: top + 13 });
  const height = Math.max(44, label.box.height + 26);
  return { x: x - width / 2, y: top, width, height, label };
}

/** Ishikawa diagram: six category bones into a spine that ends at the effect; only categorised factors count. */
export function fishboneLayout(pm: Pick<PostmortemEntry, 'contributing_factors'>, locale: Locale): Fishbone {
  const texts = boneTexts(pm, locale);
  // Columns as wide as the widest label needs (up to a limit where it wraps instead).
  const column = Math.min(
    240,
    Math.max(
      150,
      widestWord(
        texts.map((t) => t.text),
        BONE_FONT,
      ) + GUTTER,
    ),
  );
  const room = column - GUTTER;
  const lines = (text: string) => wrapText(text, room, BONE_FONT).length;
  const lineHeight = Math.round(BONE_FONT * 1.3);
  const topRoom = Math.max(...texts.slice(0, 3).map((t) => lines(t.text))) * lineHeight;
  const bottomRoom = Math.max(...texts.slice(3).map((t) => lines(t.text))) * lineHeight;
  const left = Math.max(90, room / 2 + 8);
  const yTop = 12 + topRoom + 6;
  const mid = yTop + 80;
  const yBottom = mid + 80;
  const bones = texts.map(({ text, count }, i) => {
    const top = i < 3;
    const xTip = left + (i % 3) * column;
    const yTip = top ? yTop : yBottom;
    const label = centredLabel(text, xTip, room, BONE_FONT, top ? { bottom: yTip - 6 } : { top: yTip + 6 });
    return { line: { x1: xTip, y1: yTip, x2: xTip + 60, y2: mid }, label, count };
  });
  const effect = locale.t('diagram.effect');
  const headWidth = Math.max(110, textWidth(effect, BONE_FONT) + 24);
  const lastLabelEnd = Math.max(...bones.map((b) => b.label.box.x + b.label.box.width));
  const spineEnd = Math.max(left + 2 * column + 100, lastLabelEnd + GUTTER);
  const headLabel = centredLabel(effect, spineEnd + headWidth / 2, headWidth - 12, BONE_FONT, {
    top: mid - 9,
  });
  return {
    width: spineEnd + headWidth + 10,
    height: yBottom + 6 + bottomRoom + 12,
    spine: { x1: 40, y1: mid, x2: spineEnd, y2: mid },
    bones,
    head: { x: spineEnd, y: mid - 22, width: headWidth, height: 44, label: headLabel },
  };
}

/**
 * The same diagram standing up, for a narrow screen: the spine runs down to the effect at the
 * bottom, with three bones on each side (the wide drawing's top row on the left).
 */
export function fishboneColumn(pm: Pick<PostmortemEntry, 'contributing_factors'>, locale: Locale): Fishbone {
  const texts = boneTexts(pm, locale);
  const spineX = NARROW_WIDTH / 2;
  const room = spineX - GUTTER - 4;
  const lineHeight = Math.round(BONE_FONT * 1.3);
  const bones: Fishbone['bones'] = [];
  let y = 8;
  for (let row = 0; row < 3; row++) {
    const pair = [texts[row], texts[row + 3]].filter((t) => t !== undefined);
    const height = Math.max(...pair.map((t) => wrapText(t.text, room, BONE_FONT).length)) * lineHeight;
    const tipY = y + height + 4;
    pair.forEach(({ text, count }, side) => {
      const xTip = side === 0 ? spineX / 2 : spineX + spineX / 2;
      const label = centredLabel(text, xTip, room, BONE_FONT, { bottom: tipY - 4 });
      bones.push({ line: { x1: xTip, y1: tipY, x2: spineX, y2: tipY + 40 }, label, count });
    });
    y = tipY + 40 + 10;
  }
  const head = headBox(locale.t('diagram.effect'), spineX, y + 6, NARROW_WIDTH - 20);
  return {
    width: NARROW_WIDTH,
    height: head.y + head.height + 8,
    spine: { x1: spineX, y1: 4, x2: spineX, y2: head.y },
    bones,
    head,
  };
}

export interface SwissCheeseSlice {
  x: number;
  y: number;
  width: number;
  height: number;
  result: Defense['result'];
  /** Where the hazard got through: a full hole for a failed layer, a smaller one for a partly held one. */
  hole: { cx: number; cy: number; r: number } | undefined;
  label: Label;
  verdict: Label;
}

export interface SwissCheese {
  width: number;
  height: number;
  slices: SwissCheeseSlice[];
  /** The hazard's path: through every failed or partly held layer, stopping at the first that held. */
  arrow: Line;
  stoppedBy: string | undefined;
  /** Whether the hazard got past a layer that partly held. */
  partly: boolean;
}

const LAYER_FONT = 12;
/** No hole where a layer held, a small one where it partly held, a large one where it failed. */
const HOLE_RADIUS: Record<Defense['result'], number> = { held: 0, partly: 5, failed: 9 };
const SLICE = { width: 26, height: 120, top: 20 };

/** Reason's Swiss-cheese model: one slice per defense layer, holes where it failed, in words below. */
export function swissCheeseLayout(pm: Pick<PostmortemEntry, 'defenses'>, locale: Locale): SwissCheese {
  const verdicts = pm.defenses.map((d) => locale.t(`diagram.${d.result}`));
  const column = Math.min(
    200,
    Math.max(120, widestWord([...pm.defenses.map((d) => d.layer), ...verdicts], LAYER_FONT) + GUTTER),
  );
  const room = column - GUTTER;
  const left = 50;
  const mid = SLICE.top + SLICE.height / 2;
  const slices = pm.defenses.map((defense, i): SwissCheeseSlice => {
    const centre = left + i * column + column / 2;
    const label = centredLabel(defense.layer, centre, room, LAYER_FONT, {
      top: SLICE.top + SLICE.height + 10,
    });
    const labelBottom = label.box.y + label.box.height;
    const verdict = centredLabel(verdicts[i]!, centre, room, LAYER_FONT, { top: labelBottom + 4 });
    const r = HOLE_RADIUS[defense.result];
    return {
      x: centre - SLICE.width / 2,
      y: SLICE.top,
      width: SLICE.width,
      height: SLICE.height,
      result: defense.result,
      hole: r > 0 ? { cx: centre, cy: mid, r } : undefined,
      label,
      verdict,
    };
  });
  const width = left + Math.max(pm.defenses.length, 1) * column + 30;
  const height = Math.max(
    SLICE.top + SLICE.height + 40,
    ...slices.map((s) => s.verdict.box.y + s.verdict.box.height + 12),
  );
  const { held, stoppedBy, partly } = stopOf(slices, pm);
  return {
    width,
    height,
    slices,
    arrow: { x1: 16, y1: mid, x2: held ? held.x - 4 : width - 16, y2: mid },
    stoppedBy,
    partly,
  };
}

/** Where the hazard's arrow ends: at the first layer that held, else past the last. */
function stopOf(slices: SwissCheeseSlice[], pm: Pick<PostmortemEntry, 'defenses'>) {
  const firstHeld = slices.findIndex((s) => s.result === 'held');
  const passed = firstHeld === -1 ? slices : slices.slice(0, firstHeld);
  return {
    held: firstHeld >= 0 ? slices[firstHeld] : undefined,
    stoppedBy: firstHeld >= 0 ? pm.defenses[firstHeld]?.layer : undefined,
    partly: passed.some((s) => s.result === 'partly'),
  };
}

/**
 * The Swiss-cheese model standing up, for a narrow screen: each layer a horizontal slice with its
 * name and verdict beside it, the hazard's arrow running down through the holes.
 */
export function swissCheeseColumn(pm: Pick<PostmortemEntry, 'defenses'>, locale: Locale): SwissCheese {
  const slice = { x: 16, width: 120, height: 26 };
  const centre = slice.x + slice.width / 2;
  const labelX = slice.x + slice.width + (NARROW_WIDTH - slice.x - slice.width) / 2;
  const room = NARROW_WIDTH - slice.x - slice.width - GUTTER;
  let y = 24;
  const slices = pm.defenses.map((defense): SwissCheeseSlice => {
    const label = centredLabel(defense.layer, labelX, room, LAYER_FONT, { top: y });
    const verdict = centredLabel(locale.t(`diagram.${defense.result}`), labelX, room, LAYER_FONT, {
      top: label.box.y + label.box.height + 2,
    });
    const top = y;
    const r = HOLE_RADIUS[defense.result];
    y = Math.max(top + slice.height, verdict.box.y + verdict.box.height) + 18;
    return {
      x: slice.x,
      y: top,
      width: slice.width,
      height: slice.height,
      result: defense.result,
      hole: r > 0 ? { cx: centre, cy: top + slice.height / 2, r } : undefined,
      label,
      verdict,
    };
  });
  const height = y + 10;
  const { held, stoppedBy, partly } = stopOf(slices, pm);
  return {
    width: NARROW_WIDTH,
    height,
    slices,
    arrow: { x1: centre, y1: 4, x2: centre, y2: held ? held.y - 4 : height - 4 },
    stoppedBy,
    partly,
  };
}

/** Every label of a drawing, for checks that none overlaps another. */
export function drawingLabels(drawing: Fishbone | SwissCheese): Label[] {
  return 'bones' in drawing
    ? [...drawing.bones.map((b) => b.label), drawing.head.label]
    : drawing.slices.flatMap((s) => [s.label, s.verdict]);
}
