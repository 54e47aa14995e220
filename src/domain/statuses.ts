import type { Component } from '../schemas/component.ts';
import type { Locale } from '../i18n/locale.ts';
import type { IncidentEntry } from '../schemas/incident.ts';
import type { Precision } from '../schemas/common.ts';
import type { MaintenanceEntry } from '../schemas/maintenance.ts';
import {
  IMPACT_TO_INDICATOR,
  INDICATOR_DESCRIPTIONS,
  indicatorRank,
  statusRank,
  worseStatus,
  type ComponentStatus,
  type Impact,
  type Indicator,
  type IncidentStatus,
  type MaintenanceStatus,
  type PageIndicator,
} from '../schemas/vocabulary.ts';

/** A span of time during which one component had one status; `end` is exclusive. */
export interface StatusWindow {
  componentId: string;
  status: ComponentStatus;
  start: number;
  end: number;
  /** True while the impact has not ended: `end` is then the build clock. */
  open: boolean;
  /** The incident or maintenance window it comes from. */
  sourceId: string;
  /** The share affected (0–1), when the content says: uptime counts it in place of the status's weight. */
  share?: number;
}

export function incidentStatus(incident: IncidentEntry): IncidentStatus {
  // The schema guarantees at least one update.
  return incident.updates[incident.updates.length - 1]!.status;
}

/** How long customers were affected: from `started` to `mitigated`, or to now while it goes on. */
export function impactDuration(incident: IncidentEntry, now: number): number {
  return (incident.mitigated ?? now) - incident.started;
}

export function isResolved(incident: IncidentEntry): boolean {
  return incident.resolved !== undefined;
}

/** A notice: an incident that names no component (an announcement, a problem not tied to one). */
export function isNotice(incident: IncidentEntry): boolean {
  return incident.components.length === 0;
}

/** The highest severity the incident had: its own or any it was raised to (site.yaml lists highest first). */
export function peakSeverity(incident: IncidentEntry, severityIds: readonly string[]): string {
  const all = [incident.severity, ...(incident.severity_changes ?? []).map((c) => c.severity)];
  const rank = (id: string) => {
    const index = severityIds.indexOf(id);
    return index === -1 ? Infinity : index;
  };
  return all.reduce((best, id) => (rank(id) < rank(best) ? id : best));
}

/** The worst impact on any component. */
export function incidentImpact(incident: IncidentEntry): Impact {
  let worst: Impact = 'degraded_performance';
  for (const entry of incident.components) {
    if (statusRank(entry.impact) > statusRank(worst)) worst = entry.impact;
  }
  return worst;
}

/**
 * The worst impact still going on at `now` (phases that started and have not ended), or undefined
 * once every phase has ended. An incident can de-escalate: this, not the peak, is what it does now.
 */
export function incidentImpactNow(incident: IncidentEntry, now: number): Impact | undefined {
  let worst: Impact | undefined;
  for (const window of incidentWindows(incident, now)) {
    if (window.start > now || (!window.open && window.end <= now)) continue;
    const impact = window.status as Impact;
    if (worst === undefined || statusRank(impact) > statusRank(worst)) worst = impact;
  }
  return worst;
}

/**
 * What to say of an incident in one line: its stage, then the impact it has now; once the impact is
 * over (mitigated, or resolved) the peak impact, called so.
 */
export function impactSummary(
  incident: IncidentEntry,
  now: number,
): { stage: IncidentStatus; impact: Impact; peak: boolean } {
  const stage = incidentStatus(incident);
  const current = stage === 'resolved' ? undefined : incidentImpactNow(incident, now);
  return current
    ? { stage, impact: current, peak: false }
    : { stage, impact: incidentImpact(incident), peak: true };
}

/** Statuspage's incident `impact` (degraded → minor, partial → major, major → critical; a notice → none). */
export function incidentIndicator(incident: IncidentEntry): Indicator {
  return isNotice(incident) ? 'none' : IMPACT_TO_INDICATOR[incidentImpact(incident)];
}

const DAY = 24 * 60 * 60_000;

/**
 * The impact windows of an incident; an entry without `to` lasts until mitigated, or `now` while open.
 * An end known only to the day counts to the end of that day; a `share` replaces the status's weight.
 */
export function incidentWindows(incident: IncidentEntry, now: number): StatusWindow[] {
  return incident.components.flatMap((entry, index): StatusWindow[] => {
    const start = entry.from ?? incident.started;
    const ownEnd = entry.to !== undefined;
    const declared = entry.to ?? incident.mitigated;
    const dayPrecise = incident.precision[ownEnd ? `components.${index}.to` : 'mitigated'] === 'day';
    const declaredEnd = declared !== undefined && dayPrecise ? declared + DAY : declared;
    const share = entry.share === undefined ? {} : { share: entry.share / 100 };
    const base = { componentId: entry.id, status: entry.impact, sourceId: incident.id, ...share };
    if (declaredEnd === undefined) return [{ ...base, start, end: Math.max(now, start), open: true }];
    if (declaredEnd <= start) return [];
    return [{ ...base, start, end: declaredEnd, open: false }];
  });
}

