import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  checkCatalogue,
  readCatalogue,
  shippedCatalogueFiles,
  tagOfFile,
  type Catalogue,
} from '../../src/loader/catalogues.ts';
import { formatProblem, type Problem } from '../../src/loader/problem.ts';
import { baseTree, validate } from '../helpers/tree.ts';

const shipped = shippedCatalogueFiles();
const english = readCatalogue(
  shipped.find((f) => tagOfFile(f.file) === 'en')!,
  [],
)!;

function catalogue(file: string, text: string, problems: Problem[] = []): Catalogue {
  const read = readCatalogue({ file, text }, problems);
  if (!read) throw new Error(problems.map(formatProblem).join('\n'));
  return read;
}

/** The base fixture with site.yaml lines added and site catalogues in content/locales/. */
function siteWith(siteLines: string, locales: Record<string, string> = {}) {
  const tree = baseTree();
  tree.site = { file: 'test/fixtures/base/site.yaml', text: `${tree.site!.text}${siteLines}\n` };
  tree.locales = Object.entries(locales).map(([tag, text]) => ({
    file: `content/locales/${tag}.yaml`,
    text,
  }));
  return validate(tree);
}

const lineIn = (file: string, needle: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.startsWith(needle)) + 1;

const errors = (result: { problems: Problem[] }) =>
  result.problems.filter((p) => p.severity === 'error').map(formatProblem);

describe('the shipped catalogues', () => {
  test.each(shipped.map((f) => f.file))(
    '%s has every English key, no other, and the same placeholders',
    (file) => {
      const problems: Problem[] = [];
      const read = readCatalogue(
        shipped.find((f) => f.file === file)!,
        problems,
      )!;
      checkCatalogue(read, english, problems);
      expect(problems.map(formatProblem)).toEqual([]);
      expect([...read.messages.keys()].sort()).toEqual([...english.messages.keys()].sort());
    },
  );

  test('English has a few hundred messages, grouped by where they show', () => {
    expect(english.messages.size).toBeGreaterThan(300);
    expect(english.messages.get('nav.history')).toBe('History');
  });
});

describe('checking a catalogue', () => {
  const englishText = readFileSync(shipped.find((f) => tagOfFile(f.file) === 'en')!.file, 'utf8');

  test('a missing key, an extra key, a wrong placeholder and a missing plural form are named with their line', () => {
    const text = englishText
      .replace(/^ {2}skip: .*\n/m, '')
      .replace(/^ {2}title: '\{site\} status'$/m, "  title: '{name} status'")
      .replace(/^ {2}hours: .*$/m, '  hours: "{count, plural, other {# hours}}"')
      .replace(/^nav:\n/m, 'nav:\n  sitemap: Site map\n');
    const problems: Problem[] = [];
    checkCatalogue(catalogue('content/locales/xx.yaml', text), english, problems);
    const lines = problems.map(formatProblem);
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(lines).toEqual(
      expect.arrayContaining([
        `content/locales/xx.yaml:${lineOf('sitemap:')}  nav.sitemap  is not a message Statusmark knows; remove it (or check its spelling against ${english.file})`,
        expect.stringMatching(
          /^content\/locales\/xx\.yaml:\d+ {2}site\.skip {2}is missing; translate the English "Skip to content"/,
        ),
        `content/locales/xx.yaml:${lineOf('{name} status')}  site.title  leaves out {site}, which the English message has; use each placeholder`,
        `content/locales/xx.yaml:${lineOf('{name} status')}  site.title  uses {name}, which Statusmark does not fill; use only {site}`,
        `content/locales/xx.yaml:${lineOf('hours: "{count, plural, other')}  duration.hours  lacks plural form one, which this language needs; add one {…}`,
      ]),
    );
    expect(lines).toHaveLength(5);
  });

  test('a message that does not parse, and a date pattern with an unknown letter, are errors with their line', () => {
    const text = englishText
      .replace(/^ {2}today: Today$/m, '  today: "Today {"')
      .replace(/^ {2}date: MMM d, yyyy$/m, '  date: "MMM do, yyyy"');
    const problems: Problem[] = [];
    checkCatalogue(catalogue('content/locales/xx.yaml', text), english, problems);
    expect(problems.map((p) => `${p.path} ${p.message}`)).toEqual([
      expect.stringMatching(/^format\.date uses "do", which is not a date letter here/),
      expect.stringMatching(/^bars\.today is not a valid message/),
    ]);
    expect(problems.every((p) => p.line !== undefined && p.line > 1)).toBe(true);
  });
});

