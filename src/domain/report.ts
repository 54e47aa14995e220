import type { Component } from '../schemas/component.ts';
import type { IncidentEntry } from '../schemas/incident.ts';
import type { PostmortemEntry } from '../schemas/postmortem.ts';
import { computeUptime, formatPercent, sweep, type Uptime, type UptimeWindow } from './availability.ts';
import { componentName, type SiteContent } from './content.ts';
import { incidentMetrics, NOT_RECORDED, tally, type Distribution, type MetricKey } from './metrics.ts';
import { followUpSummary } from './postmortems.ts';
import { toPlainText } from '../text/plain-text.ts';
import {
  impactDuration,
  incidentImpact,
  incidentWindows,
  isResolved,
  peakSeverity,
  type StatusWindow,
} from './statuses.ts';
import { sinceStart, windowsByComponent, zonedMonth } from './timeline.ts';
import type { Month } from '../time/dates.ts';
import { impactLasted } from './known-time.ts';
import type { Locale } from '../i18n/locale.ts';
import { statusRank, type Impact } from '../schemas/vocabulary.ts';

/*
 * A report is about one calendar month in the site's zone (`site.time_zone`): its bounds, its month
 * name and every time it prints are in that one zone, which the page names.
 */

const MINUTE = 60_000;

/** When the site's history starts: the earliest component `since`, or undefined if any has none. */
function historyStart(content: SiteContent): number | undefined {
  const starts = content.components.map((c) => sinceStart(c.since, content.site.time_zone));
  return starts.some((s) => s === undefined) ? undefined : Math.min(...(starts as number[]));
}

/** Every month from the site's first (earliest `since` or incident) to the build clock's, oldest first. */
export function reportMonths(content: SiteContent): Month[] {
  const zone = content.site.time_zone;
  const starts = [
    ...content.components.flatMap((c) => (c.since === undefined ? [] : [sinceStart(c.since, zone)!])),
    ...content.incidents.map((i) => i.started),
  ];
  const last = zonedMonth(content.clock.now, zone);
  const months: Month[] = [];
  for (let m = zonedMonth(Math.min(content.clock.now, ...starts), zone); m.start <= last.start;) {
    months.push(m);
    m = zonedMonth(m.end, zone);
  }
  return months;
}

/** "10:05 UTC on October 14", in the report's zone. */
function timeOnDay(ms: number, zone: string, locale: Locale): string {
  return locale.t('format.time_on_day', {
    time: locale.time(ms, zone),
    day: locale.formatAs('format.day_month', ms, zone),
  });
}

/**
 * "October 14 09:18 UTC (lasting 1 hour and 10 minutes)" — from started to mitigated, in the site's
 * zone (the locale's, unless another is given).
 */
export function incidentHeading(
  incident: IncidentEntry,
  now: number,
  locale: Locale,
  timeZone = locale.timeZone,
): string {
  // As precisely as the content knows it: "around January 31 19:00 UTC (lasting about 23 hours …)".
  const { precision } = incident;
  const exact = locale.formatAs('format.report_time', incident.started, timeZone);
  const when =
    precision?.started === 'day'
      ? locale.date(incident.started, timeZone)
      : precision?.started === 'about'
        ? locale.t('incident_detail.around', { time: exact })
        : exact;
  const duration = impactLasted(locale, incident, now);
  if (duration === undefined) return when;
  return locale.t(incident.mitigated !== undefined ? 'report.heading_lasting' : 'report.heading_ongoing', {
    when,
    duration,
  });
}

export interface ReportIncident {
  id: string;
  title: string;
  severity: string;
  heading: string;
  /** Started → mitigated, ms (to the build clock while ongoing). */
  durationMs: number;
  ongoing: boolean;
  /** "Continued from October 31: 1 hour of its impact fell in November 2027." when it began earlier. */
  continuedFrom: string | undefined;
  /** "Its impact continued into December 2027." when it went on past the month. */
  continuesInto: string | undefined;
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
  /** `uptime.noData` when the month lies wholly before the component's `since`. */
  uptime: Uptime;
  slo: number | undefined;
  /** Error budget in minutes for this month's real length; undefined without an SLO or data. */
  budgetMinutes: number | undefined;
  budgetUsedShare: number | undefined;
  budgetLeftMinutes: number | undefined;
  byIncident: BudgetShare[];
}

