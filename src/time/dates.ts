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

/**
 * Abbreviations readers know, by the zone's English long name (Intl's, which tells Europe's zones
 * apart where "GMT+1" does not): Intl's own short names for en-US are "GMT+1" outside the Americas.
 */
const ABBREVIATIONS: Record<string, string> = {
  'Greenwich Mean Time': 'GMT',
  'British Summer Time': 'BST',
  'Irish Standard Time': 'IST',
  'Western European Standard Time': 'WET',
  'Western European Summer Time': 'WEST',
  'Central European Standard Time': 'CET',
  'Central European Summer Time': 'CEST',
  'Eastern European Standard Time': 'EET',
  'Eastern European Summer Time': 'EEST',
  'Moscow Standard Time': 'MSK',
  'Israel Standard Time': 'IST',
  'Israel Daylight Time': 'IDT',
  'South Africa Standard Time': 'SAST',
  'West Africa Time': 'WAT',
  'East Africa Time': 'EAT',
  'Gulf Standard Time': 'GST',
  'India Standard Time': 'IST',
  'Western Indonesia Time': 'WIB',
  'Singapore Standard Time': 'SGT',
  'Hong Kong Standard Time': 'HKT',
  'Japan Standard Time': 'JST',
  'Korean Standard Time': 'KST',
  'Australian Western Standard Time': 'AWST',
  'Australian Central Standard Time': 'ACST',
  'Australian Central Daylight Time': 'ACDT',
  'Australian Eastern Standard Time': 'AEST',
  'Australian Eastern Daylight Time': 'AEDT',
  'New Zealand Standard Time': 'NZST',
  'New Zealand Daylight Time': 'NZDT',
  'Newfoundland Standard Time': 'NST',
  'Newfoundland Daylight Time': 'NDT',
  'Brasilia Standard Time': 'BRT',
};

/** Where a language has abbreviations of its own (by its primary subtag). */
const LANGUAGE_ABBREVIATIONS: Record<string, Record<string, string>> = {
  de: {
    'Western European Standard Time': 'WEZ',
    'Western European Summer Time': 'WESZ',
    'Central European Standard Time': 'MEZ',
    'Central European Summer Time': 'MESZ',
    'Eastern European Standard Time': 'OEZ',
    'Eastern European Summer Time': 'OESZ',
  },
};

// One formatter per zone and style: making one loads zone data, and times are formatted thousands of times.
const zoneNames = new Map<string, Intl.DateTimeFormat>();
function zoneName(ms: number, timeZone: string, style: 'short' | 'long'): string | undefined {
  const key = `${timeZone} ${style}`;
  let formatter = zoneNames.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: style });
    zoneNames.set(key, formatter);
  }
  return formatter.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value;
}

/**
 * The zone's short name at that instant, as readers of `language` (a BCP 47 tag) know it: "UTC",
 * "CET" and "CEST" (German "MEZ" and "MESZ"), "CST", "JST"; else Intl's "GMT+8".
 */
export function zoneAbbreviation(ms: number, timeZone: string, language = 'en'): string {
  if (timeZone === 'UTC') return 'UTC';
  const long = zoneName(ms, timeZone, 'long') ?? '';
  const known = LANGUAGE_ABBREVIATIONS[language.split('-')[0]!.toLowerCase()]?.[long] ?? ABBREVIATIONS[long];
  return known ?? zoneName(ms, timeZone, 'short') ?? timeZone;
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
  if (timeZone === 'UTC') return shiftZonedDay(ms, 0, timeZone);
  const d = zoned(ms, timeZone);
  return new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), timeZone).getTime();
}

/** Start of the day `offset` days from the day containing `ms` (handles 23- and 25-hour days). */
export function shiftZonedDay(ms: number, offset: number, timeZone: string): number {
  if (timeZone === 'UTC') {
    // No zone lookup: the first one in a process loads the zone data, a tenth of a command's time.
    const d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + offset);
  }
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
