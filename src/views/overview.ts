import type { Component } from '../schemas/component.ts';
import type { IncidentEntry } from '../schemas/incident.ts';
import {
  firstOfEachSeries,
  maintenanceHref,
  maintenanceOccurrences,
  type MaintenanceOccurrence,
} from '../domain/occurrences.ts';
import { contentPaths, type SiteContent } from '../domain/content.ts';
import { dayKey, shiftZonedDay } from '../time/dates.ts';
import {
  componentStatusesAt,
  isMaintenanceActive,
  maintenanceState,
  pageStatus,
  type PageStatus,
  isResolved,
  type StatusWindow,
} from '../domain/statuses.ts';
import { dailyBars, recentUptime, windowsByComponent, type DayBar } from '../domain/timeline.ts';
import { COMPONENT_STATUSES, worstStatus, type ComponentStatus } from '../schemas/vocabulary.ts';
import type { Locale } from '../i18n/locale.ts';
import { filterIncidents, HISTORY_PAGE_SIZE } from './history.ts';

export interface UptimeRow {
  bars: DayBar[];
  /** Uptime ratio over the bars' window; undefined when every day lies before the component's `since`. */
  uptime: number | undefined;
  /** The same over the last SHORT_BAR_DAYS days, the bars a phone shows. */
  recentUptime: number | undefined;
}

export interface ComponentRow extends UptimeRow {
  component: Component;
  status: ComponentStatus;
}

/** A component page's bars: each day links to what it brought. */
export interface ComponentBars extends UptimeRow {
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
  /**
   * The first incidents of that day (begun that day, or begun earlier and not yet resolved when it
   * began): at most INCIDENTS_PER_DAY, and none once the days after it have named PAST_INCIDENTS.
   */
  incidents: IncidentEntry[];
  /** How many more that day touched (listed on the history page). */
  more: number;
  /** The page of the history that lists the first of those `more`; undefined without any. */
  morePage: number | undefined;
  /** How many incidents begun by the end of that day are still open (their cards are above, not listed here). */
  open: number;
}

