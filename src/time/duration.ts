/** Durations in English words, as the command line writes them (pages use their Locale, src/i18n/locale.ts). */

const MINUTE = 60_000;

/**
 * A number and its unit are joined by a no-break space (U+00A0), so that a narrow table cell or a
 * phone screen never puts "13" on one line and "minutes" on the next.
 */
const NBSP = '\u00a0';

function plural(count: number, unit: string): string {
  return `${count}${NBSP}${unit}${count === 1 ? '' : 's'}`;
}

/** Whole minutes, rounded to the nearest minute. */
export function toMinutes(ms: number): number {
  return Math.round(ms / MINUTE);
}

/**
 * "1 hour and 10 minutes", "2 days, 3 hours and 5 minutes", "45 minutes"; zero parts dropped;
 * under a minute is "less than a minute".
 */
export function formatDuration(ms: number): string {
  const total = toMinutes(ms);
  if (total <= 0) return 'less than a minute';
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts = [
    days ? plural(days, 'day') : '',
    hours ? plural(hours, 'hour') : '',
    minutes ? plural(minutes, 'minute') : '',
  ].filter(Boolean);
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}
