import type { MaintenanceEntry } from '../schemas/maintenance.ts';
import type { Occurrence } from '../schemas/recurrence.ts';
import type { SiteContent } from './content.ts';
import type { SitePaths } from './site-paths.ts';

/**
 * A maintenance window as the status, uptime, lists and API see it: a one-off window is itself; a
 * recurring one is one of these per occurrence, with that occurrence's times. Its `id` stays the
 * file's (its page); `key` tells occurrences apart.
 */
export interface MaintenanceOccurrence extends MaintenanceEntry {
  /** The file's id, or `<id>@<date>` for an occurrence of a series. */
  key: string;
  occurrence?: Occurrence;
}

/** The occurrences of one window, oldest first. */
export function occurrencesOf(window: MaintenanceEntry): MaintenanceOccurrence[] {
  if (!window.occurrences) return [{ ...window, key: window.id }];
  return window.occurrences.map((occurrence) => ({
    ...window,
    key: `${window.id}@${occurrence.date}`,
    scheduled_start: occurrence.start,
    scheduled_end: occurrence.end,
    cancelled: window.cancelled || occurrence.cancelled,
    occurrence,
  }));
}

const cache = new WeakMap<SiteContent, MaintenanceOccurrence[]>();

/** Every window and occurrence of the site, by start, newest first (computed once per content). */
export function maintenanceOccurrences(content: SiteContent): MaintenanceOccurrence[] {
  let all = cache.get(content);
  if (!all) {
    all = content.maintenance
      .flatMap(occurrencesOf)
      .sort((a, b) => b.scheduled_start - a.scheduled_start || (a.key < b.key ? 1 : -1));
    cache.set(content, all);
  }
  return all;
}

/** The anchor of an occurrence on its series' page. */
export function occurrenceAnchor(occurrence: Occurrence): string {
  return `on-${occurrence.date}`;
}

/** The page of a window; for an occurrence, its line on the series' page. */
export function maintenanceHref(
  paths: Pick<SitePaths, 'maintenance'>,
  window: MaintenanceOccurrence,
): string {
  const page = paths.maintenance(window.id);
  return window.occurrence ? `${page}#${occurrenceAnchor(window.occurrence)}` : page;
}

/**
 * Keeps the first of each series among windows sorted soonest first: a list of what is coming
 * shows a weekly window once, at its next date, not five times.
 */
export function firstOfEachSeries<T extends MaintenanceOccurrence>(windows: readonly T[]): T[] {
  const seen = new Set<string>();
  return windows.filter((window) => {
    if (!window.occurrence) return true;
    if (seen.has(window.id)) return false;
    seen.add(window.id);
    return true;
  });
}
