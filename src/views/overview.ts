import type { Component } from '../schemas/component.ts';
import type { IncidentEntry } from '../schemas/incident.ts';
import {
  firstOfEachSeries,
  maintenanceOccurrences,
  type MaintenanceOccurrence,
} from '../domain/occurrences.ts';
import type { SiteContent } from '../domain/content.ts';
import { dayKey, shiftZonedDay } from '../time/dates.ts';
import {
  componentStatusesAt,
  isMaintenanceActive,
  maintenanceState,
  pageStatus,
  type PageStatus,
  isResolved,
} from '../domain/statuses.ts';
import { dailyBars, recentUptime, windowsByComponent, type DayBar } from '../domain/timeline.ts';
import { worstStatus, type ComponentStatus } from '../schemas/vocabulary.ts';
import type { Locale } from '../i18n/locale.ts';
import { filterIncidents, HISTORY_PAGE_SIZE } from './history.ts';

export interface ComponentRow {
  component: Component;
  status: ComponentStatus;
  bars: DayBar[];
  /** Uptime ratio over the bars' window; undefined when every day lies before the component's `since`. */
  uptime: number | undefined;
  /** The same over the last SHORT_BAR_DAYS days, the bars a phone shows. */
  recentUptime: number | undefined;
  /**
   * For each bar with incidents, the page of the component's history that lists the newest of them
   * (the bar links there); undefined for a bar without incidents.
   */
  historyPages: (number | undefined)[];
}

export interface ComponentGroup {
  /** Undefined for components without a group. */
  name: string | undefined;
  /** Worst status in the group, shown on the collapsed summary. */
  status: ComponentStatus;
  rows: ComponentRow[];
}

export interface HistoryDay {
  day: string;
  start: number;
  /** The first INCIDENTS_PER_DAY incidents that started that day. */
  incidents: IncidentEntry[];
  /** How many more started that day (listed on the history page). */
  more: number;
  /** How many incidents that started that day are still open (their cards are above, not listed here). */
  open: number;
}

export interface Overview {
  page: PageStatus;
  activeIncidents: IncidentEntry[];
  activeMaintenance: MaintenanceOccurrence[];
  upcomingMaintenance: MaintenanceOccurrence[];
  groups: ComponentGroup[];
  /**
   * The last `historyDays` days, newest first, each with the incidents that started that day and are
   * resolved (an active one has its card above).
   */
  recentDays: HistoryDay[];
}

export const BAR_DAYS = 90;
/** Days of bars on a narrow screen, where 90 would be slivers (Statuspage shows 30 there too). */
export const SHORT_BAR_DAYS = 30;
export const HISTORY_DAYS = 7;
/**
 * A busy day names this many incidents, then "and N more", so that the home page stays the same size
 * however many incidents a day brings (the history page lists them all).
 */
export const INCIDENTS_PER_DAY = 3;

export interface CurrentStatus {
  statuses: Map<string, ComponentStatus>;
  page: PageStatus;
  activeIncidents: IncidentEntry[];
  activeMaintenance: MaintenanceOccurrence[];
}

/** Status at the build clock: each component's, the page's, and what is active. */
export function currentStatus(content: SiteContent): CurrentStatus {
  const now = content.clock.now;
  const windows = [...windowsByComponent(content).values()].flat();
  const statuses = componentStatusesAt(content.components, windows, now);
  const activeIncidents = content.incidents.filter((incident) => !isResolved(incident));
  const activeMaintenance = maintenanceOccurrences(content).filter((window) =>
    isMaintenanceActive(window, now),
  );
  return {
    statuses,
    page: pageStatus(content.components, statuses, activeIncidents, activeMaintenance.length > 0),
    activeIncidents,
    activeMaintenance,
  };
}

