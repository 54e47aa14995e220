import { stripControlCharacters } from './control-characters.ts';
import type { MaintenanceEntry } from '../schemas/maintenance.ts';
import { componentName, type SiteContent } from './content.ts';
import { sitePaths } from './paths.ts';
import { toPlainText } from './plain-text.ts';

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

/** `absolute` turns a site path (with its base) into a full URL. */
export function buildCalendar(content: SiteContent, absolute: (path: string) => string): string {
  const paths = sitePaths(content.base);
  const host = new URL(absolute('/')).hostname;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Statusmark//${escapeText(content.site.name)} maintenance//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`${content.site.name} maintenance`)}`,
  ];
  for (const window of content.maintenance.slice(0, CALENDAR_LIMIT)) {
    const components = window.components.map((id) => componentName(content, id)).join(', ');
    const latest = window.updates.at(-1);
    const description = [
      `Components: ${components}`,
      latest ? toPlainText(latest.message) : '',
      absolute(paths.maintenance(window.id)),
    ]
      .filter(Boolean)
      .join('\n\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${window.id}@${host}`,
      // DTSTAMP is when this copy was made: the last update (or the start), never the wall clock.
      `DTSTAMP:${stamp(Math.min(latest?.at ?? window.scheduled_start, content.clock.now))}`,
      `DTSTART:${stamp(window.scheduled_start)}`,
      `DTEND:${stamp(window.scheduled_end)}`,
      `SEQUENCE:${sequenceOf(window)}`,
      `STATUS:${window.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      `SUMMARY:${escapeText(`${window.cancelled ? 'Cancelled: ' : ''}${window.title}`)}`,
      `DESCRIPTION:${escapeText(description)}`,
      `URL:${absolute(paths.maintenance(window.id))}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
