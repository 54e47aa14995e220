import type { Locale } from '../i18n/locale.ts';
import type { Precision } from '../schemas/common.ts';
import { isoTime } from '../time/dates.ts';

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

/** The `datetime` attribute of such a time: a date alone when only the day is known. */
export function knownDatetime(at: number, precision: Precision | undefined): string {
  return precision === 'day' ? isoTime(at).slice(0, 10) : isoTime(at);
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