/** A maintenance window's state at `now`: from the clock unless its updates say otherwise. */
export function maintenanceState(window: MaintenanceEntry, now: number): MaintenanceStatus | 'cancelled' {
  if (window.cancelled) return 'cancelled';
  const posted = window.updates.filter((u) => u.at <= now).at(-1)?.status;
  if (posted === 'completed') return 'completed';
  if (now >= window.scheduled_end) return 'completed';
  if (posted === 'in_progress' || posted === 'verifying') return posted;
  return now >= window.scheduled_start ? 'in_progress' : 'scheduled';
}

export function isMaintenanceActive(window: MaintenanceEntry, now: number): boolean {
  const state = maintenanceState(window, now);
  return state === 'in_progress' || state === 'verifying';
}

/** The windows a maintenance puts on its components; it ends early when an update says completed. */
export function maintenanceWindows(window: MaintenanceEntry, now: number): StatusWindow[] {
  if (window.cancelled) return [];
  const completedAt = window.updates.find((u) => u.status === 'completed')?.at;
  const end = Math.min(window.scheduled_end, completedAt ?? Infinity);
  if (end <= window.scheduled_start || window.scheduled_start > now) return [];
  return window.components.map((componentId) => ({
    componentId,
    status: window.impact,
    start: window.scheduled_start,
    end: Math.min(end, Math.max(now, window.scheduled_start)),
    open: end > now,
    sourceId: `maintenance:${window.id}`,
  }));
}

/** A window covers an instant if it started at or before it and has not ended (open ones have not). */
function covers(window: StatusWindow, at: number): boolean {
  return window.start <= at && (window.open || at < window.end);
}

/** Each component's status at an instant: worst active impact, else maintenance, else operational. */
export function componentStatusesAt(
  components: readonly Component[],
  windows: readonly StatusWindow[],
  at: number,
): Map<string, ComponentStatus> {
  const statuses = new Map<string, ComponentStatus>(components.map((c) => [c.id, 'operational']));
  for (const window of windows) {
    const current = statuses.get(window.componentId);
    if (current !== undefined && covers(window, at))
      statuses.set(window.componentId, worseStatus(current, window.status));
  }
  return statuses;
}

export interface PageStatus {
  /** Statuspage's `status.indicator`. */
  indicator: PageIndicator;
  /** Statuspage's `status.description`, such as "Partial System Outage". */
  description: string;
  /** The worst component status. */
  worst: ComponentStatus;
  /** Components at that worst status, in display order. */
  worstComponents: Component[];
  /** How many incidents are unresolved (the banner says "Monitoring a recent incident" when all is well). */
  unresolved: number;
}

/**
 * The page rollup of docs/reference/statuspage-api-v2.md: the worst impact among unresolved incidents;
 * `maintenance` when only maintenance is active; else `none`. The headline names the worst components.
 */
export function pageStatus(
  components: readonly Component[],
  statuses: ReadonlyMap<string, ComponentStatus>,
  unresolved: readonly IncidentEntry[],
  maintenanceActive: boolean,
): PageStatus {
  let worstIncident: Indicator = 'none';
  for (const incident of unresolved) {
    const candidate = incidentIndicator(incident);
    if (indicatorRank(candidate) > indicatorRank(worstIncident)) worstIncident = candidate;
  }
  const indicator: PageIndicator =
    worstIncident === 'none' && maintenanceActive ? 'maintenance' : worstIncident;

  let worst: ComponentStatus = 'operational';
  for (const status of statuses.values()) worst = worseStatus(worst, status);
  const worstComponents = components.filter((c) => statuses.get(c.id) === worst && worst !== 'operational');
  return {
    indicator,
    description: INDICATOR_DESCRIPTIONS[indicator],
    worst,
    worstComponents,
    unresolved: unresolved.length,
  };
}

/** The page's status in a sentence: "All systems operational", "Partial outage: API, Webhooks". */
export function pageHeadline(page: PageStatus, locale: Locale): string {
  if (page.worst !== 'operational')
    return locale.t('page.headline_affected', {
      status: locale.t(`status.${page.worst}`),
      components: locale.list(page.worstComponents.map((c) => c.name)),
    });
  return locale.t(page.unresolved > 0 ? 'page.headline_monitoring' : 'page.headline_operational');
}

export interface Milestone {
  key: 'signal' | 'started' | 'detected' | 'acknowledged' | 'identified' | 'mitigated' | 'resolved';
  label: string;
  at: number;
  /** How precisely it is known, when not exactly. */
  precision?: Precision | undefined;
}

/**
 * The incident's milestones that are set, in time order (a first signal or a detection may come
 * before impact started): one list for every page.
 */
export function incidentMilestones(incident: IncidentEntry, locale: Locale): Milestone[] {
  const keys = [
    'signal',
    'started',
    'detected',
    'acknowledged',
    'identified',
    'mitigated',
    'resolved',
  ] as const;
  return keys
    .flatMap((key) => {
      const at = incident[key];
      if (at === undefined) return [];
      return [
        {
          key,
          label: locale.t(key === 'signal' ? 'incident_detail.signal' : `milestone.${key}`),
          at,
          precision: incident.precision[key],
        },
      ];
    })
    .sort((a, b) => a.at - b.at || keys.indexOf(a.key) - keys.indexOf(b.key));
}

/** An update's status in words: its own, or "Update" for a post that did not change the status. */
export function updateStatusWords(update: IncidentEntry['updates'][number], locale: Locale): string {
  return update.stated ? locale.t(`incident_status.${update.status}`) : locale.t('incident_detail.update');
}
