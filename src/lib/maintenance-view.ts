import type { MaintenanceEntry } from '../schemas/maintenance.ts';
import type { SiteContent } from './content.ts';
import { paginate, type Page } from './paginate.ts';
import { maintenanceState } from './status.ts';

export const MAINTENANCE_PAGE_SIZE = 20;

export interface MaintenanceLists {
  /** In progress or verifying, then scheduled, soonest first. */
  current: MaintenanceEntry[];
  /** Completed or cancelled, newest first, in pages. */
  past: Page<MaintenanceEntry>[];
}

export function buildMaintenanceLists(content: SiteContent): MaintenanceLists {
  const now = content.clock.now;
  const isPast = (w: MaintenanceEntry) => ['completed', 'cancelled'].includes(maintenanceState(w, now));
  return {
    current: content.maintenance
      .filter((w) => !isPast(w))
      .sort((a, b) => a.scheduled_start - b.scheduled_start),
    past: paginate(content.maintenance.filter(isPast), MAINTENANCE_PAGE_SIZE),
  };
}
