import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { stripControlCharacters } from '../text/control-characters.ts';
import type { MaintenanceEntry } from '../schemas/maintenance.ts';
import { zoneAbbreviation } from '../time/dates.ts';
import { occurrenceAnchor } from '../domain/occurrences.ts';
import { componentName, type SiteContent } from '../domain/content.ts';
import { sitePaths } from '../domain/site-paths.ts';
import { toPlainText } from '../text/plain-text.ts';

/** An iCalendar (RFC 5545) feed of maintenance windows. */

/** Windows in the feed: the newest by start, bounded like every feed. */
export const CALENDAR_LIMIT = 200;

function stamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 5545 §3.3.11 text escaping. */
function escapeText(text: string): string {
  return stripControlCharacters(text.replace(/\r\n/g, '\n'))
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded with CRLF and a space. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + (start === 0 ? 75 : 74), bytes.length);
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--; // never split a UTF-8 character
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
  }
  return parts.join('\r\n ');
}

/**
 * SEQUENCE: one more for each update after the first announcement, and for a cancellation, so a
 * calendar replaces its copy when a window is moved (post an update saying so) or called off.
 */
export function sequenceOf(window: MaintenanceEntry): number {
  return Math.max(0, window.updates.length - 1) + (window.cancelled ? 1 : 0);
}

/** A local time in the site's zone, as `DTSTART;TZID=…:` takes it. */
function localStamp(ms: number, timeZone: string): string {
  return format(new TZDate(ms, timeZone), "yyyyMMdd'T'HHmmss");
}

/** `NAME;TZID=zone:local` in a zone, or `NAME:…Z` in UTC. */
function zonedProperty(name: string, ms: number, timeZone: string): string {
  return timeZone === 'UTC' ? `${name}:${stamp(ms)}` : `${name};TZID=${timeZone}:${localStamp(ms, timeZone)}`;
}

/** UTC offset in minutes at an instant. */
function offsetAt(ms: number, timeZone: string): number {
  return -new TZDate(ms, timeZone).getTimezoneOffset();
}

function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

const WEEK = 7 * 86_400_000;

/**
 * A VTIMEZONE (RFC 5545 §3.6.5) for the zone from `fromYear` through `toYear`: one observance per
 * offset change, found by stepping a week at a time and bisecting to the minute. Calendar apps then
 * place a series' occurrences at their local time on both sides of a daylight-saving change.
 */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string[] {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  const first = offsetAt(start, timeZone);
  const transitions: { at: number; from: number; to: number }[] = [];
  for (let t = start, previous = first; t < end; t += WEEK) {
    const next = offsetAt(Math.min(t + WEEK, end), timeZone);
    if (next === previous) continue;
    let [low, high] = [t, Math.min(t + WEEK, end)];
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000;
      if (offsetAt(middle, timeZone) === previous) low = middle;
      else high = middle;
    }
    transitions.push({ at: high, from: previous, to: next });
    previous = next;
  }
  const observance = (at: number, from: number, to: number, daylight: boolean) => [
    daylight ? 'BEGIN:DAYLIGHT' : 'BEGIN:STANDARD',
    // DTSTART is the onset in the local time that was in force before it.
    `DTSTART:${format(new TZDate(at + from * 60_000, 'UTC'), "yyyyMMdd'T'HHmmss")}`,
    `TZOFFSETFROM:${offsetText(from)}`,
    `TZOFFSETTO:${offsetText(to)}`,
    `TZNAME:${escapeText(zoneAbbreviation(at, timeZone))}`,
    daylight ? 'END:DAYLIGHT' : 'END:STANDARD',
  ];
  const lowest = Math.min(first, ...transitions.map((t) => t.to));
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    ...observance(start, first, first, first > lowest),
    ...transitions.flatMap((t) => observance(t.at, t.from, t.to, t.to > lowest)),
    'END:VTIMEZONE',
  ];
}

