import type { Component } from '../schemas/component.ts';
import type { IncidentEntry } from '../schemas/incident.ts';
import type { PostmortemEntry } from '../schemas/postmortem.ts';
import { computeUptime, formatPercent, type Uptime } from './availability.ts';
import { componentName, type SiteContent } from './content.ts';
import { incidentMetrics, NOT_RECORDED, tally, type Distribution, type MetricKey } from './metrics.ts';
import { followUpSummary } from './postmortems.ts';
import { toPlainText } from '../text/plain-text.ts';
import { impactDuration, incidentImpact, incidentWindows, type StatusWindow } from './status.ts';
import { windowsByComponent } from './timeline.ts';
import { monthContaining, type Month } from '../time/dates.ts';
import type { Locale } from '../i18n/locale.ts';
import { statusRank, type Impact } from '../schemas/vocabulary.ts';

const MINUTE = 60_000;

/** Every month from the site's first (earliest `since` or incident) to the build clock's, oldest first. */
export function reportMonths(content: SiteContent): Month[] {
  const starts = [
    ...content.components.flatMap((c) => (c.since === undefined ? [] : [c.since])),
    ...content.incidents.map((i) => i.started),
  ];
  const first = monthContaining(Math.min(content.clock.now, ...starts));
  const last = monthContaining(content.clock.now);
  const months: Month[] = [];
  for (let m = first; m.start <= last.start; m = monthContaining(m.end)) months.push(m);
  return months;
}

/** "October 14 09:18 UTC (lasting 1 hour and 10 minutes)" — from started to mitigated. */
export function incidentHeading(incident: IncidentEntry, now: number, locale: Locale): string {
  const when = locale.reportTime(incident.started);
  return incident.mitigated !== undefined
    ? locale.t('report.heading_lasting', {
        when,
        duration: locale.duration(incident.mitigated - incident.started),
      })
    : locale.t('report.heading_ongoing', { when, duration: locale.duration(now - incident.started) });
}

export interface ReportIncident {
  id: string;
  title: string;
  severity: string;
  heading: string;
  /** Started → mitigated, ms (to the build clock while ongoing). */
  durationMs: number;
  ongoing: boolean;
  whatHappened: string;
  cause: string | undefined;
  mitigation: string;
  followUps: { summary: string; items: { title: string; status: string }[] } | undefined;
  postmortemId: string | undefined;
}

export interface BudgetShare {
  incidentId: string;
  title: string;
  /** Weighted minutes this incident alone would have cost the component this month. */
  minutes: number;
}

export interface ComponentMonth {
  id: string;
  name: string;
  uptime: Uptime;
  slo: number | undefined;
  /** Error budget in minutes for this month's real length; undefined without an SLO. */
  budgetMinutes: number | undefined;
  budgetUsedShare: number | undefined;
  budgetLeftMinutes: number | undefined;
  byIncident: BudgetShare[];
}

export interface MonthlyReport {
  month: Month;
  /** "October 2026", in the content's language. */
  monthName: string;
  title: string;
  opening: string;
  provisional: boolean;
  provisionalReasons: string[];
  listedSeverities: string[];
  incidents: ReportIncident[];
  /** Incidents that started in the month but whose severity the report does not list. */
  unlistedCount: number;
  components: ComponentMonth[];
  /** "Down if any component is down": one sweep over every component's windows together. */
  union: Uptime;
  metrics: Record<MetricKey, Distribution>;
  /** How listed incidents were detected and mitigated: the content's value, its words, the count. */
  detection: Tally[];
  mitigation: Tally[];
  closing: string | undefined;
}

/**
 * GitHub's opening sentence, worded from what the month's incidents really did: "In October 2026,
 * we experienced five incidents across Kestrel services: one major outage, two partial outages and
 * two with degraded performance." Each incident counts once, at its peak impact.
 */