export interface MonthlyReport {
  month: Month;
  /** The IANA zone of the month's bounds and of every time in the report: the site's. */
  timeZone: string;
  /** "All times are in UTC.": the report names its one zone. */
  timeZoneNote: string;
  /** "October 2026", in the content's language. */
  monthName: string;
  title: string;
  opening: string;
  provisional: boolean;
  provisionalReasons: string[];
  listedSeverities: string[];
  /** Listed incidents whose impact touched the month: those that started in it and those continued. */
  incidents: ReportIncident[];
  /** Incidents that touched the month but whose severity the report does not list. */
  unlistedCount: number;
  components: ComponentMonth[];
  /** "Down if any component is down": one sweep over every component's windows together. */
  union: Uptime;
  /** Of the listed incidents that started in the month (each is measured once, where it began). */
  metrics: Record<MetricKey, Distribution>;
  /** How listed incidents were detected and mitigated: the content's value, its words, the count. */
  detection: Tally[];
  mitigation: Tally[];
  closing: string | undefined;
}

/** An incident as one month sees it: its windows, and whether it began before or goes on after. */
interface MonthIncident {
  incident: IncidentEntry;
  windows: StatusWindow[];
  continued: boolean;
  continues: boolean;
  /** The worst impact it had within the month (it may have been worse, or milder, elsewhere). */
  peak: Impact;
}

const windowsByIncident = new WeakMap<SiteContent, Map<string, StatusWindow[]>>();

function incidentWindowsOf(content: SiteContent, incident: IncidentEntry): StatusWindow[] {
  let cache = windowsByIncident.get(content);
  if (!cache) windowsByIncident.set(content, (cache = new Map<string, StatusWindow[]>()));
  let windows = cache.get(incident.id);
  if (!windows) cache.set(incident.id, (windows = incidentWindows(incident, content.clock.now)));
  return windows;
}

/**
 * The incidents whose impact touched the month, oldest first: every one that started in it, and
 * every earlier one whose impact windows reach into it (an outage from the last evening of the month
 * before is part of this month too).
 */
function incidentsOfMonth(content: SiteContent, month: Month): MonthIncident[] {
  const touches = (w: StatusWindow) => w.start < month.end && w.end > month.start;
  return content.incidents
    .filter((i) => i.started < month.end)
    .flatMap((incident): MonthIncident[] => {
      const windows = incidentWindowsOf(content, incident);
      const continued = incident.started < month.start;
      if (continued && !windows.some(touches)) return [];
      let peak: Impact | undefined;
      for (const w of windows.filter(touches))
        if (peak === undefined || statusRank(w.status) > statusRank(peak)) peak = w.status as Impact;
      return [
        {
          incident,
          windows,
          continued,
          continues: windows.some((w) => w.end > month.end),
          peak: peak ?? incidentImpact(incident),
        },
      ];
    })
    .sort((a, b) => a.incident.started - b.incident.started);
}

/** Minutes of the month during which the incident affected any component (not weighted). */
function impactMinutesIn(windows: readonly StatusWindow[], range: UptimeWindow): number {
  return sweep(windows, range)
    .filter((i) => i.status !== 'operational')
    .reduce((sum, i) => sum + (i.end - i.start) / MINUTE, 0);
}

interface OpeningFacts {
  month: string;
  site: string;
  listed: MonthIncident[];
  unlisted: number;
  severities: string[];
  union: Uptime;
  /** When the site's history starts, for a month wholly before it. */
  since: number | undefined;
  zone: string;
}

/**
 * GitHub's opening sentence, worded from what the month's incidents really did: "In October 2026,
 * we experienced five incidents across Kestrel services: one major outage, two partial outages and
 * two with degraded performance." Each incident counts once, at its peak impact within the month.
 * It agrees with the table below it: never "no incidents" beside downtime.
 */
function openingSentence(facts: OpeningFacts, locale: Locale): string {
  const { month, site, listed } = facts;
  if (listed.length === 0) return quietOpening(facts, locale);
  const byImpact = new Map<Impact, number>();
  for (const { peak } of listed) byImpact.set(peak, (byImpact.get(peak) ?? 0) + 1);
  const kinds = (['major_outage', 'partial_outage', 'degraded_performance'] as const)
    .filter((impact) => byImpact.has(impact))
    .map((impact) => locale.t(`report.kind.${impact}`, { count: byImpact.get(impact)! }));
  const opening =
    listed.length === 1
      ? locale.t('report.opening_one', { month, site, impact: listed[0]!.peak })
      : locale.t('report.opening_many', { month, site, count: listed.length, kinds: locale.list(kinds) });
  const continued = listed.filter((i) => i.continued);
  if (continued.length === 0) return opening;
  const earlier =
    listed.length === 1
      ? locale.t('report.opening_continued_one', {
          day: locale.formatAs('format.day_month', listed[0]!.incident.started, facts.zone),
          month,
        })
      : locale.t('report.opening_continued_many', { count: continued.length, month });
  return `${opening} ${earlier}`;
}

