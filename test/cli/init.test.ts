import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

let dir: string;
const cli = (...args: string[]) => runCli(args);

const FLAGS = ['--yes', '--name', 'Acme Cloud', '--url', 'https://status.acme.example'];

beforeEach(() => {
  dir = join(tempDir('init'), 'site');
});

describe('statusmark init', () => {
  test('writes a site that holds content and configuration, nothing of the generator', async () => {
    const result = await cli(
      'init',
      dir,
      ...FLAGS,
      '--components',
      'api:Public API,web:Web app',
      '--time-zone',
      'Europe/Berlin',
    );
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(`cd ${dir}\n  npm install\n  npm run dev`);
    expect(readdirSync(dir).sort()).toEqual([
      '.github',
      '.gitignore',
      '.vscode',
      'README.md',
      'astro.config.mjs',
      'content',
      'package.json',
      'scripts',
    ]);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['astro', 'statusmark']);
    expect(pkg.scripts.build).toBe('node scripts/astro.mjs build');
    expect(parse(readFileSync(join(dir, 'content/site.yaml'), 'utf8'))).toEqual({
      name: 'Acme Cloud',
      url: 'https://status.acme.example',
      description: 'Current status and incident history of Acme Cloud.',
      time_zone: 'Europe/Berlin',
      locale: 'en',
    });
    expect(parse(readFileSync(join(dir, 'content/components.yaml'), 'utf8'))).toEqual([
      { id: 'api', name: 'Public API', since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as string },
      { id: 'web', name: 'Web app', since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as string },
    ]);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('# Acme Cloud status page');
    // No demo incidents: the folders hold only their README, which is not content.
    expect(readdirSync(join(dir, 'content/incidents'))).toEqual(['README.md']);

    const check = await cli('check', '--content', join(dir, 'content'));
    expect(check.code, check.out).toBe(0);
    expect(check.out).toContain(
      '0 incidents, 0 maintenance windows, 0 postmortems, 2 components, 3 incident templates',
    );
    // Three incident templates ready for the first outage, usable with the site's own components.
    expect(readdirSync(join(dir, 'content/templates')).sort()).toEqual([
      'README.md',
      'database-degradation.md',
      'elevated-error-rates.md',
      'third-party-outage.md',
    ]);
    const opened = await cli(
      'new',
      'incident',
      '--template',
      'database-degradation',
      '--component',
      'web',
      '--content',
      join(dir, 'content'),
    );
    expect(opened.code, opened.all).toBe(0);
    const [incident] = readdirSync(join(dir, 'content/incidents')).filter((name) => name !== 'README.md');
    expect(incident).toMatch(/^\d{4}-\d{2}-\d{2}-slow-responses-from-web-app\.md$/);
    expect((await cli('check', '--content', join(dir, 'content'))).code).toBe(0);
  });

  test("the site's workflows are valid YAML whose npm steps name the site's own scripts", async () => {
    expect((await cli('init', dir, ...FLAGS)).code).toBe(0);
    const scripts = (
      JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    const folder = join(dir, '.github/workflows');
    // Every workflow of the template, the four that post and deploy among them.
    expect(readdirSync(folder).sort()).toEqual(readdirSync('templates/site/github/workflows').sort());
    expect(readdirSync(folder)).toEqual(
      expect.arrayContaining(['deploy.yml', 'post-status.yml', 'pull-request.yml', 'status-chatops.yml']),
    );
    for (const file of readdirSync(folder)) {
      const workflow = parse(readFileSync(join(folder, file), 'utf8')) as {
        jobs: Record<string, { steps?: { run?: string }[] }>;
      };
      const runs = Object.values(workflow.jobs).flatMap((job) =>
        (job.steps ?? []).flatMap((s) => (s.run ? [s.run] : [])),
      );
      for (const run of runs)
        for (const [, name] of run.matchAll(/npm run ([\w:-]+)/g))
          expect(scripts[name!], `${file}: ${name}`).toBeDefined();
    }
    const settings = JSON.parse(readFileSync(join(dir, '.vscode/settings.json'), 'utf8')) as {
      'yaml.schemas': Record<string, string>;
    };
    // The editor schemas the settings point at are shipped in the package, under schemas/.
    for (const schema of Object.keys(settings['yaml.schemas']))
      expect(existsSync(schema.replace('./node_modules/statusmark/', '')), schema).toBe(true);
  });

  test('refuses a folder that is not empty, and writes nothing', async () => {
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const result = await cli('init', dir, ...FLAGS);
    expect(result.code).toBe(1);
    expect(result.err).toContain('is not empty; choose a new folder, or add --force');
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  test('with --force adds what is missing and never overwrites a file', async () => {
    mkdirSync(dir);
    writeFileSync(join(dir, 'README.md'), 'Our own readme.\n');
    const result = await cli('init', dir, ...FLAGS, '--force');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('Kept your own README.md');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('Our own readme.\n');
    expect(existsSync(join(dir, 'content/site.yaml'))).toBe(true);
  });

  test("with --force in an existing site, the new issue form names the site's own components", async () => {
    mkdirSync(join(dir, 'content'), { recursive: true });
    writeFileSync(
      join(dir, 'content/components.yaml'),
      '- id: checkout\n  name: Checkout\n- id: search\n  name: Search\n',
    );
    const result = await cli('init', dir, ...FLAGS, '--force');
    expect(result.code, result.err).toBe(0);
    expect(readFileSync(join(dir, 'content/components.yaml'), 'utf8')).toContain('id: checkout');
    expect(readFileSync(join(dir, '.github/ISSUE_TEMPLATE/incident.yml'), 'utf8')).toContain(
      'This site has: checkout, search.',
    );
  });

  test('an answer the content rules refuse is reported with the field, and nothing is written', async () => {
    const result = await cli('init', dir, '--yes', '--name', 'Acme', '--url', 'status.acme.example');
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'Nothing was written; fix these answers and run init again:\n  --url: must be an absolute URL such as "https://status.example.com"',
    );
    expect(existsSync(dir)).toBe(false);
  });

  test("--locale writes the pages' language; a language without a catalogue names --locale", async () => {
    const french = await cli('init', dir, ...FLAGS, '--locale', 'fr');
    expect(french.code, french.err).toBe(0);
    expect(parse(readFileSync(join(dir, 'content/site.yaml'), 'utf8'))).toMatchObject({ locale: 'fr' });
    const check = await cli('check', '--content', join(dir, 'content'));
    expect(check.code, check.out).toBe(0);

    const other = `${dir}-xx`;
    const unknown = await cli('init', other, ...FLAGS, '--locale', 'tlh');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain(
      '--locale: "tlh" has no message catalogue; use one of de, en, es, fr, ja, nl, pt-BR, zh-CN',
    );
    expect(existsSync(other)).toBe(false);
  });

  test.each([
    [['--components', 'API'], '--components: "API" is not id:Name'],
    [['--components', 'api:'], '--components: "api:" is not id:Name'],
  ])('a malformed %j is a usage error', async (extra, message) => {
    const result = await cli('init', dir, ...FLAGS, ...extra);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(existsSync(dir)).toBe(false);
  });

  test('without a terminal, a missing name is a usage error', async () => {
    const result = await cli('init', dir, '--url', 'https://status.acme.example');
    expect(result.code).toBe(2);
    expect(result.err).toContain('missing --name');
  });

  test("the site's own npm scripts run Astro with its telemetry off, without a shell's VAR=1 (Windows has none)", async () => {
    expect((await cli('init', dir, ...FLAGS)).code).toBe(0);
    const scripts = (
      JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    // An Astro that says how it was started, in place of the real one.
    const astro = join(dir, 'node_modules/astro');
    mkdirSync(join(astro, 'bin'), { recursive: true });
    writeFileSync(join(astro, 'package.json'), '{"name":"astro","type":"module"}');
    writeFileSync(
      join(astro, 'bin/astro.mjs'),
      'console.log(JSON.stringify({ telemetry: process.env.ASTRO_TELEMETRY_DISABLED, args: process.argv.slice(2) }));',
    );
    const env = { ...process.env };
    delete env.ASTRO_TELEMETRY_DISABLED;
    for (const name of ['dev', 'build', 'preview']) {
      const [program, ...args] = scripts[name]!.split(' ');
      expect(program, scripts[name]).toBe('node');
      const started = spawnSync(process.execPath, args, { cwd: dir, env, encoding: 'utf8' });
      expect(started.status, started.stderr).toBe(0);
      expect(JSON.parse(started.stdout)).toEqual({ telemetry: '1', args: [name] });
    }
  });

  test('upgrading an existing site (init . --force) takes its answers from site.yaml and says what it added', async () => {
    expect((await cli('init', dir, ...FLAGS)).code).toBe(0);
    // A site made by an older version: no post-status workflow, one template fewer, its own deploy.
    rmSync(join(dir, '.github/workflows/post-status.yml'));
    rmSync(join(dir, 'content/templates/third-party-outage.md'));
    rmSync(join(dir, 'README.md'));
    const deploy = join(dir, '.github/workflows/deploy.yml');
    writeFileSync(deploy, `${readFileSync(deploy, 'utf8')}# ours\n`);
    const upgraded = await cli('init', dir, '--force');
    expect(upgraded.code, upgraded.all).toBe(0);
    expect(upgraded.out).toContain(
      [
        `Added 3 files to the status site of Acme Cloud in ${dir}:`,
        '  .github/workflows/post-status.yml',
        '  README.md',
        '  content/templates/third-party-outage.md',
      ].join('\n'),
    );
    expect(upgraded.out).toMatch(
      /Left as they are \(they exist and differ[^\n]*\n {2}\.github\/workflows\/deploy\.yml$/m,
    );
    expect(upgraded.out).not.toContain('package.json');
    expect(readFileSync(deploy, 'utf8')).toMatch(/# ours\n$/);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('# Acme Cloud status page');
    expect((await cli('check', '--content', join(dir, 'content'))).code).toBe(0);

    const again = await cli('init', dir, '--force');
    expect(again.out).toContain(`Nothing to add to the status site of Acme Cloud in ${dir}`);
    // Without --force, an existing site is named as one.
    const refused = await cli('init', dir);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('holds a status site already; add --force');
  });

  test('an upgrade leaves out a template that would not pass check in the site, and adds the rest', async () => {
    expect((await cli('init', dir, ...FLAGS)).code).toBe(0);
    // The team's own severities: no P3, which third-party-outage uses.
    const site = join(dir, 'content/site.yaml');
    const severities = ['P1', 'P2', 'P4'].map((id) => `  - id: ${id}\n    label: Level ${id}\n`).join('');
    writeFileSync(site, `${readFileSync(site, 'utf8')}severities:\n${severities}`);
    for (const name of ['database-degradation', 'third-party-outage', 'elevated-error-rates'])
      rmSync(join(dir, `content/templates/${name}.md`));
    rmSync(join(dir, '.github/workflows/post-status.yml'));
    const upgraded = await cli('init', dir, '--force');
    expect(upgraded.code, upgraded.all).toBe(0);
    expect(upgraded.out).toMatch(/^ {2}\.github\/workflows\/post-status\.yml$/m);
    expect(upgraded.out).toMatch(
      /Not added, as they would not pass check in this site[^\n]*\n {2}content\/templates\/third-party-outage\.md \(severity [^\n]*P3/,
    );
    expect(existsSync(join(dir, 'content/templates/third-party-outage.md'))).toBe(false);
    expect((await cli('check', '--content', join(dir, 'content'))).code).toBe(0);
  });

  test('init --force refuses a folder of the site that is a symbolic link, naming it, and writes nothing', async () => {
    expect((await cli('init', dir, ...FLAGS)).code).toBe(0);
    const elsewhere = join(dir, '..', 'other-project-github');
    renameSync(join(dir, '.github'), elsewhere);
    rmSync(join(elsewhere, 'workflows'), { recursive: true });
    symlinkSync(elsewhere, join(dir, '.github'));
    rmSync(join(dir, 'README.md'));
    const result = await cli('init', dir, '--force');
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${join(dir, '.github')} is a symbolic link (to ${elsewhere})`);
    expect(readdirSync(elsewhere).sort()).toEqual([
      'CODEOWNERS.example',
      'ISSUE_TEMPLATE',
      'PULL_REQUEST_TEMPLATE',
    ]);
    expect(existsSync(join(dir, 'README.md'))).toBe(false);
  });
});
