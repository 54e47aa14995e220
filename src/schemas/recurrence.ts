import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { RRuleTemporal } from 'rrule-temporal';

/**
 * Recurring maintenance: an RFC 5545 RRULE whose first window is the file's scheduled_start and
 * scheduled_end. The recurrence arithmetic (weekdays, month ends, daylight-saving changes) is
 * rrule-temporal's; this module checks the rule's shape, expands it in the site's time zone so
 * that every occurrence keeps its local start time, and applies the file's exceptions.
 */

/** Rule parts a maintenance series may use. The time of day comes from scheduled_start. */
const SUPPORTED_PARTS = ['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'WKST'];
const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];

/** Upcoming occurrences expanded per series: what the series page, the API and the calendar list. */
export const UPCOMING_OCCURRENCES = 5;

/** More occurrences than this before the clock is a mistaken rule (a daily series for 27 years). */
export const MAX_OCCURRENCES = 10_000;

export interface Occurrence {
  /** The occurrence's date by the rule, `YYYY-MM-DD` in the site's zone: its name in `exceptions`. */
  date: string;
  /** Start by the rule (before any move), UTC epoch ms: the occurrence's RECURRENCE-ID. */
  ruleStart: number;
  start: number;
  end: number;
  cancelled: boolean;
  moved: boolean;
  /** The exception's note, Markdown. */
  note?: string | undefined;
}

export interface OccurrenceException {
  date: string;
  cancelled?: boolean | undefined;
  scheduled_start?: number | undefined;
  scheduled_end?: number | undefined;
  note?: string | undefined;
}

export type RuleCheck = { rule: string } | { error: string };

/**
 * Checks an RRULE's parts and normalises it: upper case, no `RRULE:` prefix, and an UNTIL written
 * as a date becomes the end of that day in the site's zone, in UTC, as RFC 5545 requires beside a
 * zoned DTSTART.
 */
export function checkRule(text: string, timeZone: string): RuleCheck {
  const parts = text
    .trim()
    .replace(/^RRULE:/i, '')
    .split(';')
    .filter((part) => part !== '');
  const seen = new Map<string, string>();
  for (const part of parts) {
    const [rawName = '', value = '', ...rest] = part.split('=');
    const name = rawName.trim().toUpperCase();
    if (rest.length > 0 || value.trim() === '')
      return { error: `"${part}" is not NAME=VALUE; write the rule like FREQ=WEEKLY;BYDAY=TU;COUNT=8` };
    if (name === 'DTSTART')
      return { error: 'must not hold DTSTART; the first window is scheduled_start and scheduled_end' };
    if (['BYHOUR', 'BYMINUTE', 'BYSECOND'].includes(name))
      return { error: `must not hold ${name}; each occurrence starts at scheduled_start's local time` };
    if (!SUPPORTED_PARTS.includes(name))
      return { error: `"${name}" is not a supported rule part; use ${SUPPORTED_PARTS.join(', ')}` };
    if (seen.has(name)) return { error: `names ${name} twice` };
    seen.set(name, value.trim().toUpperCase());
  }
  const freq = seen.get('FREQ');
  if (freq === undefined) return { error: 'has no FREQ; start it with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY' };
  if (!FREQUENCIES.includes(freq))
    return { error: `FREQ=${freq} is not supported; use ${FREQUENCIES.join(', ')}` };
  if (seen.has('COUNT') && seen.has('UNTIL'))
    return { error: 'names both COUNT and UNTIL; keep one (RFC 5545 allows only one)' };
  for (const name of ['COUNT', 'INTERVAL']) {
    const value = seen.get(name);
    if (value !== undefined && !/^[1-9]\d{0,3}$/.test(value))
      return { error: `${name}=${value} must be a whole number from 1 to 9999` };
  }
  const until = seen.get('UNTIL');
  if (until !== undefined) {
    const date = /^(\d{4})(\d{2})(\d{2})$/.exec(until);
    if (date) {
      const [year, month, day] = date.slice(1).map(Number) as [number, number, number];
      const endOfDay = new TZDate(year, month - 1, day, 23, 59, 59, timeZone).getTime();
      if (Number.isNaN(endOfDay)) return { error: `UNTIL=${until} is not a date; write it like UNTIL=20270331` };
      seen.set('UNTIL', format(new TZDate(endOfDay, 'UTC'), "yyyyMMdd'T'HHmmss'Z'"));
    } else if (!/^\d{8}T\d{6}Z$/.test(until)) {
      return { error: `UNTIL=${until} must be a date (UNTIL=20270331) or a UTC time (UNTIL=20270331T235959Z)` };
    }
  }
  return { rule: [...seen].map(([name, value]) => `${name}=${value}`).join(';') };
}