/** Everything the home page shows, computed from the content and the build clock. */
export function buildOverview(
  content: SiteContent,
  options = { barDays: BAR_DAYS, historyDays: HISTORY_DAYS },
): Overview {
  const now = content.clock.now;
  const zone = content.site.time_zone;
  const byComponent = windowsByComponent(content);
  const { statuses, page, activeIncidents, activeMaintenance } = currentStatus(content);
  // A recurring window shows once: in progress, or else at its next occurrence.
  const upcomingMaintenance = firstOfEachSeries([
    ...activeMaintenance,
    ...maintenanceOccurrences(content)
      .filter((window) => maintenanceState(window, now) === 'scheduled')
      .sort((a, b) => a.scheduled_start - b.scheduled_start),
  ]).filter((window) => !activeMaintenance.includes(window));

  const groups: ComponentGroup[] = [];
  for (const component of content.components) {
    const windows = byComponent.get(component.id) ?? [];
    const uptime = recentUptime(windows, content, options.barDays, component.since);
    const short = recentUptime(windows, content, SHORT_BAR_DAYS, component.since);
    const bars = dailyBars(windows, content, { days: options.barDays, since: component.since });
    const row: ComponentRow = {
      component,
      status: statuses.get(component.id) ?? 'operational',
      bars,
      uptime: uptime.noData ? undefined : uptime.ratio,
      recentUptime: short.noData ? undefined : short.ratio,
      historyPages: historyPagesOf(bars, content, component.id),
    };
    const group = groups.find((g) => g.name !== undefined && g.name === component.group);
    if (group) group.rows.push(row);
    else groups.push({ name: component.group, status: 'operational', rows: [row] });
  }
  for (const group of groups) {
    group.status = worstStatus(group.rows.map((row) => row.status));
  }

  const historyStart = shiftZonedDay(now, -(options.historyDays - 1), zone);
  const recent = content.incidents.filter((incident) => incident.started >= historyStart);
  const recentDays: HistoryDay[] = [];
  for (let i = 0; i < options.historyDays; i++) {
    const start = shiftZonedDay(now, -i, zone);
    const day = dayKey(start, zone);
    const started = recent.filter((incident) => dayKey(incident.started, zone) === day);
    // An incident still open is shown above, as an active incident card, not again among the past ones.
    const that = started.filter((incident) => !activeIncidents.includes(incident));
    recentDays.push({
      day,
      start,
      incidents: that.slice(0, INCIDENTS_PER_DAY),
      more: Math.max(0, that.length - INCIDENTS_PER_DAY),
      open: started.length - that.length,
    });
  }

  return {
    page,
    activeIncidents,
    activeMaintenance,
    upcomingMaintenance,
    groups,
    recentDays,
  };
}

/** Where each bar's incidents are listed: the component's history page that holds the newest. */
function historyPagesOf(bars: DayBar[], content: SiteContent, component: string): (number | undefined)[] {
  if (bars.every((bar) => bar.incidentIds.length === 0)) return bars.map(() => undefined);
  const listed = filterIncidents(content.incidents, { kind: 'component', value: component, label: '' });
  const position = new Map(listed.map((incident, i) => [incident.id, i] as const));
  return bars.map((bar) => {
    if (bar.incidentIds.length === 0) return undefined;
    const newest = Math.min(...bar.incidentIds.map((id) => position.get(id) ?? 0));
    return Math.floor(newest / HISTORY_PAGE_SIZE) + 1;
  });
}

/**
 * A day bar's label: the date, the status in words, and how many incidents touched the component that
 * day. Never their titles, nor figures that vary from day to day: 720 bars carry this text, so every
 * word that grew with a busy day would grow the home page with the archive's density.
 */
export function dayBarLabel(bar: DayBar, locale: Locale): string {
  if (bar.noData) return locale.t('bars.no_data', { day: bar.day });
  const label = locale.t('bars.day', { day: bar.day, status: locale.t(`status.${bar.status}`) });
  const count = bar.incidentIds.length;
  return count === 0 ? label : locale.t('bars.with_incidents', { label, count });
}

/**
 * What the bars say as a whole, for screen readers: the uptime over the days that were measured (days
 * before the component's `since` are no data and not counted), and how many of them had trouble.
 */
export function uptimeBarsSummary(
  row: Pick<ComponentRow, 'bars' | 'uptime'>,
  name: string,
  locale: Locale,
): string {
  const measured = row.bars.filter((bar) => !bar.noData);
  // Every day before `since`: "API: no data" (the bar label's words, with the name for the day).
  if (row.uptime === undefined || measured.length === 0) return locale.t('bars.no_data', { day: name });
  return locale.t('bars.summary', {
    name,
    uptime: locale.percent(row.uptime),
    days: measured.length,
    count: measured.filter((bar) => bar.status !== 'operational').length,
  });
}
