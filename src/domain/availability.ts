import type { Site } from '../schemas/site.ts';
import type { StatusWindow } from './statuses.ts';
import { COMPONENT_STATUSES, statusRank, type ComponentStatus } from '../schemas/vocabulary.ts';

/** Implements docs/reference/availability.md: clip, sweep (worst wins), weight, divide by eligible time. */

export type Weights = Site['uptime']['weights'];
export type MaintenanceRule = Site['uptime']['maintenance'];

const MINUTE = 60_000;

export interface Uptime {
  /** Fraction in [0, 1]; 1 when nothing was eligible (check `noData` before showing it). */
  ratio: number;
  /** Weighted downtime in minutes. */
  downtimeMinutes: number;
  /** Raw minutes spent in each status (operational included). */
  minutesByStatus: Record<ComponentStatus, number>;
  /** Minutes that count in the denominator. */
  eligibleMinutes: number;
  /** True when an open impact window was counted up to the build clock. */
  provisional: boolean;
  /**
   * True when none of the window was measured: it lies wholly before the component's `since`. Pages
   * say "no data" then; a ratio of 1 would claim a past the site never saw.
   */
  noData: boolean;
}

export interface UptimeWindow {
  start: number;
  end: number;
}

/** One stretch of a component's timeline: its worst status there, and the share of a minute it costs. */
export interface SweptInterval {
  start: number;
  end: number;
  status: ComponentStatus;
  /** The weight of the window that won the stretch (0 when operational). */
  weight: number;
}

/**
 * The status timeline of one component over [start, end): elementary intervals where the worst
 * active status wins (between windows of the same status, the heavier one). Overlapping windows are
 * never counted twice. `weigh` gives a window's share of a minute counted as down.
 */
export function sweep(
  windows: readonly StatusWindow[],
  range: UptimeWindow,
  weigh: (window: StatusWindow) => number = () => 0,
): SweptInterval[] {
  // Callers pass a component's whole history for one month: skip the rest before clipping.
  const clipped: { start: number; end: number; window: StatusWindow }[] = [];
  for (const w of windows) {
    if (w.end <= range.start || w.start >= range.end) continue;
    const clip = { start: Math.max(w.start, range.start), end: Math.min(w.end, range.end), window: w };
    if (clip.end > clip.start) clipped.push(clip);
  }
  const edges = [...new Set([range.start, range.end, ...clipped.flatMap((w) => [w.start, w.end])])].sort(
    (a, b) => a - b,
  );
  // Only the windows open at an edge are compared there: a month of a busy archive has hundreds of
  // edges and windows, and comparing every window at every edge cost most of a 10,000-incident build.
  const byStart = [...clipped].sort((a, b) => a.start - b.start);
  let opened = 0;
  let active: typeof clipped = [];
  const out: SweptInterval[] = [];
  for (let i = 0; i < edges.length - 1; i++) {
    const start = edges[i]!;
    const end = edges[i + 1]!;
    while (opened < byStart.length && byStart[opened]!.start <= start) active.push(byStart[opened++]!);
    active = active.filter((w) => w.end > start);
    let status: ComponentStatus = 'operational';
    let weight = 0;
    for (const { start: from, end: to, window } of active) {
      if (from > start || to < end) continue;
      const rank = statusRank(window.status) - statusRank(status);
      if (rank > 0 || (rank === 0 && status !== 'operational' && weigh(window) > weight)) {
        status = window.status;
        weight = weigh(window);
      }
    }
    const last = out[out.length - 1];
    if (last && last.status === status && last.weight === weight && last.end === start) last.end = end;
    else out.push({ start, end, status, weight });
  }
  return out;
}

function statusWeight(status: ComponentStatus, weights: Weights): number {
  return status === 'major_outage' || status === 'partial_outage' || status === 'degraded_performance'
    ? weights[status]
    : 0;
}

/**
 * The share of each minute of a window counted as down: the one place it is decided. An impact
 * phase's `share` ("85 % of requests failed") when the content gives one, else the status's weight
 * from site.yaml (docs/authoring.md, "How much was affected").
 */
export function windowWeight(window: StatusWindow, weights: Weights): number {
  return window.share ?? statusWeight(window.status, weights);
}

/**
 * Uptime of one component over a window. `windows` are that component's status windows;
 * `since` (epoch ms, the start of the component's first day) removes time before it existed.
 */
export function computeUptime(
  windows: readonly StatusWindow[],
  range: UptimeWindow,
  options: { weights: Weights; maintenance: MaintenanceRule; since?: number | undefined },
): Uptime {
  const effective = { start: Math.max(range.start, options.since ?? -Infinity), end: range.end };
  const minutesByStatus = Object.fromEntries(COMPONENT_STATUSES.map((s) => [s, 0])) as Record<
    ComponentStatus,
    number
  >;
  if (effective.end <= effective.start) {
    return {
      ratio: 1,
      downtimeMinutes: 0,
      minutesByStatus,
      eligibleMinutes: 0,
      provisional: false,
      noData: true,
    };
  }
  let downtime = 0;
  for (const interval of sweep(windows, effective, (w) => windowWeight(w, options.weights))) {
    const minutes = (interval.end - interval.start) / MINUTE;
    minutesByStatus[interval.status] += minutes;
    downtime += minutes * interval.weight;
  }
  const total = (effective.end - effective.start) / MINUTE;
  const eligible = options.maintenance === 'excluded' ? total - minutesByStatus.under_maintenance : total;
  const provisional = windows.some((w) => w.open && w.start < effective.end && w.end >= effective.start);
  return {
    ratio: eligible > 0 ? Math.max(0, 1 - downtime / eligible) : 1,
    downtimeMinutes: downtime,
    minutesByStatus,
    eligibleMinutes: eligible,
    provisional,
    noData: false,
  };
}

/**
 * A percentage floored (never rounded up) to `decimals`, so 99.9996 % with downtime prints as 99.99 %,
 * never 100 %. Works on the ratio scaled to an integer to avoid binary-fraction surprises.
 */
export function formatPercent(ratio: number, decimals = 2): string {
  const scale = 10 ** decimals;
  const floored = Math.floor(Math.round(ratio * 100 * scale * 1e6) / 1e6) / scale;
  return `${floored.toFixed(decimals)}%`;
}
