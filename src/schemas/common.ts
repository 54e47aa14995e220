import { TZDate } from '@date-fns/tz';
import { z } from 'astro/zod';

/** An ISO 8601 time with seconds optional and a zone that must be explicit (`Z` or `±HH:MM`). */
const ZONED_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A time as content files and `<time datetime>` write it: UTC ISO 8601 without milliseconds. */
export function isoTime(ms: number): string {
  let text = isoTimes.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString().replace('.000Z', 'Z');
    // Pages print the same times many times over (every <time datetime>); a bounded memo saves the work.
    if (isoTimes.size > 100_000) isoTimes.clear();
    isoTimes.set(ms, text);
  }
  return text;
}

const isoTimes = new Map<number, string>();

export const TIME_EXAMPLE = '2026-11-20T14:30:00Z';

/** Parses a zoned ISO time to UTC epoch milliseconds, or undefined when it is not one. */
export function parseZonedTime(text: string): number | undefined {
  const match = ZONED_TIME.exec(text);
  if (!match) return undefined;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0] = match.slice(1, 6).map(Number);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 2026-02-30 over to March; a real calendar check catches that typo.
  const utcDate = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (utcDate.getUTCDate() !== day || utcDate.getUTCMonth() !== month - 1 || utcDate.getUTCHours() !== hour) {
    return undefined;
  }
  return ms;
}

/** Parses `YYYY-MM-DD` to the UTC epoch milliseconds of that midnight. */
export function parsePlainDate(text: string): number | undefined {
  const match = PLAIN_DATE.exec(text);
  if (!match) return undefined;
  const [year = 0, month = 0, day = 0] = match.slice(1, 4).map(Number);
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1 ? ms : undefined;
}

/** The longest "next update in": a status update promising one later than a week is not one. */
export const MAX_INTERVAL = 7 * 24 * 60 * 60_000;

/** Hours and minutes, such as `30m`, `2h`, `1h30m`. */
export const INTERVAL_PATTERN = /^(?:(\d+)h)?(?:(\d+)m)?$/;

/** `30m`, `2h`, `1h30m` to milliseconds; undefined when it is not one or is more than a week. */
export function parseInterval(text: string): number | undefined {
  const match = INTERVAL_PATTERN.exec(text.trim());
  if (!match || (!match[1] && !match[2])) return undefined;
  const ms = (Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)) * 60_000;
  return ms > MAX_INTERVAL ? undefined : ms;
}

/** Content times, dates and clocks lie in this century: anything else is a typo. */
export const PLAUSIBLE_FROM = Date.UTC(2000, 0, 1);
const PLAUSIBLE_UNTIL = Date.UTC(2100, 0, 1);

/**
 * A point in time, written with an explicit zone; becomes UTC epoch milliseconds.
 * A time without a zone is an error, never silently UTC (README, "Content").
 */
export const timestamp = z.string().transform((text, ctx) => {
  const ms = parseZonedTime(text);
  if (ms === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)
        ? `"${text}" has no time zone; add one, for example "${text}Z" for UTC or "${text}+02:00"`
        : (spacedTimeMessage(text) ?? `"${text}" is not an ISO 8601 time; write it like ${TIME_EXAMPLE}`),
    });
    return z.NEVER;
  }
  // A typo in the year (1970, 0026, 2206) would otherwise make a report for every month in between.
  if (ms < PLAUSIBLE_FROM || ms >= PLAUSIBLE_UNTIL) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is in ${new Date(ms).getUTCFullYear()}, outside 2000–2099; check the year`,
    });
    return z.NEVER;
  }
  return ms;
});


/** A date and a time joined by a space (`2026-12-06 21:30:00`): what is missing, and the fixed form. */
function spacedTimeMessage(text: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})\s+(\d{2}:\d{2}(?::\d{2})?)\s*(Z|[+-]\d{2}:\d{2})?$/.exec(text.trim());
  if (!match) return undefined;
  const [, date, time, zone] = match;
  const missing = zone ? 'a "T" between the date and the time' : 'a "T" between the date and the time, and a time zone';
  const fixed = `${date}T${time}`;
  return zone
    ? `"${text}" is not an ISO 8601 time: it lacks ${missing}; write it as ${fixed}${zone}`
    : `"${text}" is not an ISO 8601 time: it lacks ${missing}; write it as ${fixed}Z or with an offset such as ${fixed}+01:00`;
}

/** A calendar date `YYYY-MM-DD`; becomes the UTC epoch milliseconds of its midnight. */
export const plainDate = z.string().transform((text, ctx) => {
  const ms = parsePlainDate(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a date; write it like 2026-11-20` });
    return z.NEVER;
  }
  if (ms < PLAUSIBLE_FROM || ms >= PLAUSIBLE_UNTIL) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is outside 2000–2099; check the year` });
    return z.NEVER;
  }
  return ms;
});

/** A lowercase URL-safe identifier: letters, digits and dashes. */
export const slug = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be lowercase letters, digits and single dashes, such as "api-gateway"',
  );

/** A non-empty line of text. */
export const text = z.string().trim().min(1, 'must not be empty');

/** Markdown text (rendered, with raw HTML removed). */
export const markdown = z.string().trim().min(1, 'must not be empty');

/** What the schemas need to know beyond the file itself: cross-file facts and the build clock. */
export interface SchemaContext {
  /** The build clock, UTC epoch ms: nothing that already happened may lie after it. */
  now: number;
  componentIds: ReadonlySet<string>;
  severityIds: ReadonlySet<string>;
  /** The site's time_zone (recurring maintenance keeps its local time in it); UTC when unknown. */
  timeZone?: string;
  /** Incident ids, for postmortems; undefined when not known (then not checked). */
  incidentIds?: ReadonlySet<string>;
  /** The site's other interface languages, which `translations` may name; undefined: not checked. */
  translationLocales?: readonly string[];
}

function isLocaleTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag)[0] === tag;
  } catch {
    return false;
  }
}

/** A BCP 47 tag as Statusmark's catalogues are named: `en`, `de`, `pt-BR`, `zh-CN`. */
export const localeTag = z
  .string()
  .refine(isLocaleTag, { message: 'must be a BCP 47 language tag such as "en", "de" or "pt-BR"' });

/**
 * Words of an entry in the site's other languages, by tag: `translations: {de: {title: …}}`. The
 * pages built for that language use them; a field left out falls back to the original.
 */
export function translations<T extends z.ZodRawShape>(shape: T) {
  return z.record(localeTag, z.strictObject(shape)).optional();
}

/** Reports translations into a language the site is not built in (they would never be shown). */
export function checkTranslationTags(
  ctx: z.RefinementCtx,
  path: (string | number)[],
  value: Record<string, unknown> | undefined,
  context: SchemaContext,
): void {
  const allowed = context.translationLocales;
  if (!value || !allowed) return;
  for (const tag of Object.keys(value)) {
    if (allowed.includes(tag)) continue;
    ctx.addIssue({
      code: 'custom',
      path: [...path, tag],
      message:
        allowed.length === 0
          ? `is not one of the site's languages; list it in site.yaml, such as locales: [en, ${tag}], or remove this translation`
          : `is not one of the site's other languages (${allowed.join(', ')}); add it to locales in site.yaml, or fix the tag`,
    });
  }
}