function openingSentence(month: string, site: string, incidents: IncidentEntry[], locale: Locale): string {
  if (incidents.length === 0) return locale.t('report.opening_none', { month, site });
  const byImpact = new Map<Impact, number>();
  for (const incident of incidents) {
    const peak = incidentImpact(incident);
    byImpact.set(peak, (byImpact.get(peak) ?? 0) + 1);
  }
  const kinds = (['major_outage', 'partial_outage', 'degraded_performance'] as const)
    .filter((impact) => byImpact.has(impact))
    .map((impact) => locale.t(`report.kind.${impact}`, { count: byImpact.get(impact)! }));
  if (incidents.length === 1)
    return locale.t('report.opening_one', { month, site, impact: incidentImpact(incidents[0]!) });
  return locale.t('report.opening_many', { month, site, count: incidents.length, kinds: locale.list(kinds) });
}

export interface Tally {
  name: string;
  label: string;
  count: number;
}

/** A tally with the words a report uses for each value ("alert" → "Monitoring alert"). */
function labelled(counts: { name: string; count: number }[], group: string, locale: Locale): Tally[] {
  return counts.map((t) => ({
    ...t,
    label: t.name === NOT_RECORDED ? locale.t('report.not_recorded') : locale.t(`${group}.${t.name}`),
  }));
}

/** "From 10:00 UTC on October 3 to 10:40 UTC on October 3, Payments API had a major outage." */
function impactSentence(incident: IncidentEntry, content: SiteContent): string {
  const { locale } = content;
  const worst = new Map<string, Impact>();
  for (const c of incident.components) {
    const current = worst.get(c.id);
    if (!current || statusRank(c.impact) > statusRank(current)) worst.set(c.id, c.impact);
  }
  const list = locale.list(
    [...worst].map(([id, impact]) =>
      locale.t('report.component_impact', { component: componentName(content, id), impact }),
    ),
  );
  return incident.mitigated !== undefined
    ? locale.t('report.impact_between', {
        start: locale.timeOnDay(incident.started),
        end: locale.timeOnDay(incident.mitigated),
        list,
      })
    : locale.t('report.impact_since', { start: locale.timeOnDay(incident.started), list });
}

function describeIncident(
  incident: IncidentEntry,
  postmortem: PostmortemEntry | undefined,
  now: number,
  content: SiteContent,
): ReportIncident {
  const identified = incident.updates.find((u) => u.status === 'identified');
  const firstUpdate = incident.updates[0]!;
  // GitHub's first paragraph: what happened between which times, then what customers saw.
  const whatHappened =
    postmortem?.summary ??
    `${impactSentence(incident, content)} ${toPlainText(incident.body || firstUpdate.message)}`;
  const impact = postmortem?.impact?.description;
  const cause = postmortem
    ? [postmortem.trigger, ...postmortem.root_causes].filter(Boolean).join(' ')
    : identified
      ? toPlainText(identified.message)
      : undefined;
  const { locale } = content;
  const mitigation =
    incident.mitigated === undefined
      ? locale.t('report.ongoing')
      : locale.t(
          incident.resolved !== undefined ? 'report.mitigated_resolved' : 'report.mitigated_monitoring',
          {
            method: incident.mitigation ? locale.t(`report.method.${incident.mitigation}`) : 'none',
            mitigated: locale.timeOnDay(incident.mitigated),
            resolved: incident.resolved === undefined ? '' : locale.timeOnDay(incident.resolved),
          },
        );
  return {
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    heading: incidentHeading(incident, now, locale),
    durationMs: impactDuration(incident, now),
    ongoing: incident.mitigated === undefined,
    whatHappened: impact ? `${whatHappened} ${impact}` : whatHappened,
    cause,
    mitigation,
    followUps: postmortem
      ? {
          summary: followUpSummary(postmortem, locale),
          items: postmortem.action_items.map((a) => ({ title: a.title, status: a.status })),
        }
      : undefined,
    postmortemId: postmortem?.incident,
  };
}