/** The opening of a month without a listed incident: no data, lower severities only, or none at all. */
function quietOpening(facts: OpeningFacts, locale: Locale): string {
  const { month, site } = facts;
  if (facts.unlisted > 0)
    return locale.t('report.opening_unlisted', {
      month,
      site,
      severities: locale.orList(facts.severities),
      count: facts.unlisted,
    });
  if (facts.union.noData && facts.since !== undefined)
    return locale.t('report.opening_no_data', { month, site, since: locale.date(facts.since, facts.zone) });
  const none = locale.t('report.opening_none', { month, site });
  // Only maintenance can leave downtime in a month without incidents; say so rather than hide it.
  return facts.union.downtimeMinutes > 0
    ? `${none} ${locale.t('report.opening_maintenance', { downtime: locale.duration(facts.union.downtimeMinutes * MINUTE) })}`
    : none;
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
  const zone = content.site.time_zone;
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
        start: timeOnDay(incident.started, zone, locale),
        end: timeOnDay(incident.mitigated, zone, locale),
        list,
      })
    : locale.t('report.impact_since', { start: timeOnDay(incident.started, zone, locale), list });
}

/** "Impact was mitigated (rollback) at 10:40 UTC on October 3 and the incident was resolved at …". */
function mitigationSentence(incident: IncidentEntry, zone: string, locale: Locale): string {
  if (incident.mitigated === undefined) return locale.t('report.ongoing');
  return locale.t(isResolved(incident) ? 'report.mitigated_resolved' : 'report.mitigated_monitoring', {
    method: incident.mitigation ? locale.t(`report.method.${incident.mitigation}`) : 'none',
    mitigated: timeOnDay(incident.mitigated, zone, locale),
    resolved: incident.resolved === undefined ? '' : timeOnDay(incident.resolved, zone, locale),
  });
}

/** The sentences that say an incident crosses the month's bounds, in the month's own terms. */
function continuity(entry: MonthIncident, month: Month, monthName: string, content: SiteContent) {
  const { locale } = content;
  const zone = content.site.time_zone;
  const range = { start: month.start, end: Math.min(month.end, content.clock.now) };
  const next = zonedMonth(month.end, zone);
  return {
    continuedFrom: entry.continued
      ? locale.t('report.continued_from', {
          day: locale.formatAs('format.day_month', entry.incident.started, zone),
          duration: locale.duration(impactMinutesIn(entry.windows, range) * MINUTE),
          month: monthName,
        })
      : undefined,
    continuesInto: entry.continues
      ? locale.t('report.continues_into', { month: locale.month(next.start, zone) })
      : undefined,
  };
}

