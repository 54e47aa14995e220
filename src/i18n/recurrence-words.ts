import type { Locale } from './locale.ts';

/**
 * A maintenance series' rule in the page's language: "Every week on Tuesday at 03:00 UTC", "Every
 * 2 months on the first Monday at 22:00 CET, 6 times". The rule was checked when the content was
 * loaded (src/schemas/recurrence.ts); a combination these words do not cover (BYSETPOS) is
 * "On a custom schedule", beside the list of its dates.
 */

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const NTH: Record<string, string> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '-1': 'last',
};

/** A Sunday in UTC, so that weekday `i` is SUNDAY + i days. */
const SUNDAY = Date.UTC(2026, 0, 4);

export function describeRecurrence(rule: string, start: number, locale: Locale): string {
  const parts = new Map(
    rule.split(';').map((part) => {
      const [name = '', value = ''] = part.split('=');
      return [name, value] as const;
    }),
  );
  const frequency = (parts.get('FREQ') ?? '').toLowerCase();
  if (!['daily', 'weekly', 'monthly', 'yearly'].includes(frequency) || parts.has('BYSETPOS'))
    return capitalize(locale.t('recurrence.custom'), locale);
  let text = locale.t(`recurrence.${frequency}`, { count: Number(parts.get('INTERVAL') ?? 1) });
  const weekday = (code: string) =>
    locale.formatAs('format.weekday', SUNDAY + WEEKDAYS.indexOf(code) * 86_400_000, 'UTC');

  const byMonth = parts.get('BYMONTH');
  if (byMonth)
    text = locale.t('recurrence.in_months', {
      rule: text,
      months: locale.list(
        byMonth
          .split(',')
          .map((m) => locale.formatAs('format.month_name', Date.UTC(2026, Number(m) - 1, 15), 'UTC')),
      ),
    });
  const byMonthDay = parts.get('BYMONTHDAY');
  if (byMonthDay) {
    const days = byMonthDay.split(',').map(Number);
    if (days.every((d) => d > 0))
      text = locale.t('recurrence.on_month_days', {
        rule: text,
        days: locale.list(days.map((d) => locale.number(d))),
      });
    else if (days.length === 1 && days[0] === -1) text = locale.t('recurrence.on_last_day', { rule: text });
    else return capitalize(locale.t('recurrence.custom'), locale);
  }
  const byDay = parts.get('BYDAY');
  if (byDay) {
    const days = byDay.split(',').map((day) => /^([+-]?\d+)?([A-Z]{2})$/.exec(day) ?? []);
    const ordinal = days.find(([, nth]) => nth !== undefined);
    if (ordinal) {
      const nth = NTH[String(Number(ordinal[1]))];
      if (!nth || days.length > 1) return capitalize(locale.t('recurrence.custom'), locale);
      text = locale.t('recurrence.on_nth_weekday', { rule: text, nth, weekday: weekday(ordinal[2]!) });
    } else {
      text = locale.t('recurrence.on_days', {
        rule: text,
        days: locale.list(days.map(([, , code]) => weekday(code!))),
      });
    }
  }
  text = locale.t('recurrence.at_time', { rule: text, time: locale.time(start) });
  const count = parts.get('COUNT');
  if (count) text = locale.t('recurrence.times', { rule: text, count: Number(count) });
  const until = parts.get('UNTIL');
  if (until) {
    const [, y, m, d, hh = '00', mm = '00'] = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2}))?/.exec(until) ?? [];
    const at = Date.UTC(Number(y), Number(m) - 1, Number(d), Number(hh), Number(mm));
    // UNTIL is the end of the last day in UTC; a minute earlier is that day in the site's zone.
    text = locale.t('recurrence.until', { rule: text, date: locale.date(at - 60_000) });
  }
  return capitalize(text, locale);
}

function capitalize(text: string, locale: Locale): string {
  return text.charAt(0).toLocaleUpperCase(locale.tag) + text.slice(1);
}
