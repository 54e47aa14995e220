/**
 * The one place where statuses, impacts and their order are declared. Rollups, labels, glyphs,
 * CSS classes, the JSON API and feeds all derive from these lists.
 */

/** What an incident does to a component, mildest first. */
export const IMPACTS = ['degraded_performance', 'partial_outage', 'major_outage'] as const;
export type Impact = (typeof IMPACTS)[number];

/**
 * A component's status, best first; the order is the "worst wins" order of
 * docs/reference/availability.md (major > partial > degraded > maintenance > operational).
 */
export const COMPONENT_STATUSES = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** Impacts a maintenance window may announce (the default is `under_maintenance`). */
export const MAINTENANCE_IMPACTS = ['under_maintenance', ...IMPACTS] as const;

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

export const DETECTION_METHODS = ['alert', 'synthetic', 'customer', 'internal', 'other'] as const;

export const MITIGATION_METHODS = [
  'rollback',
  'hotfix',
  'feature-flag',
  'failover',
  'config',
  'scale',
  'other',
] as const;

/** Statuspage's incident `impact` and page `status.indicator` values (docs/reference/statuspage-api-v2.md). */
export const INDICATORS = ['none', 'minor', 'major', 'critical'] as const;
export type Indicator = (typeof INDICATORS)[number];
export type PageIndicator = Indicator | 'maintenance';

export const FISHBONE_CATEGORIES = [
  'people',
  'process',
  'tools',
  'environment',
  'materials',
  'measurement',
] as const;

export const ACTION_ITEM_TYPES = ['prevent', 'detect', 'mitigate', 'process', 'investigate'] as const;
export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'done', 'wont_do'] as const;

/** How much data a postmortem says was lost; `not_stated`: the company did not say. */
export const DATA_LOSS_EXTENTS = ['none', 'some', 'unknown', 'not_stated'] as const;
export type DataLossExtent = (typeof DATA_LOSS_EXTENTS)[number];

/** How a defence layer did (`held: true`, `partly`, `false`). */
export const DEFENSE_RESULTS = ['held', 'partly', 'failed'] as const;
export type DefenseResult = (typeof DEFENSE_RESULTS)[number];

/** What a defence layer is for, in the order a hazard meets them. */
export const DEFENSE_PURPOSES = ['prevent', 'detect', 'mitigate', 'recover'] as const;

/** A glyph for every component status, beside its words, so status is never shown by colour alone. */
export const STATUS_GLYPHS: Record<ComponentStatus, string> = {
  operational: '✓',
  under_maintenance: '⚙',
  degraded_performance: '◐',
  partial_outage: '▲',
  major_outage: '✕',
};

/** Statuspage's page descriptions per indicator (docs/reference/statuspage-api-v2.md). */
export const INDICATOR_DESCRIPTIONS: Record<PageIndicator, string> = {
  none: 'All Systems Operational',
  minor: 'Partially Degraded Service',
  major: 'Partial System Outage',
  critical: 'Major Service Outage',
  maintenance: 'Service Under Maintenance',
};

/** Statusmark's documented mapping from the worst component impact to an incident impact. */
export const IMPACT_TO_INDICATOR: Record<Impact, Indicator> = {
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/** Rank in the worst-wins order; higher is worse. */
export function statusRank(status: ComponentStatus): number {
  return COMPONENT_STATUSES.indexOf(status);
}

/** The worse of two component statuses. */
export function worseStatus(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return statusRank(b) > statusRank(a) ? b : a;
}

export function worstStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst: ComponentStatus = 'operational';
  for (const status of statuses) worst = worseStatus(worst, status);
  return worst;
}

export function indicatorRank(indicator: Indicator): number {
  return INDICATORS.indexOf(indicator);
}