function describeIncident(
  entry: MonthIncident,
  postmortem: PostmortemEntry | undefined,
  report: { month: Month; monthName: string },
  content: SiteContent,
): ReportIncident {
  const { incident } = entry;
  const { locale } = content;
  const now = content.clock.now;
  const zone = content.site.time_zone;
  // Only durable text, written to last: the postmortem's summary, or the impact computed from the
  // windows with the incident's body. Updates are not quoted: they speak of their moment ("we are
  // investigating", "next update by 15:00") and are superseded by the next one.
  const body = toPlainText(incident.body);
  const whatHappened =
    postmortem?.summary ?? [impactSentence(incident, content), body].filter(Boolean).join(' ');
  const impact = postmortem?.impact?.description;
  // The cause comes only from a published postmortem (its trigger, then its root causes): what an
  // "identified" update believed at the time may be wrong, and it carries promises of a next update.
  const cause = postmortem
    ? [postmortem.trigger, ...postmortem.root_causes].filter(Boolean).join(' ') || undefined
    : undefined;
  return {
    id: incident.id,
    title: incident.title,
    severity: peakSeverity(
      incident,
      content.site.severities.map((s) => s.id),
    ),
    heading: incidentHeading(incident, now, locale, zone),
    durationMs: impactDuration(incident, now),
    ongoing: incident.mitigated === undefined,
    ...continuity(entry, report.month, report.monthName, content),
    whatHappened: impact ? `${whatHappened} ${impact}` : whatHappened,
    cause,
    mitigation: mitigationSentence(incident, zone, locale),
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
  incidents: MonthIncident[],
): ComponentMonth {
  const range = { start: month.start, end: Math.min(month.end, content.clock.now) };
  const options = { ...content.site.uptime, since: sinceStart(component.since, content.site.time_zone) };
  const uptime = computeUptime(windows, range, options);
  // The budget is for the whole month's real length (docs/reference/availability.md, "Error budget").
  const eligibleMonth = computeUptime([], { start: month.start, end: month.end }, options).eligibleMinutes;
  const budget =
    component.slo === undefined || uptime.noData ? undefined : eligibleMonth * (1 - component.slo / 100);
  const byIncident = incidents
    .flatMap(({ incident, windows: all }) => {
      const own = all.filter((w) => w.componentId === component.id);
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

/** The report for one month (a calendar month in the site's zone), from the content and the clock. */
export function buildMonthlyReport(content: SiteContent, month: Month): MonthlyReport {
  const now = content.clock.now;
  const zone = content.site.time_zone;
  const severities = content.site.report.severities ?? content.site.severities.map((s) => s.id);
  const touched = incidentsOfMonth(content, month);
  // An incident is listed by the highest severity it reached: one raised to P1 and lowered again is a P1.
  const scale = content.site.severities.map((s) => s.id);
  const listed = touched.filter((i) => severities.includes(peakSeverity(i.incident, scale)));
  // Response times and tallies measure each incident once, in the month it started.
  const startedHere = listed.filter((i) => !i.continued).map((i) => i.incident);
  const postmortems = new Map(content.postmortems.map((pm) => [pm.incident, pm]));
  const byComponent = windowsByComponent(content);
  const { locale } = content;
  const reasons = [
    ...(month.end > now ? [locale.t('report.reason_month_open')] : []),
    ...(listed.some((i) => !isResolved(i.incident)) ? [locale.t('report.reason_incident_open')] : []),
  ];
  const monthName = locale.month(month.start, zone);
  const range = { start: month.start, end: Math.min(month.end, now) };
  const since = historyStart(content);
  const union = computeUptime([...byComponent.values()].flat(), range, { ...content.site.uptime, since });
  const facts = { month: monthName, site: content.site.name, listed, severities, union, since, zone };
  return {
    month,
    timeZone: zone,
    timeZoneNote: locale.t('report.times_in', { zone }),
    title: locale.t('report.title', { site: content.site.name, month: monthName }),
    monthName,
    opening: openingSentence({ ...facts, unlisted: touched.length - listed.length }, locale),
    provisional: reasons.length > 0,
    provisionalReasons: reasons,
    listedSeverities: severities,
    incidents: listed.map((i) =>
      describeIncident(i, postmortems.get(i.incident.id), { month, monthName }, content),
    ),
    unlistedCount: touched.length - listed.length,
    components: content.components.map((c) =>
      componentMonth(content, c, byComponent.get(c.id) ?? [], month, touched),
    ),
    union,
    metrics: incidentMetrics(startedHere),
    detection: labelled(tally(startedHere.map((i) => i.detection)), 'detection', locale),
    mitigation: labelled(
      tally(startedHere.filter((i) => i.mitigated !== undefined).map((i) => i.mitigation)),
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
  // A month wholly before `since` has no availability: null, never 100 %.
  const availability = (u: Uptime) => ({
    availability: u.noData ? null : formatPercent(u.ratio, 3),
    availability_ratio: u.noData ? null : u.ratio,
    no_data: u.noData,
  });
  return {
    month: report.month.key,
    time_zone: report.timeZone,
    title: report.title,
    url: links.page,
    provisional: report.provisional,
    provisional_reasons: report.provisionalReasons,
    opening: report.opening,
    rules: {
      listed_severities: report.listedSeverities,
      incidents_listed_in:
        'every month their impact touched; one that began in an earlier month says so (continued_from)',
      minutes: `clipped to each calendar month in ${report.timeZone}`,
    },
    incidents: report.incidents.map((i) => ({
      id: i.id,
      title: i.title,
      severity: i.severity,
      heading: i.heading,
      duration_minutes: Math.round(i.durationMs / 60_000),
      ongoing: i.ongoing,
      continued_from: i.continuedFrom ?? null,
      continues_into: i.continuesInto ?? null,
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
      ...availability(c.uptime),
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
      ...availability(report.union),
      weighted_downtime_minutes: minutes(report.union.downtimeMinutes),
    },
    metrics: Object.fromEntries(
      Object.entries(report.metrics).map(([k, d]) => [
        k,
        {
          count: d.count,
          median_minutes: minutes(d.median === undefined ? undefined : d.median / 60_000),
          p90_minutes: minutes(d.p90 === undefined ? undefined : d.p90 / 60_000),
          approximate: d.approximate ?? 0,
          left_out: d.imprecise ?? 0,
        },
      ]),
    ),
    detection: report.detection,
    mitigation: report.mitigation,
  };
}

/** "99.9%: budget 44 minutes, used 47%, 23 minutes left" (or "… 2 minutes over"). */
export function budgetSentence(c: ComponentMonth, locale: Locale): string {
  if (c.uptime.noData) return locale.t('report.no_data');
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
