import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locale as DateLocale } from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { DATE_PATTERN_KEYS, Locale, type Messages } from '../i18n/locale.ts';
import { findControlCharacter } from '../text/control-characters.ts';
import { findInvisibleCharacter } from '../text/invisible-characters.ts';
import { parseYaml } from './front-matter.ts';
import type { Problem } from './problem.ts';
import type { SourceFile } from './read-tree.ts';

/**
 * Message catalogues: the ones Statusmark ships (`locales/<tag>.yaml` in the package) and a site's
 * own (`content/locales/<tag>.yaml`), which add a language or change some words of a shipped one.
 * English is the reference: every catalogue has its keys, no others, and the same placeholders.
 */

/** The package's catalogues: `locales/` beside `src/` (and beside `dist-cli/`, for the packed CLI). */
export const SHIPPED_LOCALES_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));

export const REFERENCE_LOCALE = 'en';

export interface Catalogue {
  tag: string;
  file: string;
  messages: Map<string, string>;
  /** Line of each key in its file, found when first asked (only a problem to report needs it). */
  readonly lines: Map<string, number>;
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return (rel.startsWith('..') ? path : rel).split(sep).join('/');
}

/** Every catalogue Statusmark ships, as text: for the tests that check them all (a site reads only its own). */
export function shippedCatalogueFiles(): SourceFile[] {
  return shippedTags().map((tag) => {
    const path = join(SHIPPED_LOCALES_DIR, `${tag}.yaml`);
    return { file: displayPath(path), text: readFileSync(path, 'utf8') };
  });
}

export function tagOfFile(file: string): string {
  return (file.split('/').pop() ?? '').replace(/\.yaml$/, '');
}

/** Reads a catalogue file into dotted keys; what cannot be read becomes problems. */
export function readCatalogue(source: SourceFile, problems: Problem[]): Catalogue | undefined {
  const error = (message: string, line?: number, path = '') =>
    problems.push({ file: source.file, line, path, message, severity: 'error' });
  if (source.unreadable) return void error(source.unreadable);
  const tag = tagOfFile(source.file);
  try {
    Intl.getCanonicalLocales(tag);
  } catch {
    return void error(`is not named after a BCP 47 locale tag; name it like de.yaml or pt-BR.yaml`);
  }
  const parsed = parseYaml(source.text);
  if (parsed.errors.length > 0) {
    for (const e of parsed.errors) error(e.message, e.line);
    return undefined;
  }
  const messages = new Map<string, string>();
  const paths = new Map<string, string[]>();
  const visit = (value: unknown, path: string[]) => {
    if (typeof value === 'string') {
      const key = path.join('.');
      messages.set(key, value);
      paths.set(key, path);
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
    } else {
      error('must be a text (quote it) or a group of messages', parsed.lineOf(path), path.join('.'));
    }
  };
  if (parsed.data === null || typeof parsed.data !== 'object')
    return void error('must be a YAML mapping of message keys to texts, like en.yaml', 1);
  visit(parsed.data, []);
  // Lines need the line-aware YAML parser, several times slower than reading the words: every
  // command reads a catalogue, only a catalogue with a problem needs its lines.
  let lines: Map<string, number> | undefined;
  return {
    tag,
    file: source.file,
    messages,
    get lines() {
      return (lines ??= new Map([...paths].map(([key, path]) => [key, parsed.lineOf(path) ?? 1])));
    },
  };
}

/** The argument names a message uses, with the kind of each (`plural`, `select` or plain). */
function argumentsOf(
  elements: MessageFormatElement[],
  into = new Map<string, string>(),
): Map<string, string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date)
      into.set(element.value, into.get(element.value) ?? 'plain');
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.set(element.value, element.type === TYPE.plural ? 'plural' : 'select');
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

function parseMessage(text: string): MessageFormatElement[] | string {
  try {
    return parse(text, { ignoreTag: true, requiresOtherClause: true });
  } catch (error) {
    return `is not a valid message (${(error as Error).message}); check its braces and plural forms, such as {count, plural, one {# hour} other {# hours}}`;
  }
}