/** Adds "must not be after the build clock" issues; the clock guards against wrong-year typos. */
export function checkNotFuture(
  ctx: z.RefinementCtx,
  now: number,
  value: number | undefined,
  path: (string | number)[],
): void {
  if (value !== undefined && value > now) {
    ctx.addIssue({
      code: 'custom',
      path,
      message: `${isoTime(value)} is after the build clock (${isoTime(now)}); check the date and year, or set STATUSMARK_NOW when building for a past time`,
    });
  }
}

export function listOf(values: Iterable<string>): string {
  return [...values].map((v) => `"${v}"`).join(', ');
}

/** An id that must be one of `ids` (a severity, a component, an incident), checked on its own field. */
export function knownId(ids: ReadonlySet<string>, what: string) {
  return z.string().superRefine((id, ctx) => {
    if (!ids.has(id))
      ctx.addIssue({ code: 'custom', message: `"${id}" is not ${what}; use one of ${listOf(ids)}` });
  });
}

/**
 * How precisely a time is known, when not exactly: `about` (written "about 2026-11-20T17:20Z"), `day`
 * (written as a date: some time that day, in the site's zone), `unknown` (an end written "unknown").
 */
export type Precision = 'about' | 'day' | 'unknown';

/** Precision of an entry's inexact times and shares, by path: `started`, `components.1.to` … */
export type Precisions = Readonly<Record<string, Precision>>;

/** Written before a time or a share to say it is approximate: "about", or "~". */
const ABOUT = /^(?:about|approximately|approx\.?|~)\s*/i;

/** The start of a calendar day in a zone, as an ISO time (the same zone arithmetic as src/time/dates.ts). */
function zonedDayStart(date: string, zone: string): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return isoTime(new TZDate(year, month - 1, day, zone).getTime());
}

/**
 * Reads one inexact value: "about <time>", a plain date, or "unknown" (where allowed). Returns the
 * value as the schema's exact form would take it (or undefined for "unknown") and its precision; an
 * exact value comes back unchanged with no precision.
 */
export function readInexact(
  value: unknown,
  options: { zone: string; unknownAllowed?: boolean; number?: boolean },
): { value: unknown; precision?: Precision } {
  if (typeof value !== 'string') return { value };
  const text = value.trim();
  if (options.unknownAllowed && /^(unknown|not stated)$/i.test(text)) return { value: undefined, precision: 'unknown' };
  const about = ABOUT.exec(text);
  if (about) {
    const rest = text.slice(about[0].length).replace(/\s*%$/, '');
    // "about" before something that is no number or time: the schema's message quotes all of it.
    if (!/^\d/.test(rest)) return { value };
    return { value: options.number && /^\d+(\.\d+)?$/.test(rest) ? Number(rest) : rest, precision: 'about' };
  }
  if (!options.number && PLAIN_DATE.test(text) && parsePlainDate(text) !== undefined)
    return { value: zonedDayStart(text, options.zone), precision: 'day' };
  return { value };
}
