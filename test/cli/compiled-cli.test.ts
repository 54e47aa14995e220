import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { tempDir } from '../helpers/temp.ts';
import { FIXTURES, FIXTURE_NOW } from '../helpers/tree.ts';

// The command line as the package ships it (npm run build:cli), laid out like an installed package:
// dist-cli/ beside locales/ and templates/. A person types these commands during an outage, so each
// loads only what it needs and reads only the site's own language.
let pkg: string;

/** The files of the package a command loaded, by a module hook, and how it ended. */
function runCompiled(
  args: string[],
  now = FIXTURE_NOW,
): { code: number | null; out: string; loaded: string[] } {
  const hook = `data:text/javascript,${encodeURIComponent(
    `import { registerHooks } from 'node:module'; import { writeSync } from 'node:fs';
     const seen = new Set();
     registerHooks({ load(url, context, next) { seen.add(url); return next(url, context); } });
     process.on('exit', () => writeSync(2, '\\nLOADED ' + JSON.stringify([...seen]) + '\\n'));`,
  )}`;
  const result = spawnSync(process.execPath, ['--import', hook, join(pkg, 'bin/statusmark.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, STATUSMARK_NOW: now },
  });
  const marker = result.stderr.lastIndexOf('\nLOADED ');
  const loaded = JSON.parse(result.stderr.slice(marker + 8).trim()) as string[];
  return {
    code: result.status,
    out: `${result.stdout}${result.stderr.slice(0, marker)}`,
    loaded: loaded.filter((url) => url.startsWith('file:')).map((url) => url.slice(`file://${pkg}/`.length)),
  };
}

beforeAll(() => {
  pkg = tempDir('compiled-cli');
  const build = spawnSync(process.execPath, ['scripts/build-cli.mjs', join(pkg, 'dist-cli')], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build:cli failed:\n${build.stderr}`);
  for (const folder of ['bin', 'locales', 'templates'])
    cpSync(folder, join(pkg, folder), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), readFileSync('package.json'));
  symlinkSync(resolve('node_modules'), join(pkg, 'node_modules'));
}, 120_000);

describe('the compiled command line', () => {
  test('--help loads the command list alone, no command', () => {
    const result = runCompiled(['--help']);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain('statusmark new incident');
    // The program, its command list and the bundler's few shared helpers; no command's code.
    expect(result.loaded.slice(0, 2)).toEqual(['bin/statusmark.mjs', 'dist-cli/cli/main.js']);
    expect(result.loaded.length).toBeLessThanOrEqual(3);
    expect(
      result.loaded.filter((file) => /\/(check|status|update|resolve|new-incident)-/.test(file)),
    ).toEqual([]);
  });

  test('status loads its own few files, no dependency one by one, and reads only the site’s language', () => {
    // A shipped catalogue that cannot be read at all: an English site never opens it.
    const french = join(pkg, 'locales/fr.yaml');
    rmSync(french);
    mkdirSync(french);
    try {
      const result = runCompiled(['status', '--content', join(FIXTURES, 'base')]);
      expect(result.code, result.out).toBe(0);
      expect(result.out).toContain('status at');
      expect(result.loaded.filter((file) => file.startsWith('dist-cli/')).length).toBeLessThan(20);
      // Dependencies come bundled, English month names too: nothing is looked up in node_modules.
      expect(result.loaded.filter((file) => file.includes('node_modules/'))).toEqual([]);
    } finally {
      rmSync(french, { recursive: true });
      cpSync('locales/fr.yaml', french);
    }
  });

  test('status loads well under a megabyte of code: no part of a library it does not use', () => {
    const result = runCompiled(['status', '--content', join(FIXTURES, 'base')]);
    expect(result.code, result.out).toBe(0);
    const code = result.loaded.filter((file) => file.startsWith('dist-cli/'));
    // Zod without its 60 languages; neither the line-aware YAML parser nor the Temporal polyfill.
    expect(code.filter((file) => file.endsWith('.cjs'))).toEqual([]);
    const bytes = code.reduce((sum, file) => sum + statSync(join(pkg, file)).size, 0);
    expect(bytes).toBeLessThan(1_000_000);
  });

  test('a problem’s line, an edit and recurring maintenance load their library when needed', () => {
    const content = join(tempDir('compiled-cli-edit'), 'content');
    cpSync(join(FIXTURES, 'base'), content, { recursive: true });
    const incident = join(content, 'incidents/2026-11-20-api-errors.md');
    // An update after resolution: the file still reads as meant, with a new update at its end.
    const update = runCompiled([
      'update',
      '2026-11-20-api-errors',
      '--content',
      content,
      '--status',
      'update',
      '--message',
      'A note.',
    ]);
    expect(update.code, update.out).toBe(0);
    expect(readFileSync(incident, 'utf8')).toContain('    message: A note.\n---');
    expect(update.loaded).toContain('dist-cli/cli/yaml.cjs');
    writeFileSync(incident, readFileSync(incident, 'utf8').replace('severity: P2', 'severity: P9'));
    const check = runCompiled(['check', '--content', content]);
    expect(check.code).toBe(1);
    expect(check.out).toContain('2026-11-20-api-errors.md:3  severity  "P9" is not a severity in site.yaml');
    // The demo site has a weekly window.
    const status = runCompiled(['status', '--content', 'content'], '2026-11-23T02:00:00Z');
    expect(status.out).toMatch(/Scheduled: Weekly developer docs search reindex/);
    expect(status.loaded).toContain('dist-cli/cli/rrule-temporal.cjs');
  });
});
