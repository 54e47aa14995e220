import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';

/**
 * Day and month arithmetic in a zone, and machine-readable times; arithmetic stays in UTC epoch ms.
 * Every time in words, on pages and in the command line alike, comes from a Locale (src/i18n/locale.ts).
 */

export const DAY = 86_400_000;

/**
 * A date whose local fields (what date-fns reads) are those of the zone. UTC, the common case, takes
 * a fast path in the formats below: no zone lookup, which profiling showed to dominate large builds.
 */
function zoned(ms: number, timeZone: string): TZDate {
  return new TZDate(ms, timeZone);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The zone's short name at that instant, such as "UTC" or "CET". */
export function zoneAbbreviation(ms: number, timeZone: string): string {
  if (timeZone === 'UTC') return 'UTC';
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(ms)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

// Machine-readable times are the content contract's own format, declared once with the schemas.
export { isoTime } from '../schemas/common.ts';

/** `YYYY-MM-DD` of the day containing `ms` in a zone. */
export function dayKey(ms: number, timeZone: string): string {
  if (timeZone === 'UTC') return new Date(ms).toISOString().slice(0, 10);
  return format(zoned(ms, timeZone), 'yyyy-MM-dd');
}

/** `YYYY-MM` of the month containing `ms` in a zone. */
export function monthKey(ms: number, timeZone: string): string {
  if (timeZone === 'UTC') return new Date(ms).toISOString().slice(0, 7);
  return format(zoned(ms, timeZone), 'yyyy-MM');
}

/** Start (epoch ms) of the day containing `ms` in a zone. */
export function startOfZonedDay(ms: number, timeZone: string): number {
  const d = zoned(ms, timeZone);
  return new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), timeZone).getTime();
}

/** Start of the day `offset` days from the day containing `ms` (handles 23- and 25-hour days). */
export function shiftZonedDay(ms: number, offset: number, timeZone: string): number {
  const d = zoned(ms, timeZone);
  return new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + offset, timeZone).getTime();
}

/** A calendar month in UTC, the unit of reports and of the component page's monthly table. */
export interface Month {
  /** `YYYY-MM`. */
  key: string;
  start: number;
  end: number;
  /** Minutes in the whole month (28 to 31 days). */
  minutes: number;
}

export function monthOf(year: number, monthIndex: number): Month {
  const start = Date.UTC(year, monthIndex, 1);
  const end = Date.UTC(year, monthIndex + 1, 1);
  const date = new Date(start);
  return {
    key: `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`,
    start,
    end,
    minutes: (end - start) / 60_000,
  };
}

export function monthContaining(ms: number): Month {
  const d = new Date(ms);
  return monthOf(d.getUTCFullYear(), d.getUTCMonth());
}
