import type { Locale } from '../i18n/locale.ts';
import type { Precision } from '../schemas/common.ts';
import type { IncidentEntry } from '../schemas/incident.ts';
import { dayKey, isoTime } from '../time/dates.ts';

/**
 * Times and durations said as precisely as the content knows them, never more: "around 17:20 UTC",
 * "Feb 1", "not stated"; a duration between two times is "about …" when either is approximate, and
 * not said at all when either is known only to the day.
 */

/** A time in words at its precision. */
export function knownTime(
  locale: Locale,
  at: number,
  precision: Precision | undefined,
  zone: string,
): string {
  if (precision === 'unknown') return locale.t('incident_detail.not_stated');
  if (precision === 'day') return locale.date(at, zone);
  const time = locale.dateTime(at, zone);
  return precision === 'about' ? locale.t('incident_detail.around', { time }) : time;
}

/**
 * The `datetime` attribute of such a time: a date alone when only the day is known, the day in the
 * site's zone (its midnight is the evening before in UTC east of Greenwich).
 */
export function knownDatetime(at: number, precision: Precision | undefined, zone: string): string {
  return precision === 'day' ? dayKey(at, zone) : isoTime(at);
}

const DAY = 24 * 60 * 60_000;

/**
 * The latest of `facts` that lies on the day starting at `dayStart`, else the day's start: the instant
 * an output that needs one (an API's `resolved_at`) gives a time known only to its day, so it never
 * comes before something the content places earlier that day. Day-long (`+ DAY`), as the schema's
 * order checks and `incidentWindows` count a day.
 */
function latestOnDay(dayStart: number, facts: readonly (number | undefined)[]): number {
  let latest = dayStart;
  for (const at of facts) if (at !== undefined && at > latest && at < dayStart + DAY) latest = at;
  return latest;
}

/** A time of the incident known to more than the day (exact or "about"); undefined otherwise. */
function toTheMinute(incident: IncidentEntry, at: number | undefined, path: string): number | undefined {
  const precision = incident.precision[path];
  return precision === undefined || precision === 'about' ? at : undefined;
}

/**
 * `resolved` as an instant, for outputs that need one (the Statuspage API's `resolved_at`): as written
 * when known to the minute; a date alone becomes the latest time the incident's own facts place on
 * that day (its start, detection, mitigation, a phase, an update), else the start of the day. So it
 * is never before something the incident records that day.
 */
export function resolvedInstant(incident: IncidentEntry): number | undefined {
  const { resolved, precision, components } = incident;
  if (resolved === undefined || precision.resolved !== 'day') return resolved;
  const known = (at: number | undefined, path: string) => toTheMinute(incident, at, path);
  return latestOnDay(resolved, [
    ...(['started', 'signal', 'detected', 'acknowledged', 'identified', 'mitigated'] as const).map((key) =>
      known(incident[key], key),
    ),
    ...components.flatMap((c, i) => [
      known(c.from, `components.${i}.from`),
      known(c.to, `components.${i}.to`),
    ]),
    ...incident.updates.map((u, i) => known(u.at, `updates.${i}.at`)),
  ]);
}

/** Under this, two approximate times are "at about the same time", not a number of minutes. */
const SAME_TIME = 5 * 60_000;

/**
 * The time between two times in words, or undefined when it cannot be said: either end known only to
 * the day, or not stated.
 */
export function knownDuration(
  locale: Locale,
  ms: number,
  precisions: readonly (Precision | undefined)[],
): string | undefined {
  if (precisions.some((p) => p === 'day' || p === 'unknown')) return undefined;
  if (!precisions.includes('about')) return locale.duration(ms);
  if (Math.abs(ms) < SAME_TIME) return locale.t('incident_detail.same_time');
  const rounded = Math.round(ms / SAME_TIME) * SAME_TIME;
  return locale.t('incident_detail.about_duration', { duration: locale.duration(rounded) });
}

/**
 * How long an incident's impact lasted (to the build clock while it goes on), as precisely as its
 * times allow: "about 2 hours" from an approximate time, undefined when an end is known only to the
 * day. `short` is the compact form of lists ("about 2h 10m"). The one place every page, card, row,
 * feed and report heading takes it from.
 */
export function impactLasted(
  locale: Locale,
  incident: IncidentEntry,
  now: number,
  style: 'long' | 'short' = 'long',
): string | undefined {
  const { precision } = incident;
  const ends = [precision?.started, incident.mitigated === undefined ? undefined : precision?.mitigated];
  const ms = (incident.mitigated ?? now) - incident.started;
  if (style === 'long') return knownDuration(locale, ms, ends);
  if (ends.includes('day') || ends.includes('unknown')) return undefined;
  if (!ends.includes('about')) return locale.durationShort(ms);
  // Rounded as the long form is, to five minutes: "about 2h 10m", never a minute it cannot know.
  const rounded = Math.max(SAME_TIME, Math.round(ms / SAME_TIME) * SAME_TIME);
  return locale.t('incident_detail.about_duration', { duration: locale.durationShort(rounded) });
}

/** The share of an impact phase in words, as written: "85 % of requests", "about 40 % affected". */
export function shareInWords(locale: Locale, incident: IncidentEntry, index: number): string | undefined {
  const entry = incident.components[index];
  if (entry?.share === undefined) return undefined;
  const share = locale.number(entry.share / 100, { style: 'percent', maximumFractionDigits: 1 });
  const about = incident.precision[`components.${index}.share`] === 'about' ? '_about' : '';
  return entry.share_of
    ? locale.t(`incident_detail.share${about}`, { share, of: entry.share_of })
    : locale.t(`incident_detail.share${about}_plain`, { share });
}