function componentMonth(
  content: SiteContent,
  component: Component,
  windows: StatusWindow[],
  month: Month,
  incidents: IncidentEntry[],
): ComponentMonth {
  const range = { start: month.start, end: Math.min(month.end, content.clock.now) };
  const options = { ...content.site.uptime, since: component.since };
  const uptime = computeUptime(windows, range, options);
  // The budget is for the whole month's real length (docs/reference/availability.md, "Error budget").
  const eligibleMonth = computeUptime([], { start: month.start, end: month.end }, options).eligibleMinutes;
  const budget = component.slo === undefined ? undefined : eligibleMonth * (1 - component.slo / 100);
  const byIncident = incidents
    .flatMap((incident) => {
      const own = incidentWindows(incident, content.clock.now).filter((w) => w.componentId === component.id);
      if (own.length === 0) return [];
      const minutes = computeUptime(own, range, options).downtimeMinutes;
      return minutes > 0 ? [{ incidentId: incident.id, title: incident.title, minutes }] : [];
    })
    .sort((a, b) => b.minutes - a.minutes);
  return {
    id: component.id,
    name: component.name,
    uptime,
    slo: component.slo,
    budgetMinutes: budget,
    budgetUsedShare:
      budget === undefined ? undefined : budget > 0 ? uptime.downtimeMinutes / budget : undefined,
    budgetLeftMinutes: budget === undefined ? undefined : budget - uptime.downtimeMinutes,
    byIncident,
  };
}

/** The report for one month, computed from the content and the build clock. */
export function buildMonthlyReport(content: SiteContent, month: Month): MonthlyReport {
  const now = content.clock.now;
  const listed = content.site.report.severities ?? content.site.severities.map((s) => s.id);
  const started = content.incidents
    .filter((i) => i.started >= month.start && i.started < month.end)
    .sort((a, b) => a.started - b.started);
  const listedIncidents = started.filter((i) => listed.includes(i.severity));
  const postmortems = new Map(content.postmortems.map((pm) => [pm.incident, pm]));
  // Minutes come from every incident overlapping the month, wherever it started (clipped to the month).
  const overlapping = content.incidents.filter(
    (i) => i.started < month.end && i.started + impactDuration(i, now) > month.start,
  );
  const byComponent = windowsByComponent(content);
  const { locale } = content;
  const reasons = [
    ...(month.end > now ? [locale.t('report.reason_month_open')] : []),
    ...(listedIncidents.some((i) => i.resolved === undefined)
      ? [locale.t('report.reason_incident_open')]
      : []),
  ];
  const monthName = locale.month(month.start, 'UTC');
  const range = { start: month.start, end: Math.min(month.end, now) };
  return {
    month,
    title: locale.t('report.title', { site: content.site.name, month: monthName }),
    monthName,
    opening: openingSentence(monthName, content.site.name, listedIncidents, locale),
    provisional: reasons.length > 0,
    provisionalReasons: reasons,
    listedSeverities: listed,
    incidents: listedIncidents.map((i) => describeIncident(i, postmortems.get(i.id), now, content)),
    unlistedCount: started.length - listedIncidents.length,
    components: content.components.map((c) =>
      componentMonth(content, c, byComponent.get(c.id) ?? [], month, overlapping),
    ),
    union: computeUptime([...byComponent.values()].flat(), range, { ...content.site.uptime }),
    metrics: incidentMetrics(listedIncidents),
    detection: labelled(tally(listedIncidents.map((i) => i.detection)), 'detection', locale),
    mitigation: labelled(
      tally(listedIncidents.filter((i) => i.mitigated !== undefined).map((i) => i.mitigation)),
      'mitigation',
      locale,
    ),
    closing: content.site.report.closing,
  };
}

/**
 * The report as JSON: the same figures the page shows, percentages as floored strings and raw ratios.
 * Text has plain spaces: the no-break spaces that hold "40 minutes" together on a page are for layout.
 */
export function reportJson(
  report: MonthlyReport,
  links: { page: string; incident: (id: string) => string; postmortem: (id: string) => string },
) {
  return JSON.parse(JSON.stringify(reportData(report, links)).replaceAll('\u00a0', ' ')) as ReturnType<
    typeof reportData
  >;
}

