import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { listFiles } from '../helpers/build.ts';

// test/fixtures/site/incidents/2026-11-22-payouts-api-timeouts-draft.md is a draft proposed from an
// alert (draft: true), open at the fixture's clock with a major outage of Payouts. Until a person
// publishes it, no output of the shared build may show it: not a page, feed, calendar, API document or
// badge, and it changes no component's status.

describe('a draft incident', () => {
  test('leaves no trace in any file of a build', () => {
    const dist = inject('siteDist');
    const files = listFiles(dist).filter((f) => /\.(html|json|xml|ics|svg|txt|js)$/.test(f));
    expect(files.length).toBeGreaterThan(50);
    const leaks = files.filter((file) => {
      const text = readFileSync(join(dist, file), 'utf8');
      return /payouts-api-timeouts-draft|PAYOUTS-DRAFT-MARKER|Payouts API timeouts/.test(text);
    });
    expect(leaks).toEqual([]);
  });

  test('changes no status: Payouts is not in an outage', () => {
    const dist = inject('siteDist');
    const { components } = JSON.parse(readFileSync(join(dist, 'api', 'v2', 'components.json'), 'utf8')) as {
      components: { name: string; status: string }[];
    };
    expect(components.find((c) => c.name === 'Payouts')?.status).not.toBe('major_outage');
  });
});
