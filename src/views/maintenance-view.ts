import type { SiteContent } from '../domain/content.ts';
import type { MaintenanceEntry } from '../schemas/maintenance.ts';
import { UPCOMING_OCCURRENCES } from '../schemas/recurrence.ts';
import type { MaintenanceStatus } from '../schemas/vocabulary.ts';
import {
  firstOfEachSeries,
  maintenanceOccurrences,
  occurrencesOf,
  type MaintenanceOccurrence,
} from '../domain/occurrences.ts';
import { paginate, type Page } from '../domain/paginate.ts';
import { maintenanceState } from '../domain/statuses.ts';

export const MAINTENANCE_PAGE_SIZE = 20;

export interface MaintenanceLists {
  /** In progress or verifying, then scheduled, soonest first; a series once, at its next occurrence. */
  current: MaintenanceOccurrence[];
  /** Completed or cancelled windows and the occurrences of series that took place, newest first, in pages. */
  past: Page<MaintenanceOccurrence>[];
}

export function buildMaintenanceLists(content: SiteContent): MaintenanceLists {
  const now = content.clock.now;
  // A cancelled occurrence of a series is shown on the series' page, not as past maintenance.
  const windows = maintenanceOccurrences(content).filter((w) => !w.occurrence?.cancelled);
  const isPast = (w: MaintenanceOccurrence) => ['completed', 'cancelled'].includes(maintenanceState(w, now));
  return {
    current: firstOfEachSeries(
      windows.filter((w) => !isPast(w)).sort((a, b) => a.scheduled_start - b.scheduled_start),
    ),
    past: paginate(windows.filter(isPast), MAINTENANCE_PAGE_SIZE),
  };
}

/** Past occurrences a series' page lists: the latest, so the page stays small however long it runs. */
export const SERIES_PAST_SHOWN = 10;

export interface SeriesView {
  /** The occurrence the page's heading describes: the current or next one, else the last. */
  shown: MaintenanceOccurrence;
  /** The current or next occurrence that is not cancelled, if any is left. */
  next: MaintenanceOccurrence | undefined;
  state: MaintenanceStatus | 'cancelled';
  /** Occurrences not yet over, cancelled ones included, soonest first (none for a one-off window). */
  upcoming: MaintenanceOccurrence[];
  /** The latest occurrences that are over, newest first. */
  past: MaintenanceOccurrence[];
  /** How many occurrences are over. */
  pastCount: number;
}

/** What a maintenance page shows; a one-off window is a series of one. */
export function seriesView(window: MaintenanceEntry, now: number): SeriesView {
  const occurrences = occurrencesOf(window);
  const over = (o: MaintenanceOccurrence) => ['completed', 'cancelled'].includes(maintenanceState(o, now));
  const next = occurrences.find((o) => !o.cancelled && !over(o));
  const shown = next ?? occurrences.at(-1)!;
  if (!window.recurrence)
    return { shown, next, state: maintenanceState(shown, now), upcoming: [], past: [], pastCount: 0 };
  const done = occurrences.filter((o) => o.scheduled_end <= now || (!o.occurrence?.cancelled && over(o)));
  const isDone = new Set(done);
  return {
    shown,
    next,
    state: window.cancelled ? 'cancelled' : next ? maintenanceState(next, now) : 'completed',
    upcoming: occurrences.filter((o) => !isDone.has(o)).slice(0, UPCOMING_OCCURRENCES),
    past: done.slice(-SERIES_PAST_SHOWN).reverse(),
    pastCount: done.length,
  };
}