/**
 * Keys a site's catalogue may still carry from an earlier release: a warning, and the key is not
 * used, so that a catalogue valid under the last release stays valid.
 */
const RETIRED_KEYS: ReadonlyMap<string, string> = new Map([
  ['home.repeats', 'a series is described by its rule'],
  ['maintenance.recurring', 'a series is described by its rule'],
  ['component.uptime_by_period', 'the tables reflow instead of scrolling'],
  ['component.uptime_by_month', 'the tables reflow instead of scrolling'],
  ['diagram.fishbone_region', 'the diagrams fit the screen instead of scrolling'],
  ['diagram.defenses_region', 'the diagrams fit the screen instead of scrolling'],
  ['reports.chart_region', 'the chart fits the screen instead of scrolling'],
  ['reports.table_region', 'the tables reflow instead of scrolling'],
  ['bars.day_downtime', 'a day bar says its status and how many incidents, not its downtime'],
  ['bars.with_incident', 'a day bar says how many incidents, not their titles'],
]);

/**
 * Messages whose placeholders changed in a release, with the placeholders they had: a site's wording
 * with the old ones is a warning and is not used (the shipped or English wording is).
 */
const CHANGED_PLACEHOLDERS: ReadonlyMap<string, readonly string[]> = new Map([['update.label', ['status']]]);

function outdated(key: string, text: string): boolean {
  const before = CHANGED_PLACEHOLDERS.get(key);
  const elements = before ? parseMessage(text) : undefined;
  if (!before || !elements || typeof elements === 'string') return false;
  const mine = argumentsOf(elements);
  return before.some((name) => mine.has(name));
}

/** A site catalogue's messages as used: retired keys and outdated wordings left out. */
function usableMessages(catalogue: Catalogue, reference: Catalogue, partial: boolean): Messages {
  const usable = new Map<string, string>();
  for (const [key, text] of catalogue.messages) {
    if (RETIRED_KEYS.has(key)) continue;
    if (outdated(key, text)) {
      if (!partial) usable.set(key, reference.messages.get(key) ?? text);
      continue;
    }
    usable.set(key, text);
  }
  return usable;
}

/**
 * Checks a catalogue against English: the same keys (missing and extra ones named, with a line),
 * messages that parse, the same placeholders, plural forms the language has, date patterns that
 * use known letters. `partial` catalogues (a site's changes to a shipped language) may leave keys out.
 */
export function checkCatalogue(
  catalogue: Catalogue,
  reference: Catalogue,
  problems: Problem[],
  partial = false,
) {
  const error = (key: string, message: string, line = catalogue.lines.get(key)) =>
    problems.push({ file: catalogue.file, line, path: key, message, severity: 'error' });
  const warn = (key: string, message: string) =>
    problems.push({
      file: catalogue.file,
      line: catalogue.lines.get(key),
      path: key,
      message,
      severity: 'warning',
    });
  const plurals = new Set<string>(new Intl.PluralRules(catalogue.tag).resolvedOptions().pluralCategories);
  for (const [key, text] of catalogue.messages) {
    checkCharacters(
      text,
      (message) => error(key, message),
      (message) => warn(key, message),
    );
    const english = reference.messages.get(key);
    if (english === undefined && RETIRED_KEYS.has(key)) {
      warn(key, `is no longer used (${RETIRED_KEYS.get(key)}); remove it`);
      continue;
    }
    if (outdated(key, text)) {
      warn(
        key,
        `has placeholders that changed (English now reads "${english}"); use the new ones (until then Statusmark's own wording is shown)`,
      );
      continue;
    }
    if (english === undefined) {
      error(
        key,
        `is not a message Statusmark knows; remove it (or check its spelling against ${reference.file})`,
      );
      continue;
    }
    if ((DATE_PATTERN_KEYS as readonly string[]).includes(key)) {
      const stray = text
        .replace(/'[^']*'/g, '')
        .match(/[a-zA-Z]+/g)
        ?.find((word) => !/^(yyyy|MMMM|MMM|MM|M|dd|d|EEEE|EEE|HH|mm|zzz)$/.test(word));
      if (stray)
        error(
          key,
          `uses "${stray}", which is not a date letter here; use yyyy, MMMM, MMM, MM, M, dd, d, EEEE, EEE, HH, mm, zzz and put words in 'quotes'`,
        );
      continue;
    }
    if (key === 'numbers.words' || key === 'duration.joiner') continue;
    checkMessage(text, english, plurals, (message) => error(key, message));
  }
  if (!partial) {
    for (const key of reference.messages.keys()) {
      if (!catalogue.messages.has(key))
        error(
          key,
          `is missing; translate the English "${reference.messages.get(key)}" (${reference.file}:${reference.lines.get(key)})`,
          lastLine(catalogue),
        );
    }
  }
}

