import { englishLocale } from '../../src/loader/catalogues.ts';
import { describe, expect, test } from 'vitest';
import { buildOverview, dayBarLabel, INCIDENTS_PER_DAY } from '../../src/views/overview.ts';
import { incident, siteContent } from '../helpers/entries.ts';

// Twelve short incidents on one day (2026-11-22): a busy day must not grow the home page.
const busy = Array.from({ length: 12 }, (_, i) =>
  incident(`busy-${String(i).padStart(2, '0')}`, {
    title: `Busy incident ${i}`,
    started: `2026-11-22T${String(i + 1).padStart(2, '0')}:00:00Z`,
    mitigated: `2026-11-22T${String(i + 1).padStart(2, '0')}:10:00Z`,
    resolved: `2026-11-22T${String(i + 1).padStart(2, '0')}:20:00Z`,
    components: [{ id: 'api', impact: 'partial_outage' }],
    updates: [
      {
        at: `2026-11-22T${String(i + 1).padStart(2, '0')}:05:00Z`,
        status: 'investigating',
        message: 'Looking.',
      },
      { at: `2026-11-22T${String(i + 1).padStart(2, '0')}:20:00Z`, status: 'resolved', message: 'Fixed.' },
    ],
  }),
);

describe('buildOverview on a busy day', () => {
  const overview = buildOverview(siteContent({ incidents: busy }), { barDays: 90, historyDays: 7 });

  test(`the recent days list names ${INCIDENTS_PER_DAY} incidents and counts the rest`, () => {
    const day = overview.recentDays.find((d) => d.day === '2026-11-22');
    expect(day?.incidents).toHaveLength(INCIDENTS_PER_DAY);
    expect(day?.more).toBe(12 - INCIDENTS_PER_DAY);
  });

  test("a busy day's bar says how many incidents instead of naming them", () => {
    const bar = overview.groups[0]?.rows
      .find((r) => r.component.id === 'api')
      ?.bars.find((b) => b.day === '2026-11-22');
    expect(bar?.incidentIds).toHaveLength(12);
    expect(dayBarLabel(bar!, overview.incidentTitles, englishLocale('UTC'))).toMatch(
      /^2026-11-22: Partial outage, .* weighted downtime — 12 incidents$/,
    );
    // Only a bar's only incident is named, so no title is carried for this busy day.
    expect(overview.incidentTitles.size).toBe(0);
  });

  test('a day with one incident names it', () => {
    const quiet = buildOverview(siteContent({ incidents: busy.slice(0, 1) }), {
      barDays: 90,
      historyDays: 7,
    });
    const bar = quiet.groups[0]?.rows
      .find((r) => r.component.id === 'api')
      ?.bars.find((b) => b.day === '2026-11-22');
    expect(dayBarLabel(bar!, quiet.incidentTitles, englishLocale('UTC'))).toMatch(/ — Busy incident 0$/);
  });
});