/** The years a series' occurrences span; an open-ended one is given ten years past the clock. */
function seriesYears(window: MaintenanceEntry, now: number): [number, number] {
  const year = (ms: number) => new Date(ms).getUTCFullYear();
  const last = window.occurrences?.at(-1)?.end ?? window.scheduled_end;
  const open = !/(^|;)(COUNT|UNTIL)=/.test(window.recurrence ?? '');
  return [year(window.scheduled_start) - 1, Math.max(year(last), year(now)) + (open ? 10 : 0)];
}

/**
 * `absolute` turns a site path (with its base) into a full URL. A recurring window is one event with
 * its RRULE, an EXDATE per cancelled occurrence and an override (RECURRENCE-ID) per moved one, so a
 * calendar app shows the series as a series.
 */
export function buildCalendar(content: SiteContent, absolute: (path: string) => string): string {
  const paths = sitePaths(content.base);
  const host = new URL(absolute('/')).hostname;
  const zone = content.site.time_zone;
  const now = content.clock.now;
  const windows = content.maintenance.slice(0, CALENDAR_LIMIT);
  const series = windows.filter((w) => w.recurrence !== undefined);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Statusmark//${escapeText(content.site.name)} maintenance//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(content.locale.t('calendar.name', { site: content.site.name }))}`,
  ];
  if (series.length > 0 && zone !== 'UTC') {
    const years = series.map((w) => seriesYears(w, now));
    lines.push(...vtimezone(zone, Math.min(...years.map((y) => y[0])), Math.max(...years.map((y) => y[1]))));
  }
  for (const window of windows) {
    const page = absolute(paths.maintenance(window.id));
    const components = content.locale.list(window.components.map((id) => componentName(content, id)));
    const latest = window.updates.at(-1);
    const description = [
      content.locale.t('calendar.components', { components }),
      latest ? toPlainText(latest.message) : '',
      page,
    ]
      .filter(Boolean)
      .join('\n\n');
    const uid = `UID:${window.id}@${host}`;
    // DTSTAMP is when this copy was made: the last update (or the start), never the wall clock.
    const dtstamp = `DTSTAMP:${stamp(Math.min(latest?.at ?? window.scheduled_start, now))}`;
    const summary = `SUMMARY:${escapeText(window.cancelled ? content.locale.t('calendar.cancelled', { title: window.title }) : window.title)}`;
    /** One VEVENT of this window: its times (and recurrence), then what every copy says. */
    const event = (times: string[], status: string, text: string, url: string) =>
      lines.push(
        'BEGIN:VEVENT',
        uid,
        dtstamp,
        ...times,
        `SEQUENCE:${sequenceOf(window)}`,
        `STATUS:${status}`,
        summary,
        `DESCRIPTION:${escapeText(text)}`,
        `URL:${url}`,
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
      );
    const status = window.cancelled ? 'CANCELLED' : 'CONFIRMED';
    if (window.recurrence === undefined) {
      event(
        [`DTSTART:${stamp(window.scheduled_start)}`, `DTEND:${stamp(window.scheduled_end)}`],
        status,
        description,
        page,
      );
      continue;
    }
    const occurrences = window.occurrences ?? [];
    event(
      [
        zonedProperty('DTSTART', window.scheduled_start, zone),
        zonedProperty('DTEND', window.scheduled_end, zone),
        `RRULE:${window.recurrence}`,
        ...occurrences.filter((o) => o.cancelled).map((o) => zonedProperty('EXDATE', o.ruleStart, zone)),
      ],
      status,
      description,
      page,
    );
    for (const moved of occurrences.filter((o) => o.moved && !o.cancelled)) {
      const link = `${page}#${occurrenceAnchor(moved)}`;
      const note = moved.note ? toPlainText(moved.note) : '';
      event(
        [
          zonedProperty('RECURRENCE-ID', moved.ruleStart, zone),
          zonedProperty('DTSTART', moved.start, zone),
          zonedProperty('DTEND', moved.end, zone),
        ],
        'CONFIRMED',
        [`Moved. Components: ${components}`, note, link].filter(Boolean).join('\n\n'),
        link,
      );
    }
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
