import type { SiteContent } from './content.ts';
import { computeUptime, type Uptime, type UptimeWindow } from './availability.ts';
import { incidentWindows, maintenanceWindows, type StatusWindow } from './status.ts';
import { dayKey, monthContaining, shiftZonedDay } from '../time/dates.ts';
import { maintenanceOccurrences } from './occurrences.ts';
import { worstStatus, type ComponentStatus } from '../schemas/vocabulary.ts';

const windowCache = new WeakMap<SiteContent, Map<string, StatusWindow[]>>();

/** Every status window of the site, grouped by component id (computed once per content). */
export function windowsByComponent(content: SiteContent): Map<string, StatusWindow[]> {
  const cached = windowCache.get(content);
  if (cached) return cached;
  const now = content.clock.now;
  const byComponent = new Map<string, StatusWindow[]>(content.components.map((c) => [c.id, []]));
  const add = (window: StatusWindow) => byComponent.get(window.componentId)?.push(window);
  for (const incident of content.incidents) incidentWindows(incident, now).forEach(add);
  for (const window of maintenanceOccurrences(content)) maintenanceWindows(window, now).forEach(add);
  windowCache.set(content, byComponent);
  return byComponent;
}

export interface DayBar {
  /** `YYYY-MM-DD` in the site's zone. */
  day: string;
  start: number;
  end: number;
  /** Worst status during the day. */
  status: ComponentStatus;
  /** Weighted downtime that day, minutes. */
  downtimeMinutes: number;
  /** Incidents that touched this component that day. */
  incidentIds: string[];
  /** The day lies before the component's `since`: no data, not "operational". */
  noData: boolean;
}

/**
 * One bar per day for the `days` days ending with the build clock's day, in the site's zone. Only
 * windows that overlap the range are looked at, so the cost does not grow with the archive's age.
 */
export function dailyBars(
  windows: readonly StatusWindow[],
  content: Pick<SiteContent, 'site' | 'clock'>,
  options: { days: number; since?: number | undefined },
): DayBar[] {
  const { site, clock } = content;
  const zone = site.time_zone;
  const firstDay = shiftZonedDay(clock.now, -(options.days - 1), zone);
  const relevant = windows.filter((w) => w.end > firstDay || w.open);
  const bars: DayBar[] = [];
  for (let i = 0; i < options.days; i++) {
    const start = shiftZonedDay(firstDay, i, zone);
    const end = Math.min(shiftZonedDay(firstDay, i + 1, zone), clock.now);
    const today = relevant.filter((w) => w.start < end && w.end > start);
    const uptime = computeUptime(
      today,
      { start, end: Math.max(end, start) },
      { ...site.uptime, since: options.since },
    );
    bars.push({
      day: dayKey(start, zone),
      start,
      end,
      status: worstStatus(today.map((w) => w.status)),
      downtimeMinutes: uptime.downtimeMinutes,
      incidentIds: [
        ...new Set(today.filter((w) => !w.sourceId.startsWith('maintenance:')).map((w) => w.sourceId)),
      ],
      noData: options.since !== undefined && end <= options.since,
    });
  }
  return bars;
}

/** Uptime over the last `days` days (ending at the build clock), in the site's zone. */
export function recentUptime(
  windows: readonly StatusWindow[],
  content: Pick<SiteContent, 'site' | 'clock'>,
  days: number,
  since?: number,
): Uptime {
  const start = shiftZonedDay(content.clock.now, -(days - 1), content.site.time_zone);
  return computeUptime(windows, { start, end: content.clock.now }, { ...content.site.uptime, since });
}

/** Calendar months in UTC (the monthly report's unit), newest first, ending with the build clock's month. */
export function recentMonths(now: number, count: number, notBefore = -Infinity): UptimeWindow[] {
  const months: UptimeWindow[] = [];
  for (
    let month = monthContaining(now);
    months.length < count && month.end > notBefore;
    month = monthContaining(month.start - 1)
  ) {
    months.push({ start: month.start, end: Math.min(month.end, now) });
  }
  return months;
}
