import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { parseHTML } from 'linkedom';
import { describe, expect, inject, test } from 'vitest';
import { listFiles, readPage, text } from '../helpers/build.ts';
import { SHIPPED } from '../helpers/demo.ts';
import {
  dateLocaleFor,
  readCatalogue,
  shippedCatalogueFiles,
  tagOfFile,
} from '../../src/loader/catalogues.ts';
import { parseMarkdownFile, parseYaml } from '../../src/loader/front-matter.ts';
import { toPlainText } from '../../src/text/plain-text.ts';

// The demo (content/) built once with every language Statusmark ships (test/setup/demo-build.ts):
// English at the root, every other language under /<tag>/. A customer who reads German must not meet
// English on a page of the German site, except in what the company itself wrote.

const catalogues = new Map(
  shippedCatalogueFiles().map((file) => [tagOfFile(file.file), readCatalogue(file, [])!] as const),
);

const dist = inject('demoDist');
const ROOT_LANGUAGE = 'en';
/** A page of the demo in one language: `path` as on the English site. */
const pathIn = (tag: string, path: string) => (tag === ROOT_LANGUAGE ? path : `/${tag}${path}`);

/** Every HTML page of one language's site. */
function pagesIn(tag: string): string[] {
  const pages = listFiles(dist).filter((f) => f.endsWith('.html'));
  if (tag !== ROOT_LANGUAGE) return pages.filter((p) => p.startsWith(`${tag}/`));
  return pages.filter((p) => !SHIPPED.some((other) => p.startsWith(`${other}/`)));
}

/** The literal words of a message: its text outside placeholders, in every plural and select form. */
function literals(elements: MessageFormatElement[], into: string[] = []): string[] {
  for (const element of elements) {
    if (element.type === TYPE.literal) into.push(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) literals(option.value, into);
  }
  return into;
}