/** `2026-12-01T02:00:00+01:00[Europe/Berlin]`: what Temporal reads as a zoned time. */
function zonedText(ms: number, timeZone: string): string {
  return `${format(new TZDate(ms, timeZone), "yyyy-MM-dd'T'HH:mm:ssXXX")}[${timeZone}]`;
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDate(ms: number, timeZone: string): string {
  return format(new TZDate(ms, timeZone), 'yyyy-MM-dd');
}

export interface Series {
  /** A rule `checkRule` returned. */
  rule: string;
  start: number;
  end: number;
  timeZone: string;
  exceptions: readonly OccurrenceException[];
}

export type Expansion = { occurrences: Occurrence[] } | { error: string; path: (string | number)[] };

/**
 * The series' occurrences, oldest first: every one that starts before `now`, then up to
 * `UPCOMING_OCCURRENCES` more, and on to the latest exception's date, so that every exception can
 * be matched. Each keeps its local start time across daylight-saving changes; its length is the
 * first window's.
 */
export function expandSeries(series: Series, now: number): Expansion {
  const { timeZone } = series;
  const lastException = series.exceptions.reduce((latest, e) => (e.date > latest ? e.date : latest), '');
  let upcoming = 0;
  let starts: number[];
  try {
    starts = new RRuleTemporal({
      rruleString: series.rule,
      dtstart: { timeZoneId: timeZone, toString: () => zonedText(series.start, timeZone) },
      maxIterations: MAX_OCCURRENCES * 40,
    })
      .all((zoned, index) => {
        if (index >= MAX_OCCURRENCES) return false;
        if (zoned.epochMilliseconds >= now) upcoming++;
        return upcoming <= UPCOMING_OCCURRENCES || zoned.toPlainDate().toString() <= lastException;
      })
      .map((zoned) => zoned.epochMilliseconds);
  } catch (error) {
    return { error: `cannot be expanded: ${(error as Error).message}`, path: ['recurrence'] };
  }
  if (starts.length >= MAX_OCCURRENCES && (starts.at(-1) ?? 0) < now)
    return {
      error: `has more than ${MAX_OCCURRENCES} occurrences before the build clock; end this series (UNTIL) and start a new file`,
      path: ['recurrence'],
    };
  if (starts[0] !== series.start) {
    const first = starts[0] === undefined ? 'none' : zonedText(starts[0], timeZone).replace(/\[.*$/, '');
    return {
      error: `scheduled_start ${zonedText(series.start, timeZone).replace(/\[.*$/, '')} is not an occurrence of the rule (its first is ${first}); make scheduled_start the first window`,
      path: ['scheduled_start'],
    };
  }
  const length = series.end - series.start;
  const occurrences: Occurrence[] = starts.map((start) => ({
    date: localDate(start, timeZone),
    ruleStart: start,
    start,
    end: start + length,
    cancelled: false,
    moved: false,
  }));
  const byDate = new Map(occurrences.map((o) => [o.date, o]));
  for (const [index, exception] of series.exceptions.entries()) {
    const occurrence = byDate.get(exception.date);
    if (!occurrence) {
      const near = occurrences.filter((o) => o.date < exception.date).at(-1)?.date;
      const after = occurrences.find((o) => o.date > exception.date)?.date;
      const around = [near, after].filter(Boolean).join(' and ');
      return {
        error: `${exception.date} is not a date of this series${around ? `; the nearest are ${around}` : ''}`,
        path: ['exceptions', index, 'date'],
      };
    }
    occurrence.note = exception.note;
    if (exception.cancelled) occurrence.cancelled = true;
    if (exception.scheduled_start !== undefined && exception.scheduled_end !== undefined) {
      occurrence.start = exception.scheduled_start;
      occurrence.end = exception.scheduled_end;
      occurrence.moved = true;
    }
  }
  const held = occurrences.filter((o) => !o.cancelled).sort((a, b) => a.start - b.start);
  for (let i = 1; i < held.length; i++) {
    const [before, after] = [held[i - 1]!, held[i]!];
    if (after.start < before.end)
      return {
        error: `the occurrences of ${before.date} and ${after.date} overlap; shorten the window or space the rule out`,
        path: after.moved ? ['exceptions'] : ['scheduled_end'],
      };
  }
  return { occurrences };
}

