import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { stripControlCharacters } from '../text/control-characters.ts';
import type { MaintenanceEntry } from '../schemas/maintenance.ts';
import { zoneAbbreviation } from '../time/dates.ts';
import { occurrenceAnchor } from '../domain/occurrences.ts';
import { componentName, type SiteContent } from '../domain/content.ts';
import { sitePaths } from '../domain/site-paths.ts';
import { toPlainText } from '../text/plain-text.ts';
import { updateAnchor } from '../events/update-anchors.ts';

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

/** What every copy of a window's VEVENT says, whatever its times. */
interface EventFields {
  uid: string;
  dtstamp: string;
  sequence: number;
  summary: string;
}

/** One VEVENT: its times (and recurrence), then what every copy says. */
function vevent(fields: EventFields, times: string[], status: string, text: string, url: string): string[] {
  return [
    'BEGIN:VEVENT',
    fields.uid,
    fields.dtstamp,
    ...times,
    `SEQUENCE:${fields.sequence}`,
    `STATUS:${status}`,
    fields.summary,
    `DESCRIPTION:${escapeText(text)}`,
    `URL:${url}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/**
 * A window's VEVENTs: a one-off window is one; a recurring one is one with its RRULE, an EXDATE per
 * cancelled occurrence and an override (RECURRENCE-ID) per moved one, so a calendar app shows the
 * series as a series. The description quotes the latest update and links to it on the page.
 */
function windowEvents(
  window: MaintenanceEntry,
  content: SiteContent,
  absolute: (path: string) => string,
  host: string,
): string[] {
  const { locale } = content;
  const zone = content.site.time_zone;
  const page = absolute(sitePaths(content.base).maintenance(window.id));
  const components = locale.list(window.components.map((id) => componentName(content, id)));
  const latest = window.updates.at(-1);
  const latestLink = latest ? `${page}#${updateAnchor(window.updates, window.updates.length - 1)}` : page;
  const description = [
    locale.t('calendar.components', { components }),
    latest ? toPlainText(latest.message) : '',
    latestLink,
  ]
    .filter(Boolean)
    .join('\n\n');
  const fields: EventFields = {
    uid: `UID:${window.id}@${host}`,
    // DTSTAMP is when this copy was made: the last update (or the start), never the wall clock.
    dtstamp: `DTSTAMP:${stamp(Math.min(latest?.at ?? window.scheduled_start, content.clock.now))}`,
    sequence: sequenceOf(window),
    summary: `SUMMARY:${escapeText(window.cancelled ? locale.t('calendar.cancelled', { title: window.title }) : window.title)}`,
  };
  const status = window.cancelled ? 'CANCELLED' : 'CONFIRMED';
  if (window.recurrence === undefined)
    return vevent(
      fields,
      [`DTSTART:${stamp(window.scheduled_start)}`, `DTEND:${stamp(window.scheduled_end)}`],
      status,
      description,
      page,
    );
  const occurrences = window.occurrences ?? [];
  const lines = vevent(
    fields,
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
    const from = locale.t('maintenance.moved_from', { time: locale.dateTime(moved.ruleStart) });
    const note = moved.note ? toPlainText(moved.note) : '';
    const text = [
      from.charAt(0).toLocaleUpperCase(locale.tag) + from.slice(1),
      locale.t('calendar.components', { components }),
      note,
      link,
    ];
    const times = [
      zonedProperty('RECURRENCE-ID', moved.ruleStart, zone),
      zonedProperty('DTSTART', moved.start, zone),
      zonedProperty('DTEND', moved.end, zone),
    ];
    lines.push(...vevent(fields, times, 'CONFIRMED', text.filter(Boolean).join('\n\n'), link));
  }
  return lines;
}

/** The maintenance calendar; `absolute` turns a site path (with its base) into a full URL. */
export function buildCalendar(content: SiteContent, absolute: (path: string) => string): string {
  const host = new URL(absolute('/')).hostname;
  const zone = content.site.time_zone;
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
    const years = series.map((w) => seriesYears(w, content.clock.now));
    lines.push(...vtimezone(zone, Math.min(...years.map((y) => y[0])), Math.max(...years.map((y) => y[1]))));
  }
  for (const window of windows) lines.push(...windowEvents(window, content, absolute, host));
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
