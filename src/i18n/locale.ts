import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { TZDate } from '@date-fns/tz';
import type { Locale as DateLocale } from 'date-fns';
import { escapeHtml } from '../text/html.ts';
import { zoneAbbreviation } from '../time/dates.ts';

/**
 * The words the site writes itself, in the site's language: every interface string comes from a
 * message catalogue (`locales/<tag>.yaml`, ICU MessageFormat with plural and select), and dates,
 * numbers, lists and durations are formatted for the locale. Content stays in the author's words.
 */

/** A catalogue: dotted key → ICU message. */
export type Messages = ReadonlyMap<string, string>;

type Values = Record<string, string | number>;
type Compiled = (values: Values) => string;

const pad = (n: number) => String(n).padStart(2, '0');

interface Fields {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hours: number;
  minutes: number;
}

/** The wall-clock fields of an instant in a zone; UTC without a zone lookup (the common, hot case). */
function fieldsOf(ms: number, timeZone: string): Fields {
  if (timeZone === 'UTC') {
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth(),
      day: d.getUTCDate(),
      weekday: d.getUTCDay(),
      hours: d.getUTCHours(),
      minutes: d.getUTCMinutes(),
    };
  }
  const d = new TZDate(ms, timeZone);
  return {
    year: d.getFullYear(),
    month: d.getMonth(),
    day: d.getDate(),
    weekday: d.getDay(),
    hours: d.getHours(),
    minutes: d.getMinutes(),
  };
}

type Piece = (f: Fields, ms: number, timeZone: string) => string;

/**
 * Compiles a date pattern of the catalogue (date-fns tokens: yyyy, MMMM, MMM, MM, M, dd, d, EEEE,
 * EEE, HH, mm; `zzz` is the zone's abbreviation; 'quoted' text is literal) once, into a function.
 */
function compilePattern(pattern: string, locale: DateLocale): Piece[] {
  const month = (width: 'wide' | 'abbreviated') => (f: Fields) =>
    String(locale.localize.month(f.month as 0, { width, context: 'formatting' }));
  const day = (width: 'wide' | 'abbreviated') => (f: Fields) =>
    String(locale.localize.day(f.weekday as 0, { width, context: 'formatting' }));
  const tokens: Record<string, Piece> = {
    yyyy: (f) => String(f.year),
    MMMM: month('wide'),
    MMM: month('abbreviated'),
    MM: (f) => pad(f.month + 1),
    M: (f) => String(f.month + 1),
    dd: (f) => pad(f.day),
    d: (f) => String(f.day),
    EEEE: day('wide'),
    EEE: day('abbreviated'),
    HH: (f) => pad(f.hours),
    mm: (f) => pad(f.minutes),
    zzz: (_f, ms, timeZone) => zoneAbbreviation(ms, timeZone, locale.code),
  };
  const pieces: Piece[] = [];
  const re = /yyyy|MMMM|MMM|MM|M|dd|d|EEEE|EEE|HH|mm|zzz|'([^']*)'|[^yMdEHmz']+|./g;
  for (const match of pattern.matchAll(re)) {
    const token = match[0];
    const literal = match[1] ?? token;
    pieces.push(tokens[token] ?? (() => literal));
  }
  return pieces;
}

/** The date-pattern keys of a catalogue (checked for unknown tokens like any other message). */
export const DATE_PATTERN_KEYS = [
  'format.date',
  'format.date_time',
  'format.time',
  'format.month',
  'format.day_month',
  'format.report_time',
  'format.weekday',
  'format.month_name',
] as const;
export type DatePatternKey = (typeof DATE_PATTERN_KEYS)[number];

export class Locale {
  readonly tag: string;
  readonly timeZone: string;
  readonly messages: Messages;
  private readonly compiled = new Map<string, Compiled>();
  private readonly patterns = new Map<string, Piece[]>();
  private readonly dateLocale: DateLocale;
  private readonly numberWords: string[];

  /** `dateLocale` is date-fns's data for the language: month and weekday names. */
  constructor(tag: string, messages: Messages, timeZone: string, dateLocale: DateLocale) {
    this.tag = tag;
    this.messages = messages;
    this.timeZone = timeZone;
    this.dateLocale = dateLocale;
    const words = messages.get('numbers.words') ?? '';
    this.numberWords = words.trim() ? words.trim().split(/\s*,\s*/) : [];
  }

  // Each Intl formatter is made when first used: the first of each kind in a process loads its
  // locale data (tens of milliseconds), which a command that prints no list or number never needs.
  private numbersFormat?: Intl.NumberFormat;
  private get numbers(): Intl.NumberFormat {
    return (this.numbersFormat ??= new Intl.NumberFormat(this.tag));
  }

