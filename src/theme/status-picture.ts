import type { ComponentStatus } from '../schemas/vocabulary.ts';
import { encodePng } from './png.ts';

/**
 * The page status as a picture: the link preview image (1200×630 PNG) and the favicon (SVG). Each
 * status has its own shape as well as its colour (a check, a gear, a half circle, "!", a cross, like
 * the glyphs on the pages), so the picture never says it by colour alone; the words go beside it in
 * the page's title and description.
 */

/** The status colours of the light theme (src/styles/global.css): white reads on each at 4.5:1. */
export const STATUS_COLOURS: Record<ComponentStatus, string> = {
  operational: '#1a7f37',
  under_maintenance: '#0969da',
  degraded_performance: '#9a6700',
  partial_outage: '#bc4c00',
  major_outage: '#cf222e',
};

type Point = readonly [number, number];

/** Shapes in a circle of radius 1 around 0,0 (y down), drawn the same way as SVG and as pixels. */
type Shape =
  | { kind: 'line'; from: Point; to: Point; width: number }
  | { kind: 'disc'; at: Point; radius: number }
  | { kind: 'ring'; radius: number; width: number }
  | { kind: 'left-half'; radius: number };

const line = (from: Point, to: Point, width = 0.22): Shape => ({ kind: 'line', from, to, width });

const GEAR_TEETH = Array.from({ length: 8 }, (_, i) => {
  const angle = (i * Math.PI) / 4;
  const at = (r: number): Point => [r * Math.cos(angle), r * Math.sin(angle)];
  return line(at(0.4), at(0.56), 0.2);
});

const GLYPHS: Record<ComponentStatus, Shape[]> = {
  operational: [line([-0.42, 0.02], [-0.12, 0.32]), line([-0.12, 0.32], [0.45, -0.3])],
  under_maintenance: [{ kind: 'ring', radius: 0.33, width: 0.2 }, ...GEAR_TEETH],
  degraded_performance: [
    { kind: 'ring', radius: 0.5, width: 0.14 },
    { kind: 'left-half', radius: 0.5 },
  ],
  partial_outage: [line([0, -0.45], [0, 0.12]), { kind: 'disc', at: [0, 0.4], radius: 0.12 }],
  major_outage: [line([-0.35, -0.35], [0.35, 0.35]), line([-0.35, 0.35], [0.35, -0.35])],
};

const round = (n: number) => Number(n.toFixed(3));

function svgShape(shape: Shape): string {
  switch (shape.kind) {
    case 'line':
      return `<line x1="${round(shape.from[0])}" y1="${round(shape.from[1])}" x2="${round(shape.to[0])}" y2="${round(shape.to[1])}" stroke="#fff" stroke-width="${shape.width}" stroke-linecap="round"/>`;
    case 'disc':
      return `<circle cx="${shape.at[0]}" cy="${shape.at[1]}" r="${shape.radius}" fill="#fff"/>`;
    case 'ring':
      return `<circle r="${shape.radius}" fill="none" stroke="#fff" stroke-width="${shape.width}"/>`;
    case 'left-half':
      return `<path d="M0 ${-shape.radius}A${shape.radius} ${shape.radius} 0 0 0 0 ${shape.radius}Z" fill="#fff"/>`;
  }
}

/** The favicon: the status's shape in white on a disc of its colour. */
export function statusIconSvg(status: ComponentStatus): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-1 -1 2 2"><circle r="1" fill="${STATUS_COLOURS[status]}"/>${GLYPHS[status].map(svgShape).join('')}</svg>`;
}

/** Math.hypot is several times slower, and this runs for every pixel of the disc. */
const length = (x: number, y: number) => Math.sqrt(x * x + y * y);

/** How far a point lies outside a shape (negative inside), in units of the circle's radius. */
function distance(shape: Shape, x: number, y: number): number {
  switch (shape.kind) {
    case 'line': {
      const [ax, ay] = shape.from;
      const [dx, dy] = [shape.to[0] - ax, shape.to[1] - ay];
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      return length(x - ax - t * dx, y - ay - t * dy) - shape.width / 2;
    }
    case 'disc':
      return length(x - shape.at[0], y - shape.at[1]) - shape.radius;
    case 'ring':
      return Math.abs(length(x, y) - shape.radius) - shape.width / 2;
    case 'left-half':
      return Math.max(length(x, y) - shape.radius, x);
  }
}

const rgb = (hex: string) =>
  [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/** The conventional size of a large link preview (Open Graph, X/Twitter's summary_large_image). */
export const PREVIEW_SIZE = { width: 1200, height: 630 } as const;

/**
 * The link preview image: the status's colour, and in its middle a white disc with the status's
 * shape. Edges are smoothed by each pixel's distance to the shape; only the disc's square is drawn
 * pixel by pixel.
 */
export function statusPreviewPng(status: ComponentStatus): Buffer {
  const { width, height } = PREVIEW_SIZE;
  const colour = rgb(STATUS_COLOURS[status]);
  const pixels = new Uint8Array(width * height * 3);
  pixels.set(colour);
  for (let filled = 3; filled < pixels.length; filled *= 2) pixels.copyWithin(filled, 0, filled);
  const radius = 220;
  const [cx, cy] = [width / 2, height / 2];
  const shapes = GLYPHS[status];
  const cover = (d: number) => Math.min(1, Math.max(0, 0.5 - d * radius));
  for (let py = cy - radius - 1; py <= cy + radius + 1; py++)
    for (let px = cx - radius - 1; px <= cx + radius + 1; px++) {
      const x = (px + 0.5 - cx) / radius;
      const y = (py + 0.5 - cy) / radius;
      const disc = cover(length(x, y) - 1);
      if (disc === 0) continue;
      let glyph = Infinity;
      for (const shape of shapes) glyph = Math.min(glyph, distance(shape, x, y));
      // White over the colour by the disc's cover, then the colour again by the shape's.
      const white = disc * (1 - cover(glyph));
      const at = (py * width + px) * 3;
      for (let c = 0; c < 3; c++) pixels[at + c] = Math.round(colour[c]! + (255 - colour[c]!) * white);
    }
  return encodePng(width, height, pixels);
}

/** Light backgrounds for each status (the banner's), on which dark text and the status colour read. */
export const STATUS_TINTS: Record<ComponentStatus, string> = {
  operational: '#dafbe1',
  under_maintenance: '#ddf4ff',
  degraded_performance: '#fff8c5',
  partial_outage: '#fff1e5',
  major_outage: '#ffebe9',
};