function reportData(
  report: MonthlyReport,
  links: { page: string; incident: (id: string) => string; postmortem: (id: string) => string },
) {
  const minutes = (m: number | undefined) => (m === undefined ? null : Math.round(m * 100) / 100);
  return {
    month: report.month.key,
    title: report.title,
    url: links.page,
    provisional: report.provisional,
    provisional_reasons: report.provisionalReasons,
    opening: report.opening,
    rules: {
      listed_severities: report.listedSeverities,
      incidents_listed_in: 'the month they started',
      minutes: 'clipped to each calendar month (UTC)',
    },
    incidents: report.incidents.map((i) => ({
      id: i.id,
      title: i.title,
      severity: i.severity,
      heading: i.heading,
      duration_minutes: Math.round(i.durationMs / 60_000),
      ongoing: i.ongoing,
      what_happened: i.whatHappened,
      cause: i.cause ?? null,
      mitigation: i.mitigation,
      follow_ups: i.followUps ?? null,
      url: links.incident(i.id),
      postmortem_url: i.postmortemId ? links.postmortem(i.postmortemId) : null,
    })),
    unlisted_incidents: report.unlistedCount,
    components: report.components.map((c) => ({
      id: c.id,
      name: c.name,
      availability: formatPercent(c.uptime.ratio, 3),
      availability_ratio: c.uptime.ratio,
      weighted_downtime_minutes: minutes(c.uptime.downtimeMinutes),
      minutes_by_status: Object.fromEntries(
        Object.entries(c.uptime.minutesByStatus).map(([k, v]) => [k, minutes(v)]),
      ),
      slo: c.slo ?? null,
      error_budget_minutes: minutes(c.budgetMinutes),
      error_budget_used_share: c.budgetUsedShare ?? null,
      error_budget_left_minutes: minutes(c.budgetLeftMinutes),
      by_incident: c.byIncident.map((b) => ({
        incident: b.incidentId,
        weighted_minutes: minutes(b.minutes),
      })),
    })),
    any_component_down: {
      rule: 'A minute counts as down when any component is down; the worst status across components wins and is weighted as for one component.',
      availability: formatPercent(report.union.ratio, 3),
      availability_ratio: report.union.ratio,
      weighted_downtime_minutes: minutes(report.union.downtimeMinutes),
    },
    metrics: Object.fromEntries(
      Object.entries(report.metrics).map(([k, d]) => [
        k,
        {
          count: d.count,
          median_minutes: minutes(d.median === undefined ? undefined : d.median / 60_000),
          p90_minutes: minutes(d.p90 === undefined ? undefined : d.p90 / 60_000),
        },
      ]),
    ),
    detection: report.detection,
    mitigation: report.mitigation,
  };
}

/** "99.9%: budget 44 minutes, used 47%, 23 minutes left" (or "… 2 minutes over"). */
export function budgetSentence(c: ComponentMonth, locale: Locale): string {
  if (c.slo === undefined || c.budgetMinutes === undefined) return locale.t('report.no_slo');
  const left = c.budgetLeftMinutes ?? 0;
  return locale.t(left < 0 ? 'report.budget_over' : 'report.budget_left', {
    slo: locale.number(c.slo / 100, { style: 'percent', maximumFractionDigits: 3 }),
    budget: locale.duration(c.budgetMinutes * MINUTE),
    used: locale.percent(c.budgetUsedShare ?? 0, 0),
    rest: locale.duration(Math.abs(left) * MINUTE),
  });
}

const reportsByContent = new WeakMap<SiteContent, MonthlyReport[]>();

/** Every month's report, oldest first, computed once per content and shared by the report routes. */
export function allReports(content: SiteContent): MonthlyReport[] {
  let reports = reportsByContent.get(content);
  if (!reports) {
    reports = reportMonths(content).map((month) => buildMonthlyReport(content, month));
    reportsByContent.set(content, reports);
  }
  return reports;
}
