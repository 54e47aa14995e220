import { cpSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  initFromTarball,
  installTarball,
  packPackage,
  run as runCommand,
} from '../../scripts/package-site.ts';
import { cleanEnv } from '../helpers/build.ts';
import { tempDir } from '../helpers/temp.ts';

// The package as a team gets it: packed, `statusmark init` from the packed files, the tarball
// installed into the new site, the site built. Slow (an npm install), so one pass shared by the tests.
const work = tempDir('pack');
const site = join(work, 'site');
let tarball = '';

const env = { ...cleanEnv(), ASTRO_TELEMETRY_DISABLED: '1', STATUSMARK_NOW: '2026-11-23T12:00:00Z' };
const run = (command: string, args: string[], options: { cwd?: string } = {}) =>
  runCommand(command, args, { env, ...options });

const astro = () =>
  run(process.execPath, [join(site, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: site });

beforeAll(() => {
  tarball = packPackage(work);
}, 120_000);

describe('the packed package', () => {
  test('holds no tests, benchmarks or demo content and is under 1 MB', () => {
    const list = run('tar', ['tzf', tarball]).output.split('\n').filter(Boolean);
    const top = new Set(list.map((path) => path.split('/')[1]));
    expect([...top].sort()).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'bin',
      'dist-cli',
      'docs',
      'locales',
      'package.json',
      'schemas',
      'src',
      'templates',
    ]);
    expect(
      list.filter((path) =>
        /\/(test|bench|content|\.github)\//.test(path.replace(/^package\/templates\/site\//, '')),
      ),
    ).toEqual([]);
    expect(list.filter((path) => path.startsWith('package/src/cli/'))).toEqual([]);
    expect(statSync(tarball).size).toBeLessThan(1024 * 1024);
  });

  test('statusmark init, install and build make a working site', () => {
    const init = initFromTarball(
      tarball,
      work,
      site,
      [
        '--yes',
        '--name',
        'Fixture Co',
        '--url',
        'https://status.fixture.example',
        '--components',
        'api:API,web:Website',
      ],
      env,
    );
    expect(init.status, init.output).toBe(0);
    expect(init.output).toContain('npm install');
    expect(readFileSync(join(site, 'astro.config.mjs'), 'utf8')).toContain('integrations: [statusmark()]');
    expect(existsSync(join(site, 'src'))).toBe(false);

    const install = installTarball(site, tarball);
    expect(install.status, install.output).toBe(0);

    cpSync('test/fixtures/base/incidents', join(site, 'content/incidents'), { recursive: true });
    const build = astro();
    expect(build.status, build.output).toBe(0);
    const dist = join(site, 'dist');
    const home = parseHTML(readFileSync(join(dist, 'index.html'), 'utf8')).document;
    expect(home.querySelector('title')?.textContent).toContain('Fixture Co');
    expect(home.querySelector('h1')?.textContent).toContain('All systems operational');
    const incident = parseHTML(
      readFileSync(join(dist, 'incidents/2026-11-20-api-errors/index.html'), 'utf8'),
    ).document;
    expect(incident.querySelector('h1')?.textContent).toContain('API errors');
    const summary = JSON.parse(readFileSync(join(dist, 'api/v2/summary.json'), 'utf8')) as {
      page: { name: string };
      components: { id: string }[];
    };
    expect(summary.page.name).toBe('Fixture Co');
    expect(summary.components.map((c) => c.id)).toEqual(expect.arrayContaining(['api', 'web']));
    expect(readFileSync(join(dist, 'feed.xml'), 'utf8')).toContain('<title>[Resolved] API errors</title>');

    // The command line works from the installed package, without a TypeScript runner.
    const check = run(process.execPath, [join(site, 'node_modules/statusmark/bin/statusmark.mjs'), 'check'], {
      cwd: site,
    });
    expect(check.status, check.output).toBe(0);
    expect(check.output).toContain('✓ Content is valid: 1 incident,');

    // A content mistake stops the build with the file:line report and no stack trace.
    const file = join(site, 'content/incidents/2026-11-20-api-errors.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('severity: P2', 'severity: P9'));
    const broken = astro();
    expect(broken.status).not.toBe(0);
    expect(broken.output).toMatch(
      /content\/incidents\/2026-11-20-api-errors\.md:\d+ {2}severity {2}"P9" is not a severity/,
    );
    expect(broken.output).not.toMatch(/Stack trace|\n\s+at .+:\d+:\d+/);
    writeFileSync(file, readFileSync(file, 'utf8').replace('severity: P9', 'severity: P2'));

    // The same site in German, with English beside it: the catalogues ship in the package, and the
    // packed command line reads them too.
    const siteYaml = join(site, 'content/site.yaml');
    writeFileSync(
      siteYaml,
      `${readFileSync(siteYaml, 'utf8').replace(/^locale: .*\n/m, '')}locale: de\nlocales: [de, en]\n`,
    );
    const germanCheck = run(
      process.execPath,
      [join(site, 'node_modules/statusmark/bin/statusmark.mjs'), 'check'],
      {
        cwd: site,
      },
    );
    expect(germanCheck.status, germanCheck.output).toBe(0);
    const german = astro();
    expect(german.status, german.output).toBe(0);
    const germanHome = parseHTML(readFileSync(join(dist, 'index.html'), 'utf8')).document;
    expect(germanHome.documentElement.getAttribute('lang')).toBe('de');
    expect(germanHome.querySelector('h1')?.textContent).toContain('Alle Systeme betriebsbereit');
    const englishHome = parseHTML(readFileSync(join(dist, 'en/index.html'), 'utf8')).document;
    expect(englishHome.querySelector('h1')?.textContent).toContain('All systems operational');
  }, 300_000);
});
