import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { frontMatterOf, runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { writeFileSync, mkdirSync } from 'node:fs';

const EXAMPLE = 'test/fixtures/import/cstate-example';
const NOW = { STATUSMARK_NOW: '2026-12-01T00:00:00Z' };

describe("statusmark import cstate on cState's own example site", () => {
  test('keeps every one of its eleven issues, and reports only what it could not carry exactly', async () => {
    const content = join(tempDir('cstate-example'), 'content');
    mkdirSync(content, { recursive: true });
    writeFileSync(
      join(content, 'site.yaml'),
      'name: Example\nurl: https://status.example.com\ndescription: Example.\n',
    );
    const result = await runCli(['import', 'cstate', EXAMPLE, '--content', content], NOW);
    expect(result.code, result.all).toBe(0);
    const issues = readdirSync(join(EXAMPLE, 'content/issues')).filter((f) => f.endsWith('.md'));
    const written = [
      ...readdirSync(join(content, 'incidents')),
      ...readdirSync(join(content, 'maintenance')),
    ];
    expect(issues).toHaveLength(11);
    expect(written).toHaveLength(11);
    expect(result.out).not.toContain('skipped');
    const notes = result.out.split('Not carried over exactly:')[1]!.trim().split('\n');
    expect(notes).toEqual([
      expect.stringContaining('2024-02-24-maintenance-window.md: reads as maintenance'),
      expect.stringContaining(
        "2024-07-23-excitement.md: an update dated 2024-02-24T10:35:00Z is before the issue's date",
      ),
      expect.stringContaining(
        "2024-07-23-excitement.md: an update dated 2024-02-24T10:35:00Z is before the issue's date",
      ),
    ]);
    expect((await runCli(['check', '--content', content], NOW)).code).toBe(0);
  });

  test('an informational issue is a notice, and "Fixed" a post that keeps the status, in its own words', async () => {
    const content = join(tempDir('cstate-example'), 'content');
    mkdirSync(content, { recursive: true });
    writeFileSync(
      join(content, 'site.yaml'),
      'name: Example\nurl: https://status.example.com\ndescription: Example.\n',
    );
    await runCli(['import', 'cstate', EXAMPLE, '--content', content], NOW);
    const excitement = frontMatterOf(join(content, 'incidents', '2024-07-23-exciting-downtime.md'));
    expect(excitement.updates).toContainEqual({
      at: '2024-07-23T10:35:00Z',
      message: '*Fixed* - We have fixed the issue. The servers were super excited to be back up and running.',
    });
    // The impact runs from the issue's date to its resolvedWhen, as cState says.
    expect(excitement).toMatchObject({ started: '2024-07-23T10:35:00Z', mitigated: '2024-07-23T10:38:00Z' });
    const notices = readdirSync(join(content, 'incidents'))
      .map((f) => frontMatterOf(join(content, 'incidents', f)))
      .filter((fm) => Array.isArray(fm.components) && fm.components.length === 0);
    expect(notices.length).toBeGreaterThan(0);
  });
});
