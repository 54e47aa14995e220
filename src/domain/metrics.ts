import type { IncidentEntry } from '../schemas/incident.ts';

/** Response-time metrics: median and 90th percentile with the count, never a bare mean. */

export interface Distribution {
  count: number;
  /** How many of the counted values involve a time known only approximately ("about"). */
  approximate?: number;
  /** Incidents with both times that were left out: one known only to the day, or the end before impact began. */
  imprecise?: number;
  /** Milliseconds; undefined when count is 0. */
  median?: number;
  p90?: number;
}

/** Nearest-rank percentile (p in (0, 100]) of unsorted values. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The median as the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function distribution(values: readonly number[]): Distribution {
  return { count: values.length, median: median(values), p90: percentile(values, 90) };
}

export const METRICS = [
  { key: 'detect', label: 'Time to detect', from: 'started', to: (i: IncidentEntry) => i.detected },
  {
    key: 'acknowledge',
    label: 'Time to acknowledge',
    from: 'started',
    to: (i: IncidentEntry) => i.acknowledged,
  },
  {
    key: 'first_update',
    label: 'Time to first update',
    from: 'started',
    to: (i: IncidentEntry) => i.updates[0]?.at,
  },
  { key: 'mitigate', label: 'Time to mitigate', from: 'started', to: (i: IncidentEntry) => i.mitigated },
  { key: 'resolve', label: 'Time to resolve', from: 'started', to: (i: IncidentEntry) => i.resolved },
] as const;

export type MetricKey = (typeof METRICS)[number]['key'];

/** The precision a metric's end point is written with (`first_update` is a posted time: exact). */
const PRECISION_KEY: Record<MetricKey, 'detected' | 'acknowledged' | 'mitigated' | 'resolved' | undefined> = {
  detect: 'detected',
  acknowledge: 'acknowledged',
  first_update: undefined,
  mitigate: 'mitigated',
  resolve: 'resolved',
};

/**
 * Each metric over the incidents that have the milestone, measured from impact start. A value is only
 * as good as its times: one known only to the day is left out (it would say "less than a minute" of a
 * whole day), and so is a milestone before impact began (detected before users were affected); both
 * are counted as `imprecise`. Values from approximate times are counted in, and counted as such.
 */
export function incidentMetrics(incidents: readonly IncidentEntry[]): Record<MetricKey, Distribution> {
  return Object.fromEntries(
    METRICS.map((metric) => {
      const values: number[] = [];
      let approximate = 0;
      let imprecise = 0;
      for (const incident of incidents) {
        const at = metric.to(incident);
        if (at === undefined) continue;
        const key = PRECISION_KEY[metric.key];
        const precisions = [incident.precision?.started, key ? incident.precision?.[key] : undefined];
        if (precisions.includes('day') || precisions.includes('unknown') || at < incident.started) {
          imprecise += 1;
          continue;
        }
        if (precisions.includes('about')) approximate += 1;
        values.push(at - incident.started);
      }
      return [metric.key, { ...distribution(values), approximate, imprecise }];
    }),
  ) as Record<MetricKey, Distribution>;
}

/** The tally's name for incidents without the field. */
export const NOT_RECORDED = 'not recorded';

/** How many incidents each method detected or mitigated, most first; unrecorded ones as "not recorded". */
export function tally(values: readonly (string | undefined)[]): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v ?? NOT_RECORDED, (counts.get(v ?? NOT_RECORDED) ?? 0) + 1);
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
