import { describe, expect, test } from 'vitest';
import { investigatingMessage, maintenanceMessage } from '../../src/domain/default-messages.ts';
import { loadCatalogues, localeOf } from '../../src/loader/catalogues.ts';

const catalogues = loadCatalogues([], ['en', 'de'], []);
const en = localeOf(catalogues, 'en', 'UTC')!;
const de = localeOf(catalogues, 'de', 'UTC')!;

describe('standard update wording', () => {
  test('names the affected components as a sentence does: "A and B are affected"', () => {
    const message = investigatingMessage(en, {
      title: 'Elevated errors',
      affected: ['Compute instances', 'Management API'],
      nextUpdate: '14:30 UTC',
    });
    expect(message).toContain('Compute instances and Management API are affected.');
    expect(
      investigatingMessage(en, { title: 'x', affected: ['A', 'B', 'C'], nextUpdate: '14:30 UTC' }),
    ).toContain('A, B, and C are affected.');
    expect(
      investigatingMessage(en, { title: 'x', affected: ['Webhooks'], nextUpdate: '14:30 UTC' }),
    ).toContain('Webhooks is affected.');
  });

  test('maintenance lists its components the same way', () => {
    expect(
      maintenanceMessage(en, { start: '02:00 UTC', end: '04:00 UTC', affected: ['Payouts', 'Dashboard'] }),
    ).toContain('maintenance on Payouts and Dashboard from');
  });

  test("is written in the site's language: a German site's acknowledgement is German", () => {
    expect(
      investigatingMessage(de, { title: 'Fehler', affected: ['API', 'Webhooks'], nextUpdate: '14:30 MEZ' }),
    ).toBe(
      'Wir untersuchen: Fehler. API und Webhooks sind betroffen. Wir entschuldigen uns für die Störung und melden uns bis 14:30 MEZ mit einer Aktualisierung.',
    );
  });
});
