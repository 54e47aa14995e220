import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseYaml } from '../../src/loader/front-matter.ts';
import { run } from '../../src/cli/run.ts';
import { keepYamlFor, saveKeptYaml } from '../../src/cli/yaml-cache.ts';
import { FIXTURES, FIXTURE_NOW } from '../helpers/tree.ts';
import { tempDir } from '../helpers/temp.ts';

/** `statusmark check` as the installed command line runs it: with a folder to keep parsed YAML in. */
async function check(content: string, cacheDir: string): Promise<string> {
  let out = '';
  const write = (text: string) => void (out += text);
  await run(
    ['check', '--content', content],
    { STATUSMARK_NOW: FIXTURE_NOW },
    { stdout: write, stderr: write, cacheDir },
  );
  return out;
}

describe('parsed YAML kept between runs of the command line', () => {
  test('a run keeps what it parsed for the next one, and a file edited since is read again', async () => {
    const content = join(tempDir('yaml-cache'), 'content');
    const cacheDir = join(tempDir('yaml-cache-dir'), 'statusmark');
    cpSync(join(FIXTURES, 'base'), content, { recursive: true });
    expect(await check(content, cacheDir)).toContain('✓ Content is valid: 1 incident');
    const [file] = readdirSync(cacheDir);
    const kept = JSON.parse(readFileSync(join(cacheDir, file!), 'utf8')) as [string, string][];
    expect(
      kept.map(([, data]) => JSON.parse(data) as { title?: string }).some((d) => d.title === 'API errors'),
    ).toBe(true);

    const incident = join(content, 'incidents/2026-11-20-api-errors.md');
    writeFileSync(incident, readFileSync(incident, 'utf8').replace('severity: P2', 'severity: P9'));
    expect(await check(content, cacheDir)).toContain(
      '2026-11-20-api-errors.md:3  severity  "P9" is not a severity',
    );
  });

  test('a value JSON cannot hold exactly is parsed again each time, not kept changed', () => {
    const cacheDir = tempDir('yaml-cache-values');
    for (let runs = 0; runs < 2; runs++) {
      keepYamlFor({ cacheDir, atEnd: () => undefined }, 'content');
      expect(parseYaml('share: .inf\nat: -0.0\n').data).toEqual({ share: Infinity, at: -0 });
      saveKeptYaml();
    }
  });

  test('a cache that cannot be read is not used', async () => {
    const content = join(FIXTURES, 'base');
    const cacheDir = tempDir('yaml-cache-broken');
    await check(content, cacheDir);
    const file = join(cacheDir, readdirSync(cacheDir)[0]!);
    const kept = JSON.parse(readFileSync(file, 'utf8')) as [string, string][];
    writeFileSync(file, JSON.stringify(kept.map(([text]) => [text, '{'])));
    expect(await check(content, cacheDir)).toContain('✓ Content is valid: 1 incident');
    writeFileSync(file, 'not JSON');
    expect(await check(content, cacheDir)).toContain('✓ Content is valid: 1 incident');
  });

  test('a cache that cannot be written leaves nothing behind in its folder', async () => {
    const content = join(FIXTURES, 'base');
    const cacheDir = tempDir('yaml-cache-unwritable');
    await check(content, cacheDir);
    const [name] = readdirSync(cacheDir);
    // Where the cache file goes, a folder: it can be neither read nor replaced.
    rmSync(join(cacheDir, name!));
    mkdirSync(join(cacheDir, name!));
    expect(await check(content, cacheDir)).toContain('✓ Content is valid: 1 incident');
    expect(readdirSync(cacheDir)).toEqual([name]);
  });
});
