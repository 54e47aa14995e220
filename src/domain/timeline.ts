import type { SiteContent } from './content.ts';
import { computeUptime, type Uptime, type UptimeWindow } from './availability.ts';
import { incidentWindows, maintenanceWindows, type StatusWindow } from './statuses.ts';
import { dayKey, monthKey, shiftZonedDay, startOfZonedDay, type Month } from '../time/dates.ts';
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

/**
 * The calendar month containing `ms` in the site's zone: the unit of reports and of the component
 * page's monthly table, so that a report's month and the times it prints are in one zone.
 */
export function zonedMonth(ms: number, timeZone: string): Month {
  const key = monthKey(ms, timeZone);
  const day = Number(dayKey(ms, timeZone).slice(8, 10));
  const start = shiftZonedDay(ms, 1 - day, timeZone);
  const [year, month] = key.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const end = shiftZonedDay(start, days, timeZone);
  return { key, start, end, minutes: (end - start) / 60_000 };
}

/**
 * When a component's history starts: the start of its `since` date (written as a plain date, read
 * as UTC midnight by the schema) in the site's zone, so that its first day is a whole day of bars.
 */
export function sinceStart(since: number | undefined, timeZone: string): number | undefined {
  if (since === undefined || timeZone === 'UTC') return since;
  const date = new Date(since).toISOString().slice(0, 10);
  const candidate = startOfZonedDay(since, timeZone);
  const found = dayKey(candidate, timeZone);
  return found === date ? candidate : shiftZonedDay(candidate, found < date ? 1 : -1, timeZone);
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
 * `since` is the component's, as written: days before it are no data, never "operational".
 */
export function dailyBars(
  windows: readonly StatusWindow[],
  content: Pick<SiteContent, 'site' | 'clock'>,
  options: { days: number; since?: number | undefined },
): DayBar[] {
  const { site, clock } = content;
  const zone = site.time_zone;
  const since = sinceStart(options.since, zone);
  const firstDay = shiftZonedDay(clock.now, -(options.days - 1), zone);
  const relevant = windows.filter((w) => w.end > firstDay || w.open);
  const bars: DayBar[] = [];
  for (let i = 0; i < options.days; i++) {
    const start = shiftZonedDay(firstDay, i, zone);
    const end = Math.min(shiftZonedDay(firstDay, i + 1, zone), clock.now);
    const noData = since !== undefined && end <= since;
    const today = noData ? [] : relevant.filter((w) => w.start < end && w.end > start);
    const uptime = computeUptime(today, { start, end: Math.max(end, start) }, { ...site.uptime, since });
    bars.push({
      day: dayKey(start, zone),
      start,
      end,
      status: worstStatus(today.map((w) => w.status)),
      downtimeMinutes: uptime.downtimeMinutes,
      incidentIds: [
        ...new Set(today.filter((w) => !w.sourceId.startsWith('maintenance:')).map((w) => w.sourceId)),
      ],
      noData,
    });
  }
  return bars;
}

/** Uptime over the last `days` days (ending at the build clock), in the site's zone; `since` as written. */
export function recentUptime(
  windows: readonly StatusWindow[],
  content: Pick<SiteContent, 'site' | 'clock'>,
  days: number,
  since?: number,
): Uptime {
  const zone = content.site.time_zone;
  const start = shiftZonedDay(content.clock.now, -(days - 1), zone);
  return computeUptime(
    windows,
    { start, end: content.clock.now },
    { ...content.site.uptime, since: sinceStart(since, zone) },
  );
}

/**
 * Calendar months in the site's zone (the monthly report's unit), newest first, ending with the
 * build clock's month; none that ends before `notBefore` (a start of history, see `sinceStart`).
 */
export function recentMonths(
  now: number,
  count: number,
  timeZone: string,
  notBefore = -Infinity,
): UptimeWindow[] {
  const months: UptimeWindow[] = [];
  for (
    let month = zonedMonth(now, timeZone);
    months.length < count && month.end > notBefore;
    month = zonedMonth(month.start - 1, timeZone)
  ) {
    months.push({ start: month.start, end: Math.min(month.end, now) });
  }
  return months;
}