  private pluralRules?: Intl.PluralRules;
  private get plurals(): Intl.PluralRules {
    return (this.pluralRules ??= new Intl.PluralRules(this.tag));
  }

  private listFormats?: { and: Intl.ListFormat; or: Intl.ListFormat };
  private get lists(): { and: Intl.ListFormat; or: Intl.ListFormat } {
    return (this.listFormats ??= {
      and: new Intl.ListFormat(this.tag, { type: 'conjunction' }),
      or: new Intl.ListFormat(this.tag, { type: 'disjunction' }),
    });
  }

  private ownName?: string;
  /** The language's own name for itself, for language switchers: "Deutsch", "日本語". */
  get name(): string {
    if (this.ownName === undefined) {
      const own = new Intl.DisplayNames([this.tag], { type: 'language' }).of(this.tag) ?? this.tag;
      this.ownName = own.charAt(0).toLocaleUpperCase(this.tag) + own.slice(1);
    }
    return this.ownName;
  }

  /** The message of `key` filled with `values`; an unknown key is a bug and stops the build. */
  t(key: string, values?: Values): string {
    let format = this.compiled.get(key);
    if (!format) {
      const source = this.messages.get(key);
      if (source === undefined) throw new Error(`Statusmark has no message "${key}" for locale ${this.tag}`);
      format = this.compile(parse(source, { ignoreTag: true }));
      this.compiled.set(key, format);
    }
    return format(values ?? {});
  }

  /**
   * An ICU message as a function: literals, {arguments}, plural (with =N forms and #) and select.
   * Compiled once per message; a page calls thousands of them, so this stays a few string joins.
   */
  private compile(elements: MessageFormatElement[], pound?: string): Compiled {
    const parts: Compiled[] = elements.map((element): Compiled => {
      switch (element.type) {
        case TYPE.literal: {
          const text = element.value;
          return () => text;
        }
        case TYPE.pound:
          return (values) => {
            const n = values[pound ?? 'count'];
            return typeof n === 'number' ? this.number(n) : String(n ?? '');
          };
        case TYPE.plural: {
          const name = element.value;
          const forms = new Map(
            Object.entries(element.options).map(([form, option]) => [form, this.compile(option.value, name)]),
          );
          return (values) => {
            const n = Number(values[name]);
            const form = forms.get(`=${n}`) ?? forms.get(this.plurals.select(n)) ?? forms.get('other')!;
            return form(values);
          };
        }
        case TYPE.select: {
          const name = element.value;
          const forms = new Map(
            Object.entries(element.options).map(([form, option]) => [
              form,
              this.compile(option.value, pound),
            ]),
          );
          return (values) => (forms.get(String(values[name])) ?? forms.get('other')!)(values);
        }
        default: {
          // {name}: the value as text; a number in the language's digits; {words}: the count in words.
          const name = 'value' in element ? String(element.value) : '';
          return (values) => {
            const value = values[name];
            if (value === undefined && name === 'words' && typeof values.count === 'number')
              return this.words(values.count);
            return typeof value === 'number' ? this.number(value) : String(value ?? '');
          };
        }
      }
    });
    if (parts.length === 1) return parts[0]!;
    return (values) => {
      let out = '';
      for (const part of parts) out += part(values);
      return out;
    };
  }

  /**
   * A message as HTML, with some placeholders filled with markup (a <time>, a link) and the rest
   * with text: the sentence stays whole in the catalogue, in the language's own word order.
   */
  html(key: string, markup: Record<string, string>, values: Values = {}): string {
    const tokens = Object.keys(markup).map((name, i) => [name, `\ue000${i}\ue001`] as const);
    let out = escapeHtml(this.t(key, { ...values, ...Object.fromEntries(tokens) }));
    tokens.forEach(([name, token]) => (out = out.replace(token, markup[name]!)));
    return out;
  }

  /** A small whole number in words ("five"), as the catalogue's `numbers.words` lists them; else digits. */
  words(n: number): string {
    return Number.isInteger(n) && n >= 0 && n < this.numberWords.length
      ? this.numberWords[n]!
      : this.number(n);
  }

  private readonly smallNumbers: string[] = [];

  number(n: number, options?: Intl.NumberFormatOptions): string {
    if (options) return new Intl.NumberFormat(this.tag, options).format(n);
    // Counts and minutes are small whole numbers, formatted thousands of times per build. In English
    // they are their digits, which need no formatter (the first one made costs a command 20 ms).
    if (Number.isInteger(n) && n >= 0 && n < 1000)
      return (this.smallNumbers[n] ??= this.tag === 'en' ? String(n) : this.numbers.format(n));
    return this.numbers.format(n);
  }

