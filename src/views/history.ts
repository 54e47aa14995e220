import type { IncidentEntry } from '../schemas/incident.ts';
import type { SiteContent } from '../domain/content.ts';
import { monthKey } from '../time/dates.ts';
import { paginate, type Page } from '../domain/paginate.ts';

export const HISTORY_PAGE_SIZE = 25;

export interface MonthGroup {
  /** `YYYY-MM` in the site's zone. */
  month: string;
  /** First incident's start, for formatting the month's name. */
  at: number;
  incidents: IncidentEntry[];
}

/** Incidents (already newest first) grouped by the month they started in. */
export function groupByMonth(incidents: readonly IncidentEntry[], timeZone: string): MonthGroup[] {
  const groups: MonthGroup[] = [];
  for (const incident of incidents) {
    const month = monthKey(incident.started, timeZone);
    const last = groups.at(-1);
    if (last?.month === month) last.incidents.push(incident);
    else groups.push({ month, at: incident.started, incidents: [incident] });
  }
  return groups;
}

export interface HistoryFilter {
  kind: 'all' | 'component' | 'severity';
  /** Component or severity id; empty for `all`. */
  value: string;
  /** Words for headings: "Payments API", "P1 (Critical)". */
  label: string;
}

/** Every filter that gets its own pages: all, one per component, one per severity. */
export function historyFilters(content: SiteContent): HistoryFilter[] {
  return [
    { kind: 'all', value: '', label: content.locale.t('history.filter_all') },
    ...content.components.map((c): HistoryFilter => ({ kind: 'component', value: c.id, label: c.name })),
    ...content.site.severities.map((s): HistoryFilter => ({
      kind: 'severity',
      value: s.id,
      label: content.locale.t('filter.severity', { id: s.id, label: s.label }),
    })),
  ];
}

export function filterIncidents(incidents: readonly IncidentEntry[], filter: HistoryFilter): IncidentEntry[] {
  if (filter.kind === 'component')
    return incidents.filter((i) => i.components.some((c) => c.id === filter.value));
  if (filter.kind === 'severity') return incidents.filter((i) => i.severity === filter.value);
  return [...incidents];
}

/** Pages of a filtered history, each grouped by month. */
export function historyPages(content: SiteContent, filter: HistoryFilter): Page<MonthGroup>[] {
  return paginate(filterIncidents(content.incidents, filter), HISTORY_PAGE_SIZE).map((page) => ({
    ...page,
    items: groupByMonth(page.items, content.site.time_zone),
  }));
}