/**
 * A message is shown on every page, in feeds and badges: a direction control or a control character
 * in it is refused as in any other text; a zero-width character is a warning.
 */
function checkCharacters(text: string, error: (message: string) => void, warn: (message: string) => void) {
  const control = findControlCharacter(text);
  if (control) error(control.message);
  const invisible = findInvisibleCharacter(text);
  if (invisible) (invisible.direction ? error : warn)(invisible.message);
}

/** One message against its English: it parses, has the same placeholders and the language's plural forms. */
function checkMessage(
  text: string,
  english: string,
  plurals: Set<string>,
  report: (message: string) => void,
) {
  const elements = parseMessage(text);
  if (typeof elements === 'string') {
    report(elements);
    return;
  }
  const englishElements = parseMessage(english);
  if (typeof englishElements === 'string') return;
  const mine = argumentsOf(elements);
  const theirs = argumentsOf(englishElements);
  // {words} is {count} in words: either one says the count.
  const says = (name: string) =>
    mine.has(name) || (name === 'count' && mine.has('words')) || name === 'words';
  const missing = [...theirs.keys()].filter((name) => !says(name));
  const extra = [...mine.keys()].filter(
    (name) => !theirs.has(name) && !(name === 'words' && theirs.has('count')),
  );
  if (missing.length > 0)
    report(
      `leaves out ${missing.map((n) => `{${n}}`).join(', ')}, which the English message has; use each placeholder`,
    );
  if (extra.length > 0) {
    const known = [...theirs.keys()].map((n) => `{${n}}`).join(', ');
    report(
      `uses ${extra.map((n) => `{${n}}`).join(', ')}, which Statusmark does not fill; ${known ? `use only ${known}` : 'the English message has no placeholder, so remove it'}`,
    );
  }
  checkPluralForms(elements, plurals, report);
}

function lastLine(catalogue: Catalogue): number {
  return Math.max(1, ...catalogue.lines.values());
}

function checkPluralForms(
  elements: MessageFormatElement[],
  plurals: Set<string>,
  report: (message: string) => void,
) {
  for (const element of elements) {
    if (element.type === TYPE.plural) {
      const forms = Object.keys(element.options);
      const unknown = forms.filter((f) => !f.startsWith('=') && !plurals.has(f));
      if (unknown.length > 0)
        report(
          `has plural form ${unknown.join(', ')}, which this language does not use; its forms are ${[...plurals].join(', ')}`,
        );
      const absent = [...plurals].filter((f) => !forms.includes(f));
      if (absent.length > 0)
        report(
          `lacks plural form ${absent.join(', ')}, which this language needs; add ${absent.map((f) => `${f} {…}`).join(' ')}`,
        );
    }
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) checkPluralForms(option.value, plurals, report);
  }
}

export interface LocaleSet {
  /** Every usable catalogue by tag, a site's changes merged over the shipped words. */
  messages: Map<string, Messages>;
  /** Tags that have a catalogue. */
  tags: string[];
}

