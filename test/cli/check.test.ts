import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { FIXTURES, FIXTURE_NOW } from '../helpers/tree.ts';
import { tempDir } from '../helpers/temp.ts';

const check = (args: string[], env: Record<string, string> = {}) =>
  runCli(['check', ...args], { STATUSMARK_NOW: FIXTURE_NOW, ...env });

/** A copy of the base fixture with every invalid incident added. */
function brokenTree(): string {
  const dir = tempDir('check');
  cpSync(join(FIXTURES, 'base'), dir, { recursive: true });
  cpSync(join(FIXTURES, 'invalid', 'incidents'), join(dir, 'incidents'), { recursive: true });
  return dir;
}

// The same command as a process of its own, and its exit status: test/cli/entry-point.test.ts.
describe('npm run check', () => {
  test('passes on the demo content with its demo clock', async () => {
    const result = await check([], { STATUSMARK_NOW: '' });
    expect(result.out).toContain('✓ Content is valid: 42 incidents');
    expect(result.code).toBe(0);
  });

  test('counts its files in English digits without making a number formatter (the first costs 20 ms)', async () => {
    const formatters = vi.spyOn(Intl, 'NumberFormat');
    try {
      const result = await check(['--content', join(FIXTURES, 'base')]);
      expect(result.out).toContain(
        '✓ Content is valid: 1 incident, 0 maintenance windows, 0 postmortems, 2 components.',
      );
      expect(formatters).not.toHaveBeenCalled();
    } finally {
      formatters.mockRestore();
    }
  });

  test("counts in its summary take the catalogue's plural forms: 1 incident, 0 maintenance windows", async () => {
    const site = join(tempDir('check-plurals'), 'site');
    const init = await runCli([
      'init',
      site,
      '--yes',
      '--name',
      'Acme',
      '--url',
      'https://status.acme.example',
    ]);
    expect(init.code, init.all).toBe(0);
    const content = join(site, 'content');
    const opened = await runCli([
      'new',
      'incident',
      'Slow pages',
      '--severity',
      'P3',
      '--component',
      'website',
      '--content',
      content,
    ]);
    expect(opened.code, opened.all).toBe(0);
    const valid = await runCli(['check', '--content', content]);
    expect(valid.out).toContain(
      '✓ Content is valid: 1 incident, 0 maintenance windows, 0 postmortems, 1 component, 3 incident templates.',
    );
    writeFileSync(join(content, 'incidents', 'broken.md'), '---\ntitle: Broken\n---\n');
    const invalid = await runCli(['check', '--content', content]);
    expect(invalid.out.trim().split('\n').at(-1)).toMatch(/^✗ \d+ errors?, 0 warnings\. Nothing was built/);
    expect(invalid.out).not.toContain('(s)');
  });

  test('lists every problem of every file, then fails', async () => {
    const dir = brokenTree();
    const result = await check(['--content', dir]);
    expect(result.code).toBe(1);
    const lines = result.out.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^✗ \d+ errors, 0 warnings\. Nothing was built/);
    expect(lines).toContainEqual(
      `${dir}/incidents/updates-out-of-order.md:12  updates[1].at  must be later than updates[0].at (2026-11-21T14:40:00Z); list updates oldest first`,
    );
    expect(result.out).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
  });

  test('--format github prints workflow annotations on the right lines', async () => {
    const result = await check(['--content', brokenTree(), '--format', 'github']);
    expect(result.out).toMatch(
      /^::error file=.*\/incidents\/status-typo\.md,line=10,title=updates\[0\]\.status::/m,
    );
  });

  test('--format github keeps a hostile file name or key inside its annotation', async () => {
    // A pull request names a file and a key so that, printed raw, they would start lines of their
    // own: a fake "Approved" annotation, and an end to all workflow commands.
    const dir = tempDir('check');
    cpSync(join(FIXTURES, 'base'), dir, { recursive: true });
    const incident = readFileSync(join(dir, 'incidents/2026-11-20-api-errors.md'), 'utf8');
    writeFileSync(
      join(dir, 'incidents/x,line=1\n::stop-commands::pwned.md'),
      incident.replace('title: API errors', 'title: API errors\n"a\\n::warning title=Approved::LGTM": 1'),
    );
    const result = await check(['--content', dir, '--format', 'github']);
    const lines = result.out.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('::'))).toEqual([
      expect.stringMatching(/^::error file=[^:,\n]*x%2Cline=1%0A%3A%3Astop-commands%3A%3Apwned\.md(,|::)/),
      expect.stringMatching(/title=a%0A%3A%3Awarning title=Approved%3A%3ALGTM::a%0A::warning/),
    ]);
    expect(lines).toHaveLength(3);
  });

  test('the plain report keeps a hostile file name or key on its own line, since CI logs read "::" lines too', async () => {
    const dir = tempDir('check');
    cpSync(join(FIXTURES, 'base'), dir, { recursive: true });
    const incident = readFileSync(join(dir, 'incidents/2026-11-20-api-errors.md'), 'utf8');
    writeFileSync(
      join(dir, 'incidents/x\n::stop-commands::pwned.md'),
      incident.replace('title: API errors', 'title: API errors\n"a\\n::warning title=Approved::LGTM": 1'),
    );
    const result = await check(['--content', dir]);
    expect(result.code).toBe(1);
    expect(result.out.split('\n').filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
    expect(result.out).toContain('incidents/x\\n::stop-commands::pwned.md');
    expect(result.out).toContain('a\\n::warning title=Approved::LGTM');
  });

  test('--format json is machine-readable', async () => {
    const result = await check(['--content', brokenTree(), '--format', 'json']);
    const report = JSON.parse(result.out) as {
      errors: number;
      problems: { file: string; path: string }[];
    };
    expect(report.errors).toBe(report.problems.length);
    expect(
      report.problems.some((p) => p.file.endsWith('impact-typo.md') && p.path === 'components[0].impact'),
    ).toBe(true);
  });

  test('an invalid STATUSMARK_NOW is a clear error', async () => {
    const result = await check([], { STATUSMARK_NOW: 'tomorrow' });
    expect(result.code).toBe(1);
    expect(result.out).toContain('STATUSMARK_NOW="tomorrow" is not an ISO time with a zone');
  });

  test('--help explains the command', async () => {
    expect((await runCli(['--help'])).out).toContain('statusmark check');
  });
});