export interface Overview {
  page: PageStatus;
  activeIncidents: IncidentEntry[];
  activeMaintenance: MaintenanceOccurrence[];
  /** The next UPCOMING_SHOWN windows announced (a series once). */
  upcomingMaintenance: MaintenanceOccurrence[];
  /** How many more are announced after those (listed on the maintenance page). */
  laterMaintenance: number;
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
 * The home page names this many announced maintenance windows, the soonest first, then "and N more"
 * linking to the maintenance page: however many a team announces, the page stays the same size.
 */
export const UPCOMING_SHOWN = 5;
/**
 * A busy day names this many incidents, then "and N more", so that the home page stays the same size
 * however many incidents a day brings (the history page lists them all).
 */
export const INCIDENTS_PER_DAY = 3;
/**
 * The past days name this many incidents in all, newest first; a day after that says how many it had
 * and links to them. A week of ten a day lists no more than a quiet week's one a day.
 */
export const PAST_INCIDENTS = 7;

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

/**
 * What is going on now, each with its page: the open incidents, then the maintenance in progress (a
 * recurring window's occurrence links to that occurrence). What /embed/ lists under its headline.
 */
export function currentEvents(content: SiteContent): { title: string; href: string }[] {
  const paths = contentPaths(content);
  const { activeIncidents, activeMaintenance } = currentStatus(content);
  return [
    ...activeIncidents.map((incident) => ({ title: incident.title, href: paths.incident(incident.id) })),
    ...activeMaintenance.map((window) => ({ title: window.title, href: maintenanceHref(paths, window) })),
  ];
}

/**
 * Maintenance announced and still to come, soonest first, as the home page and `statusmark status`
 * list it: a recurring window once — in progress (then not here: `active` lists it), or else at its
 * next occurrence.
 */
export function announcedMaintenance(
  content: SiteContent,
  active: readonly MaintenanceOccurrence[],
): MaintenanceOccurrence[] {
  const now = content.clock.now;
  return firstOfEachSeries([
    ...active,
    ...maintenanceOccurrences(content)
      .filter((window) => maintenanceState(window, now) === 'scheduled')
      .sort((a, b) => a.scheduled_start - b.scheduled_start),
  ]).filter((window) => !active.includes(window));
}

/** Everything the home page shows, computed from the content and the build clock. */
export function buildOverview(
  content: SiteContent,
  options = { barDays: BAR_DAYS, historyDays: HISTORY_DAYS },
): Overview {
  const byComponent = windowsByComponent(content);
  const { statuses, page, activeIncidents, activeMaintenance } = currentStatus(content);
  const announced = announcedMaintenance(content, activeMaintenance);
  const upcomingMaintenance = announced.slice(0, UPCOMING_SHOWN);

  const groups: ComponentGroup[] = [];
  for (const component of content.components) {
    const windows = byComponent.get(component.id) ?? [];
    const row: ComponentRow = {
      component,
      status: statuses.get(component.id) ?? 'operational',
      ...uptimeRow(windows, content, component, options.barDays),
    };
    const group = groups.find((g) => g.name !== undefined && g.name === component.group);
    if (group) group.rows.push(row);
    else groups.push({ name: component.group, status: 'operational', rows: [row] });
  }
  for (const group of groups) {
    group.status = worstStatus(group.rows.map((row) => row.status));
  }

  return {
    page,
    activeIncidents,
    activeMaintenance,
    upcomingMaintenance,
    laterMaintenance: announced.length - upcomingMaintenance.length,
    groups,
    recentDays: pastDays(content, activeIncidents, options.historyDays),
  };
}

/** The bars of one component and its uptime over them. */
function uptimeRow(
  windows: readonly StatusWindow[],
  content: SiteContent,
  component: Component,
  days: number,
): UptimeRow {
  const uptime = recentUptime(windows, content, days, component.since);
  const short = recentUptime(windows, content, SHORT_BAR_DAYS, component.since);
  return {
    bars: dailyBars(windows, content, { days, since: component.since }),
    uptime: uptime.noData ? undefined : uptime.ratio,
    recentUptime: short.noData ? undefined : short.ratio,
  };
}

/** A component page's 90 days, each linked to the page of its history that lists that day's incidents. */
export function buildComponentBars(content: SiteContent, component: Component): ComponentBars {
  const windows = windowsByComponent(content).get(component.id) ?? [];
  const row = uptimeRow(windows, content, component, BAR_DAYS);
  return { ...row, historyPages: historyPagesOf(row.bars, content, component.id) };
}

/**
 * The last `count` days, newest first, each with the resolved incidents that started that day (an
 * active one has its card above), PAST_INCIDENTS named in all.
 */
function pastDays(content: SiteContent, active: readonly IncidentEntry[], count: number): HistoryDay[] {
  const now = content.clock.now;
  const zone = content.site.time_zone;
  const historyStart = shiftZonedDay(now, -(count - 1), zone);
  // Every incident whose time (start to resolution) touched the week: one that ran past midnight is
  // listed on each day it touched, so no day beside its downtime says there were no incidents.
  const recent = content.incidents.filter((incident) => (incident.resolved ?? now) >= historyStart);
  // Where each incident is on the history's pages: the incidents, newest first, 25 a page.
  const position = new Map(content.incidents.map((incident, i) => [incident, i] as const));
  const days: HistoryDay[] = [];
  let left = PAST_INCIDENTS;
  for (let i = 0; i < count; i++) {
    const start = shiftZonedDay(now, -i, zone);
    const day = dayKey(start, zone);
    const touched = recent.filter(
      (incident) => dayKey(incident.started, zone) <= day && dayKey(incident.resolved ?? now, zone) >= day,
    );
    // An incident still open is shown above, as an active incident card, not again among the past ones.
    const that = touched.filter((incident) => !active.includes(incident));
    const named = that.slice(0, Math.min(INCIDENTS_PER_DAY, left));
    left -= named.length;
    const first = that[named.length];
    days.push({
      day,
      start,
      incidents: named,
      more: that.length - named.length,
      morePage: first ? Math.floor(position.get(first)! / HISTORY_PAGE_SIZE) + 1 : undefined,
      // Every day since an open incident began was not free of incidents: it points to the card.
      open: active.filter((incident) => dayKey(incident.started, zone) <= day).length,
    });
  }
  return days;
}

/** How many of the bars are older than the last SHORT_BAR_DAYS: none unless there are BAR_DAYS. */
export const olderBars = (bars: readonly DayBar[]) =>
  bars.length === BAR_DAYS ? BAR_DAYS - SHORT_BAR_DAYS : 0;

/** A status, or a day before the component's `since`. */
export type BarStatus = ComponentStatus | 'no_data';

/** The bars of one status, by their place in the row (0 is the oldest day). */
export interface StatusGroup {
  status: BarStatus;
  indexes: number[];
}

/**
 * The bars grouped by status, in the vocabulary's order, each group named once: a row's markup is
 * then the same few groups whatever the days brought, not a date and a count on each of 90 bars.
 * Split into the days before the last SHORT_BAR_DAYS and those days (which a phone shows alone).
 */
export function groupBarsByStatus(bars: readonly DayBar[]): { older: StatusGroup[]; recent: StatusGroup[] } {
  const split = olderBars(bars);
  const group = (from: number, to: number): StatusGroup[] =>
    (['no_data', ...COMPONENT_STATUSES] as const)
      .map((status) => ({
        status,
        indexes: bars
          .map((bar, i) => ((bar.noData ? 'no_data' : bar.status) === status ? i : -1))
          .filter((i) => i >= from && i < to),
      }))
      .filter((g) => g.indexes.length > 0);
  return { older: group(0, split), recent: group(split, bars.length) };
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
 * day, on a component's page. Never their titles, nor figures that vary from day to day: 90 bars carry
 * this text, so every word that grew with a busy day would grow the page with the archive's density.
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