describe('the site’s languages', () => {
  test('a locale without a catalogue is an error on its line of site.yaml, naming the ones there are', () => {
    const result = siteWith('locale: it');
    expect(result.content).toBeUndefined();
    expect(errors(result)).toEqual([
      'test/fixtures/base/site.yaml:4  locale  "it" has no message catalogue; use one of de, en, es, fr, ja, nl, pt-BR, zh-CN, or add test/fixtures/base/locales/it.yaml (a copy of Statusmark\'s locales/en.yaml, translated)',
    ]);
  });

  test('a tag that is not BCP 47, and locales without the site’s locale, are errors', () => {
    expect(errors(siteWith('locale: de_DE'))).toEqual([
      expect.stringContaining('locale  must be a BCP 47 language tag such as "en", "de" or "pt-BR"'),
    ]);
    expect(errors(siteWith('locale: de\nlocales: [en, fr]'))).toEqual([
      expect.stringContaining('locales  must include the site\'s locale "de"'),
    ]);
  });

  test('a site adds a language with one catalogue file, and it is used', () => {
    // Swedish has the plural forms English has (one, other), so a copy of en.yaml is complete.
    const swedish = readFileSync('locales/en.yaml', 'utf8')
      .replace('  history: History\n', '  history: Historik\n')
      .replace(/^ {2}words: .*$/m, '  words: noll, en, två, tre, fyra, fem, sex, sju, åtta, nio');
    const result = siteWith('locale: sv', { sv: swedish });
    expect(errors(result)).toEqual([]);
    expect(result.content!.locale.tag).toBe('sv');
    expect(result.content!.locale.t('nav.history')).toBe('Historik');
    expect(result.content!.locale.t('report.kind.major_outage', { count: 3 })).toBe('tre major outages');
    // Month names come from date-fns, numbers from Intl.
    expect(result.content!.locale.month(Date.UTC(2026, 1, 12))).toBe('februari 2026');
    expect(result.content!.locale.percent(0.99955, 2)).toBe('99,95\u00a0%');
  });

  test('a copy of en.yaml for a language with more plural forms is told which forms to add', () => {
    const result = siteWith('locale: it', { it: readFileSync('locales/en.yaml', 'utf8') });
    expect(result.content).toBeUndefined();
    expect(errors(result)).toContain(
      `content/locales/it.yaml:${lineIn('locales/en.yaml', '  hours: ')}  duration.hours  lacks plural form many, which this language needs; add many {…}`,
    );
  });

  test('a site catalogue for a shipped language changes only the words it names', () => {
    const result = siteWith('locale: de', { de: 'nav:\n  history: Chronik\n' });
    expect(errors(result)).toEqual([]);
    expect(result.content!.locale.t('nav.history')).toBe('Chronik');
    expect(result.content!.locale.t('nav.reports')).toBe('Berichte');
  });

  test('a site catalogue written for 0.5 stays valid: retired keys and the old update label are warnings, not used', () => {
    const result = siteWith('locale: de', {
      de: 'home:\n  repeats: wiederholt\nupdate:\n  label: "{status}:"\nnav:\n  history: Chronik\n',
    });
    expect(errors(result)).toEqual([]);
    expect(result.problems.map(formatProblem)).toEqual([
      'content/locales/de.yaml:2  home.repeats  warning: is no longer used (a series is described by its rule); remove it',
      `content/locales/de.yaml:4  update.label  warning: has placeholders that changed (English now reads "{time}:"); use the new ones (until then Statusmark's own wording is shown)`,
    ]);
    const locale = result.content!.locale;
    expect(locale.t('update.label', { time: '00:41 UTC' })).toBe('00:41 UTC:');
    expect(locale.t('nav.history')).toBe('Chronik');
  });

  test('a placeholder in a message that has none in English says to remove it', () => {
    expect(errors(siteWith('locale: de', { de: 'nav:\n  history: "Verlauf ({count})"\n' }))).toEqual([
      'content/locales/de.yaml:2  nav.history  uses {count}, which Statusmark does not fill; the English message has no placeholder, so remove it',
    ]);
  });

  test('a direction control or a control character in a site catalogue is an error with its key; a zero-width character a warning', () => {
    const result = siteWith('locale: de', {
      de: 'nav:\n  history: "Verlauf\\u202E"\n  reports: "Berichte\\u2067"\n  maintenance: "Wartung\\a"\n  subscribe: "Abonnieren\\u200B"\n',
    });
    expect(result.content).toBeUndefined();
    expect(result.problems.map(formatProblem)).toEqual([
      'content/locales/de.yaml:2  nav.history  has an invisible direction control (U+202E, right-to-left override) at column 8: it changes the order the text around it is shown in, so readers would not see what was written; delete it',
      'content/locales/de.yaml:3  nav.reports  has an invisible direction control (U+2067, right-to-left isolate) at column 9: it changes the order the text around it is shown in, so readers would not see what was written; delete it',
      'content/locales/de.yaml:4  nav.maintenance  has an invisible control character (U+0007) at column 8; delete it (it often comes with text pasted from a terminal or a PDF)',
      'content/locales/de.yaml:5  nav.subscribe  warning: has an invisible zero-width character (U+200B, zero-width space) at column 11: two texts that look the same would differ; delete it (it often comes with pasted text)',
    ]);
  });

  test('an incomplete catalogue of a new language stops the build, naming the file and the key', () => {
    const result = siteWith('locale: it', { it: 'nav:\n  history: Cronologia\n' });
    expect(result.content).toBeUndefined();
    expect(errors(result)).toContain(
      'content/locales/it.yaml:2  site.title  is missing; translate the English "{site} status" (locales/en.yaml:10)',
    );
  });

  test('default severity names follow the language; names set in site.yaml are the site’s own', () => {
    const german = siteWith('locale: de');
    expect(german.content!.site.severities.map((s) => s.label)).toEqual([
      'Kritisch',
      'Schwer',
      'Gering',
      'Information',
    ]);
  });

  test('components and severities may carry their words in the other languages, checked the same way', () => {
    const tree = baseTree();
    tree.site = {
      ...tree.site!,
      text: `${tree.site!.text}locales: [en, de]\nseverities:\n  - id: P2\n    label: Major\n    translations:\n      de: {label: Schwer}\n`,
    };
    tree.components = {
      ...tree.components!,
      text: tree.components!.text.replace(
        /^(\s+name: .*)$/m,
        '$1\n  translations:\n    de: {name: Schnittstelle}\n    fr: {name: Interface}',
      ),
    };
    const result = validate(tree);
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /components\.yaml:\d+ {2}\[0\]\.translations\.fr {2}is not one of the site's other languages \(de\)/,
      ),
    ]);
  });

  test('a translation into a language the site is not built in is an error on its line', () => {
    const tree = baseTree();
    const incident = tree.incidents[0]!;
    incident.text = incident.text.replace(
      /^title: (.*)$/m,
      'title: $1\ntranslations:\n  fr:\n    title: Erreurs',
    );
    tree.site = { ...tree.site!, text: `${tree.site!.text}locales: [en, de]\n` };
    const result = validate(tree);
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /2026-11-20-api-errors\.md:\d+ {2}translations\.fr {2}is not one of the site's other languages \(de\); add it to locales in site\.yaml, or fix the tag/,
      ),
    ]);
  });
});
