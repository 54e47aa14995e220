import { describe, expect, test, vi } from 'vitest';
import { loadCatalogues, localeOf, shippedCatalogueFiles, tagOfFile } from '../../src/loader/catalogues.ts';
import { incidentHeading } from '../../src/domain/report.ts';
import type { Locale } from '../../src/i18n/locale.ts';
import type { IncidentEntry } from '../../src/schemas/incident.ts';

const TAGS = shippedCatalogueFiles().map((f) => tagOfFile(f.file));
const set = loadCatalogues([], TAGS, []);
const locales = new Map(TAGS.map((tag) => [tag, localeOf(set, tag, 'UTC')!] as const));
const L = (tag: string): Locale => locales.get(tag)!;

const MINUTE = 60_000;
const started = Date.UTC(2026, 1, 12, 8, 0);
const incident = (lasting: number | undefined) =>
  ({ started, mitigated: lasting === undefined ? undefined : started + lasting }) as IncidentEntry;

describe('the monthly report’s heading (GitHub’s shape) in each language', () => {
  const headings: Record<string, [string, string]> = {
    en: [
      'February 12 08:00 UTC (lasting 1 hour and 7 minutes)',
      'February 12 08:00 UTC (lasting 2 days and 1 minute)',
    ],
    de: [
      '12. Februar 08:00 UTC (Dauer: 1 Stunde und 7 Minuten)',
      '12. Februar 08:00 UTC (Dauer: 2 Tage und 1 Minute)',
    ],
    fr: [
      '12 février, 08:00 UTC (durée : 1 heure et 7 minutes)',
      '12 février, 08:00 UTC (durée : 2 jours et 1 minute)',
    ],
    es: [
      '12 de febrero, 08:00 UTC (duración: 1 hora y 7 minutos)',
      '12 de febrero, 08:00 UTC (duración: 2 días y 1 minuto)',
    ],
    'pt-BR': [
      '12 de fevereiro, 08:00 UTC (duração: 1 hora e 7 minutos)',
      '12 de fevereiro, 08:00 UTC (duração: 2 dias e 1 minuto)',
    ],
    nl: [
      '12 februari 08:00 UTC (duur: 1 uur en 7 minuten)',
      '12 februari 08:00 UTC (duur: 2 dagen en 1 minuut)',
    ],
    ja: ['2月12日 08:00 UTC（継続時間 1時間7分）', '2月12日 08:00 UTC（継続時間 2日1分）'],
    'zh-CN': ['2月12日 08:00 UTC（持续 1 小时 7 分钟）', '2月12日 08:00 UTC（持续 2 天 1 分钟）'],
  };

  test('every shipped language is covered', () => {
    expect(Object.keys(headings).sort()).toEqual([...TAGS].sort());
  });

  test.each(Object.entries(headings))('%s', (tag, [hourAndMinutes, daysAndMinute]) => {
    const plain = (s: string) => s.replace(/\u00a0/g, ' ');
    expect(plain(incidentHeading(incident(67 * MINUTE), started, L(tag)))).toBe(hourAndMinutes);
    expect(plain(incidentHeading(incident((2 * 1440 + 1) * MINUTE), started, L(tag)))).toBe(daysAndMinute);
  });

  test('a number and its unit never break apart', () => {
    expect(L('de').duration(67 * MINUTE)).toBe('1\u00a0Stunde und 7\u00a0Minuten');
    expect(L('en').durationShort(67 * MINUTE)).toBe('1h\u00a07m');
    expect(L('fr').durationShort(67 * MINUTE)).toBe('1\u00a0h\u00a07\u00a0min');
  });
});

describe('counts follow each language’s plural rules and words', () => {
  const kinds = (tag: string, count: number) => L(tag).t('report.kind.major_outage', { count });

  test.each([
    ['en', 'one major outage', 'two major outages', '12 major outages'],
    ['de', 'einen schweren Ausfall', 'zwei schwere Ausfälle', '12 schwere Ausfälle'],
    ['fr', 'une panne majeure', 'deux pannes majeures', '12 pannes majeures'],
    ['es', 'una interrupción grave', 'dos interrupciones graves', '12 interrupciones graves'],
    ['pt-BR', 'uma interrupção grave', 'duas interrupções graves', '12 interrupções graves'],
    ['nl', 'één grote storing', 'twee grote storingen', '12 grote storingen'],
    ['ja', '大規模な障害 1 件', '大規模な障害 2 件', '大規模な障害 12 件'],
    ['zh-CN', '一次严重中断', '两次严重中断', '12次严重中断'],
  ])('%s: 1, 2 and 12', (tag, one, two, twelve) => {
    expect([kinds(tag, 1), kinds(tag, 2), kinds(tag, 12)]).toEqual([one, two, twelve]);
  });

  test('French counts a million with "de", as its "many" form says', () => {
    expect(L('fr').t('duration.minutes', { count: 1_000_000 })).toBe('1\u202f000\u202f000 de minutes');
  });

  test('lists join in the language’s own way', () => {
    expect(L('en').list(['API', 'Webhooks', 'Checkout'])).toBe('API, Webhooks, and Checkout');
    expect(L('de').list(['API', 'Webhooks'])).toBe('API und Webhooks');
    expect(L('ja').list(['API', 'Webhooks'])).toBe('API、Webhooks');
  });

  test('a list of one is that item, and none is empty, without making a list formatter (the first costs 15 ms)', () => {
    const formatters = vi.spyOn(Intl, 'ListFormat');
    try {
      const de = localeOf(set, 'de', 'UTC')!;
      expect([de.list(['API']), de.orList(['API']), de.list([])]).toEqual(['API', 'API', '']);
      expect(formatters).not.toHaveBeenCalled();
    } finally {
      formatters.mockRestore();
    }
  });

  test('percentages are floored, then written the language’s way', () => {
    expect(L('en').percent(0.999996)).toBe('99.99%');
    expect(L('de').percent(0.999996)).toBe('99,99\u00a0%');
    expect(L('fr').percent(0.5, 0)).toBe('50\u00a0%');
  });
});

describe('dates', () => {
  const at = Date.UTC(2026, 10, 20, 14, 30);
  test.each([
    ['en', 'Nov 20, 2026, 14:30 UTC'],
    ['de', '20. Nov. 2026, 14:30 UTC'],
    ['ja', '2026年11月20日 14:30 UTC'],
    ['es', '20 nov 2026, 14:30 UTC'],
  ])('%s', (tag, expected) => {
    expect(L(tag).dateTime(at)).toBe(expected);
  });

  test('in the site’s zone, with its abbreviation', () => {
    const berlin = localeOf(set, 'de', 'Europe/Berlin')!;
    expect(berlin.dateTime(at)).toBe('20. Nov. 2026, 15:30 MEZ');
  });
});