/**
 * The site's languages: a shipped catalogue is read only when the site speaks its language, and is
 * not checked here (test/unit/catalogues.test.ts checks every one before a release); the site's own
 * catalogues are read and checked against English.
 */
export function loadCatalogues(siteFiles: SourceFile[], used: string[], problems: Problem[]): LocaleSet {
  const tags = shippedTags();
  const messages = new Map<string, Messages>();
  for (const tag of used) {
    if (tags.includes(tag)) messages.set(tag, shippedCatalogue(tag).messages);
  }
  for (const file of siteFiles) {
    const catalogue = readCatalogue(file, problems);
    if (!catalogue) continue;
    const base = tags.includes(catalogue.tag) ? shippedCatalogue(catalogue.tag) : undefined;
    const reference = shippedCatalogue(REFERENCE_LOCALE);
    checkCatalogue(catalogue, reference, problems, base !== undefined);
    const own = usableMessages(catalogue, reference, base !== undefined);
    messages.set(catalogue.tag, new Map([...(base?.messages ?? []), ...own]));
  }
  return { messages, tags: [...new Set([...tags, ...messages.keys()])].sort() };
}

/** The languages Statusmark ships, from the catalogues' file names (none is read). */
let shippedTagList: string[] | undefined;
function shippedTags(): string[] {
  shippedTagList ??= readdirSync(SHIPPED_LOCALES_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .map(tagOfFile)
    .sort();
  return shippedTagList;
}

/** One shipped catalogue, read once per process when first needed. */
const shippedRead = new Map<string, Catalogue>();
function shippedCatalogue(tag: string): Catalogue {
  let catalogue = shippedRead.get(tag);
  if (!catalogue) {
    const path = join(SHIPPED_LOCALES_DIR, `${tag}.yaml`);
    const problems: Problem[] = [];
    catalogue = readCatalogue({ file: displayPath(path), text: readFileSync(path, 'utf8') }, problems);
    // The package's own file: a problem in it is Statusmark's bug, which its tests catch.
    if (!catalogue) throw new Error(`Statusmark's catalogue ${path} cannot be read: ${problems[0]?.message}`);
    shippedRead.set(tag, catalogue);
  }
  return catalogue;
}

const require = createRequire(import.meta.url);

/**
 * date-fns's names of months and weekdays for a BCP 47 tag: `pt-BR`, else `pt`, else `en-US`. Only
 * the language asked for is loaded (all of date-fns's locales would cost every command a second).
 */
export function dateLocaleFor(tag: string): DateLocale {
  const [language = 'en', region] = tag.split('-');
  // English, the common case and the command line's own, is part of the code: looking for a locale
  // module that date-fns does not have ("en", "en-EN") costs a command tens of milliseconds.
  if (language === 'en' && (!region || region.toUpperCase() === 'US')) return enUS;
  const candidates = [
    tag,
    region ? `${language}-${region.toUpperCase()}` : '',
    language,
    `${language}-${language.toUpperCase()}`,
  ];
  for (const name of candidates.filter(Boolean)) {
    try {
      const module = require(`date-fns/locale/${name}`) as Record<string, DateLocale>;
      const locale = Object.values(module).find((value) => typeof value?.localize?.month === 'function');
      if (locale) return locale;
    } catch {
      // Not a locale date-fns has; try the next.
    }
  }
  return enUS;
}

/** A locale for a tag whose catalogue loaded. */
export function localeOf(set: LocaleSet, tag: string, timeZone: string): Locale | undefined {
  const messages = set.messages.get(tag);
  return messages ? new Locale(tag, messages, timeZone, dateLocaleFor(tag)) : undefined;
}

/**
 * Statusmark's English words, for what the command line writes to authors (and what notify sends),
 * which stays English whatever the site's locale.
 */
export function englishLocale(timeZone: string): Locale {
  const reference = shippedCatalogue(REFERENCE_LOCALE);
  return new Locale(REFERENCE_LOCALE, reference.messages, timeZone, dateLocaleFor(REFERENCE_LOCALE));
}
