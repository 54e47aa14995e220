import { describe, expect, inject, test } from 'vitest';
import { listFiles, readPage, text } from '../helpers/build.ts';

// test/fixtures/site at its clock (2026-11-23 01:10 UTC): "Elevated API error rates" started on
// Nov 22 and is still open (identified); the other incidents of the last seven days are resolved.

describe('the home page shows an open incident once', () => {
  const home = () => readPage(inject('siteDist'), '/');
  const section = (id: string) => home().querySelector(`section[aria-labelledby="${id}"]`);

  test('as an active incident card, and not again among the past incidents', () => {
    expect(text(section('active-incidents'))).toContain('Elevated API error rates');
    expect(text(section('recent'))).not.toContain('Elevated API error rates');
  });

  test('the day it started says it is shown above, not that nothing happened', () => {
    const day = [...section('recent')!.querySelectorAll('.day')].find(
      (d) => d.querySelector('time')?.getAttribute('datetime') === '2026-11-22',
    );
    expect(text(day)).toBe('Nov 22, 2026 Still open: see Active incidents above.');
  });

  test('resolved incidents of the last days are still listed', () => {
    expect(text(section('recent'))).toContain('Standard payouts delayed by one business day');
  });

  test('the card says its status once: the latest update is labelled by its time', () => {
    const card = home().querySelector('.incident-card')!;
    expect(text(card.querySelector('.latest strong'))).toBe('00:41 UTC:');
    expect(text(card).match(/Identified/g)).toHaveLength(1);
  });
});

describe('tables that stack on a phone', () => {
  test('every cell but the one naming its row carries its column’s name, on every page', () => {
    const dist = inject('siteDist');
    let tables = 0;
    for (const page of listFiles(dist).filter((f) => f.endsWith('.html'))) {
      for (const table of readPage(dist, `/${page}`).querySelectorAll('table.stack, table.grid')) {
        tables++;
        const headers = [...table.querySelectorAll('thead th')].map((th) => text(th));
        for (const row of table.querySelectorAll('tbody tr')) {
          const labels = [...row.children].map((cell) => cell.getAttribute('data-label'));
          // A pivot table's header names its row header's column too; the row header needs no label.
          expect(labels, `${page}: ${text(row).slice(0, 40)}`).toEqual([null, ...headers.slice(1)]);
        }
      }
    }
    // Incidents, postmortems, follow-ups, reports, components.
    expect(tables).toBeGreaterThan(80);
  });

  test('no page keeps a box that scrolls sideways for a table or a drawing', () => {
    const dist = inject('siteDist');
    for (const page of ['incidents/2026-06-24-payments-api-outage/', 'reports/', 'reports/2026-10/'])
      expect(readPage(dist, `/${page}`).querySelector('.table-scroll'), page).toBeNull();
  });
});

describe('drawings for a phone', () => {
  test('a postmortem draws its diagrams twice: laid out wide, and standing up for a narrow screen', () => {
    const page = readPage(inject('siteDist'), '/postmortems/2026-10-14-checkout-payments-failing/');
    const widths = (selector: string) =>
      [...page.querySelectorAll(selector)].map((svg) => [
        svg.getAttribute('class')?.match(/drawing-(wide|narrow)/)?.[1],
        Number(svg.getAttribute('width')),
      ]);
    for (const kind of ['svg.fishbone', 'svg.diagram:not(.fishbone)']) {
      const [wide, narrow] = widths(kind);
      expect(wide?.[0]).toBe('wide');
      expect(narrow).toEqual(['narrow', 288]);
    }
  });

  test('the reports chart for a phone shows the last six months', () => {
    const page = readPage(inject('siteDist'), '/reports/');
    const months = (variant: string) =>
      [...page.querySelectorAll(`svg.drawing-${variant} text[text-anchor="middle"]:not(.count)`)].map((t) =>
        text(t),
      );
    // The fixture's history begins in March 2026: nine months so far.
    expect(months('wide')).toHaveLength(9);
    expect(months('narrow')).toEqual(months('wide').slice(-6));
  });
});