  private readonly percents = new Map<number, Intl.NumberFormat>();

  /**
   * A percentage floored (never rounded up) to `decimals`, so 99.9996 % with downtime prints as
   * 99.99 %, never 100 %: "99.95%" in English, "99,95 %" in German.
   */
  percent(ratio: number, decimals = 2): string {
    let format = this.percents.get(decimals);
    if (!format) {
      format = new Intl.NumberFormat(this.tag, {
        style: 'percent',
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      });
      this.percents.set(decimals, format);
    }
    const scale = 10 ** decimals;
    const floored = Math.floor(Math.round(ratio * 100 * scale * 1e6) / 1e6) / scale;
    return format.format(floored / 100);
  }

  /** "a, b and c" in the locale's words. */
  list(items: readonly string[]): string {
    // One item is itself in every language, without a formatter (the first one made costs 15 ms).
    return items.length < 2 ? (items[0] ?? '') : this.lists.and.format(items);
  }

  /** "a, b or c". */
  orList(items: readonly string[]): string {
    return items.length < 2 ? (items[0] ?? '') : this.lists.or.format(items);
  }

  /** A date by one of the catalogue's patterns, in the site's zone unless another is given. */
  formatAs(key: DatePatternKey, ms: number, timeZone = this.timeZone): string {
    let pieces = this.patterns.get(key);
    if (!pieces) {
      const pattern = this.messages.get(key);
      if (pattern === undefined) throw new Error(`Statusmark has no message "${key}" for locale ${this.tag}`);
      pieces = compilePattern(pattern, this.dateLocale);
      this.patterns.set(key, pieces);
    }
    const fields = fieldsOf(ms, timeZone);
    let out = '';
    for (const piece of pieces) out += piece(fields, ms, timeZone);
    return out;
  }

  /** "Nov 20, 2026, 14:30 UTC". */
  dateTime(ms: number, timeZone = this.timeZone): string {
    return this.formatAs('format.date_time', ms, timeZone);
  }

  /** "14:30 UTC". */
  time(ms: number, timeZone = this.timeZone): string {
    return this.formatAs('format.time', ms, timeZone);
  }

  /** "Nov 20, 2026". */
  date(ms: number, timeZone = this.timeZone): string {
    return this.formatAs('format.date', ms, timeZone);
  }

  /** "November 2026". */
  month(ms: number, timeZone = this.timeZone): string {
    return this.formatAs('format.month', ms, timeZone);
  }

  /**
   * "1 hour and 10 minutes", "2 days, 3 hours and 5 minutes", "45 minutes"; zero parts dropped; under
   * a minute is "less than a minute". A number and its unit never break apart (a no-break space).
   */
  duration(ms: number): string {
    const total = Math.round(ms / 60_000);
    if (total <= 0) return this.t('duration.less_than_a_minute');
    const parts = durationParts(total)
      .filter(([, n]) => n > 0)
      .map(([unit, count]) => this.t(`duration.${unit}`, { count }).replace(/ /g, '\u00a0'));
    const joiner = this.messages.get('duration.joiner') ?? 'list';
    return joiner === 'list' ? this.list(parts) : parts.join(joiner);
  }

  /** Compact form for tables and labels: "1h 10m", "3d 2h", "45m", "0m"; one unbreakable unit. */
  private readonly shortDurations = new Map<number, string>();

  durationShort(ms: number): string {
    const total = Math.max(0, Math.round(ms / 60_000));
    let text = this.shortDurations.get(total);
    if (text === undefined) {
      const [[, days], [, hours], [, minutes]] = durationParts(total);
      const short = (unit: string, count: number) => this.t(`duration.short.${unit}`, { count });
      text = (
        days
          ? [short('days', days), hours ? short('hours', hours) : '']
          : hours
            ? [short('hours', hours), minutes ? short('minutes', minutes) : '']
            : [short('minutes', minutes)]
      )
        .filter(Boolean)
        .join(' ')
        .replace(/ /g, '\u00a0');
      // Tables repeat the same few hundred durations on every page.
      this.shortDurations.set(total, text);
    }
    return text;
  }
}

function durationParts(total: number): [['days', number], ['hours', number], ['minutes', number]] {
  return [
    ['days', Math.floor(total / 1440)],
    ['hours', Math.floor((total % 1440) / 60)],
    ['minutes', total % 60],
  ];
}
