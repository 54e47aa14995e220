import type { Site } from '../schemas/site.ts';
import type { StatusWindow } from './status.ts';
import { COMPONENT_STATUSES, statusRank, type ComponentStatus } from '../schemas/vocabulary.ts';

/** Implements docs/reference/availability.md: clip, sweep (worst wins), weight, divide by eligible time. */

export type Weights = Site['uptime']['weights'];
export type MaintenanceRule = Site['uptime']['maintenance'];

const MINUTE = 60_000;

export interface Uptime {
  /** Fraction in [0, 1]; 1 when nothing was eligible. */
  ratio: number;
  /** Weighted downtime in minutes. */
  downtimeMinutes: number;
  /** Raw minutes spent in each status (operational included). */
  minutesByStatus: Record<ComponentStatus, number>;
  /** Minutes that count in the denominator. */
  eligibleMinutes: number;
  /** True when an open impact window was counted up to the build clock. */
  provisional: boolean;
}

export interface UptimeWindow {
  start: number;
  end: number;
}

/**
 * The status timeline of one component over [start, end): elementary intervals where the worst
 * active status wins. Overlapping windows are never counted twice.
 */
export function sweep(
  windows: readonly StatusWindow[],
  range: UptimeWindow,
): { start: number; end: number; status: ComponentStatus }[] {
  const clipped = windows
    .map((w) => ({
      start: Math.max(w.start, range.start),
      end: Math.min(w.end, range.end),
      status: w.status,
    }))
    .filter((w) => w.end > w.start);
  const edges = [...new Set([range.start, range.end, ...clipped.flatMap((w) => [w.start, w.end])])].sort(
    (a, b) => a - b,
  );
  const out: { start: number; end: number; status: ComponentStatus }[] = [];
  for (let i = 0; i < edges.length - 1; i++) {
    const start = edges[i]!;
    const end = edges[i + 1]!;
    let status: ComponentStatus = 'operational';
    for (const w of clipped) {
      if (w.start <= start && w.end >= end && statusRank(w.status) > statusRank(status)) status = w.status;
    }
    const last = out[out.length - 1];
    if (last && last.status === status && last.end === start) last.end = end;
    else out.push({ start, end, status });
  }
  return out;
}

function weightOf(status: ComponentStatus, weights: Weights): number {
  return status === 'major_outage' || status === 'partial_outage' || status === 'degraded_performance'
    ? weights[status]
    : 0;
}

/**
 * Uptime of one component over a window. `windows` are that component's status windows;
 * `since` (epoch ms) removes time before the component existed.
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
    return { ratio: 1, downtimeMinutes: 0, minutesByStatus, eligibleMinutes: 0, provisional: false };
  }
  let downtime = 0;
  for (const interval of sweep(windows, effective)) {
    const minutes = (interval.end - interval.start) / MINUTE;
    minutesByStatus[interval.status] += minutes;
    downtime += minutes * weightOf(interval.status, options.weights);
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