/** Phrases of a catalogue that would show on a page: each run of words between placeholders. */
function phrases(tag: string): string[] {
  const catalogue = catalogues.get(tag)!;
  const out = new Set<string>();
  for (const [key, message] of catalogue.messages) {
    if (key.startsWith('format.') || key === 'numbers.words' || key === 'duration.joiner') continue;
    for (const literal of literals(parse(message, { ignoreTag: true }))) {
      for (const part of literal.split(/[():;,.!?·—–→←"“”„«»]+/)) {
        const phrase = part.trim();
        if (/\p{L}{3}/u.test(phrase)) out.add(phrase);
      }
    }
  }
  return [...out];
}

/** Every text the demo's authors wrote (titles, messages, names), as it reads on a page. */
function contentTexts(): string[] {
  const texts = new Set<string>();
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      texts.add(value.trim());
      texts.add(toPlainText(value).trim());
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  for (const file of ['site.yaml', 'components.yaml'])
    visit(parseYaml(readFileSync(join('content', file), 'utf8')).data);
  for (const folder of ['incidents', 'maintenance', 'postmortems']) {
    for (const name of readdirSync(join('content', folder))) {
      const parsed = parseMarkdownFile(readFileSync(join('content', folder, name), 'utf8'));
      visit(parsed.data);
      visit(parsed.body);
    }
  }
  // Ids, times and short values ("up", "en", "P1") are not what a page shows as words.
  return [...texts]
    .filter((t) => t.length >= 4 && /\p{L}{2}/u.test(t) && !/^[a-z0-9_-]+$/.test(t) && !/^\d{4}-\d\d/.test(t))
    .sort((a, b) => b.length - a.length);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A page's words without the company's own: rendered Markdown and every content text removed. */
function interfaceText(html: string, content: string[]): string {
  // A space before every closing tag, so that list items and cells do not run into each other.
  const { document } = parseHTML(html.replace(/<\//g, ' </'));
  // Rendered Markdown is the company's own; <code> holds addresses and commands, not words; the
  // language switcher names each language in that language.
  for (const node of document.querySelectorAll('.prose, code, script, style, nav.languages')) node.remove();
  let words = (document.documentElement.textContent ?? '').replace(/\s+/g, ' ');
  for (const own of content) {
    const phrase = own.replace(/\s+/g, ' ');
    if (words.includes(phrase))
      words = words.replace(new RegExp(`(^|[^\\p{L}])${escape(phrase)}(?=$|[^\\p{L}])`, 'gu'), '$1 ¶ ');
  }
  return words;
}

describe('the demo in every shipped language', () => {
  test('ships at least English, German, French, Spanish, Brazilian Portuguese, Japanese, Simplified Chinese and Dutch', () => {
    expect(SHIPPED).toEqual(expect.arrayContaining(['en', 'de', 'fr', 'es', 'pt-BR', 'ja', 'zh-CN', 'nl']));
  });

  const content = contentTexts();
  const english = phrases('en');
  const englishDates = (() => {
    const en = dateLocaleFor('en');
    return Array.from({ length: 12 }, (_, m) => [
      String(en.localize.month(m as 0, { width: 'wide' })),
      String(en.localize.month(m as 0, { width: 'abbreviated' })),
    ]).flat();
  })();

  test.each(SHIPPED.filter((tag) => tag !== 'en'))(
    '%s: no page shows an English interface phrase, month name or <html lang="en">',
    (tag) => {
      const own = catalogues.get(tag)!;
      const ownText = [...own.messages.values()].join('\n');
      const ownDates = dateLocaleFor(tag);
      const ownMonths = Array.from({ length: 12 }, (_, m) => [
        String(ownDates.localize.month(m as 0, { width: 'wide' })),
        String(ownDates.localize.month(m as 0, { width: 'abbreviated' })),
      ]).flat();
      // A phrase this language shares with English ("Status", "Incident", "Maintenance") is its own.
      const foreign = [
        ...english.filter((p) => !ownText.includes(p)),
        ...englishDates.filter((m) => !ownMonths.includes(m)),
      ].map((p) => ({ p, re: new RegExp(`(^|[^\\p{L}])${escape(p)}($|[^\\p{L}])`, 'u') }));
      const pages = pagesIn(tag);
      expect(pages.length).toBeGreaterThan(50);
      const found: string[] = [];
      for (const page of pages) {
        const html = readFileSync(join(dist, page), 'utf8');
        expect(html, page).toContain(`<html lang="${tag}"`);
        const words = interfaceText(html, content);
        for (const { p, re } of foreign) if (re.test(words)) found.push(`${page}: "${p}"`);
      }
      expect(found).toEqual([]);
    },
  );

  test('the English pages pass the same scan against German (the scan can fail)', () => {
    const german = catalogues.get('de')!;
    const germanPhrases = phrases('de').filter(
      (p) => ![...catalogues.get('en')!.messages.values()].join('\n').includes(p),
    );
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const words = interfaceText(html, content);
    expect(germanPhrases.some((p) => words.includes(p))).toBe(false);
    // And an English build does show the English phrases the scan looks for in the others.
    const hits = english.filter((p) => words.includes(p));
    expect(hits).toEqual(expect.arrayContaining(['Active incidents', 'Past incidents', 'Skip to content']));
    expect(german.messages.get('home.active_incidents')).toBe('Aktuelle Vorfälle');
  });
});

// October 2026 in the demo: five listed incidents (one major, one partial, three degraded), the first
// on October 2 at 15:10 UTC, lasting 46 minutes.
const OCTOBER: Record<string, { title: string; heading: string; count: string }> = {
  en: {
    title: 'Kestrel availability report: October 2026',
    heading: 'October 2 15:10 UTC (lasting 46 minutes)',
    count: 'five incidents',
  },
  de: {
    title: 'Kestrel Verfügbarkeitsbericht: Oktober 2026',
    heading: '2. Oktober 15:10 UTC (Dauer: 46 Minuten)',
    count: 'fünf Vorfälle',
  },
  fr: {
    title: 'Rapport de disponibilité de Kestrel : octobre 2026',
    heading: '2 octobre, 15:10 UTC (durée : 46 minutes)',
    count: 'cinq incidents',
  },
  es: {
    title: 'Informe de disponibilidad de Kestrel: octubre de 2026',
    heading: '2 de octubre, 15:10 UTC (duración: 46 minutos)',
    count: 'cinco incidentes',
  },
  'pt-BR': {
    title: 'Relatório de disponibilidade do Kestrel: outubro de 2026',
    heading: '2 de outubro, 15:10 UTC (duração: 46 minutos)',
    count: 'cinco incidentes',
  },
  nl: {
    title: 'Beschikbaarheidsrapport van Kestrel: oktober 2026',
    heading: '2 oktober 15:10 UTC (duur: 46 minuten)',
    count: 'vijf storingen',
  },
  ja: {
    title: 'Kestrel 稼働率レポート：2026年10月',
    heading: '10月2日 15:10 UTC（継続時間 46分）',
    count: 'インシデントが 5 件',
  },
  'zh-CN': {
    title: 'Kestrel 可用率报告：2026年10月',
    heading: '10月2日 15:10 UTC（持续 46 分钟）',
    count: '五起事件',
  },
};

describe('the monthly report in each language', () => {
  test.each(Object.keys(OCTOBER))('%s: title, first heading and the count in words', (tag) => {
    const doc = readPage(dist, pathIn(tag, '/reports/2026-10/'));
    const expected = OCTOBER[tag]!;
    expect(text(doc.querySelector('h1'))).toBe(expected.title);
    expect(text(doc.querySelector('.report-incidents h2'))).toBe(expected.heading);
    expect(text(doc.querySelector('.opening'))).toContain(expected.count);
  });

  test('every shipped language has an expectation here', () => {
    expect(Object.keys(OCTOBER).sort()).toEqual([...SHIPPED].sort());
  });
});
