import { describe, expect, inject, test } from 'vitest';
import { readPage, text } from '../helpers/build.ts';
import { runCli } from '../helpers/cli.ts';

describe('statusmark status beside the built site', () => {
  // The shared fixture build uses the demo clock of site.yaml; so does status without STATUSMARK_NOW.
  test('says what the built home page says at the same clock', async () => {
    const result = await runCli(['status', '--content', 'test/fixtures/site'], { STATUSMARK_NOW: '' });
    expect(result.code, result.all).toBe(0);
    const home = readPage(inject('siteDist'), '/');
    const lines = result.out.split('\n');
    expect(lines[0]).toBe('Kestrel status at Nov 23, 2026, 01:10 UTC (the demo clock of site.yaml)');
    expect(lines[1]).toBe(text(home.querySelector('#page-status')));
    const open = [...home.querySelectorAll('.incident-card h3')].map(text);
    expect(open.length).toBeGreaterThan(0);
    for (const title of open) expect(result.out).toContain(`\n  ${title}\n`);
    for (const link of home.querySelectorAll('.maintenance-list a')) expect(result.out).toContain(text(link));
    expect(result.out).toContain('https://status.kestrel.example/incidents/2026-11-22-elevated-api-errors/');
    expect(result.out).toContain('Next update promised by 01:30 UTC');
  });
});
