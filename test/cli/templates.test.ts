import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { frontMatterOf, runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

let root: string;

const cli = (now: string, ...args: string[]) => runCli([...args, '--content', root], { STATUSMARK_NOW: now });
const SHIPPED = 'templates/site/content/templates';

function writeTemplate(name: string, text: string): string {
  const path = join(root, 'templates', `${name}.md`);
  mkdirSync(join(root, 'templates'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const incidentFiles = () => readdirSync(join(root, 'incidents'));
type Update = { at: string; status: string; message: string; next_update?: string };
const updatesOf = (file: string) => frontMatterOf(join(root, 'incidents', file)).updates as Update[];

beforeEach(() => {
  root = tempDir('templates');
  cpSync('test/fixtures/site', root, { recursive: true });
});

describe('incident templates', () => {
  test('every placeholder is filled in: title, component, started, now, next_update, site, severity and a variable', async () => {
    writeTemplate(
      'every-placeholder',
      [
        '---',
        'title: Slow {component} at {provider}',
        'severity: P3',
        'impact: degraded_performance',
        'variables:',
        '  provider: Which provider',
        'updates:',
        '  - status: investigating',
        '    next_update: 45m',
        '    message: >-',
        '      title={title}; component={component}; started={started}; now={now};',
        '      next={next_update}; site={site}; severity={severity}; provider={provider}.',
        '---',
        '',
        'Opened from a template by {site}.',
        '',
      ].join('\n'),
    );
    const before = incidentFiles();
    const result = await cli(
      '2026-11-23T03:10:00Z',
      'new',
      'incident',
      '--template',
      'every-placeholder',
      '--component',
      'dashboard',
      '--component',
      'api:partial_outage',
      '--started',
      '2026-11-23T02:55:00Z',
      '--var',
      'provider=our CDN',
    );
    expect(result.code, result.all).toBe(0);
    const [file] = incidentFiles().filter((f) => !before.includes(f));
    expect(file).toBe('2026-11-23-slow-dashboard-and-payments-api-at-our-cdn.md');
    const incident = frontMatterOf(join(root, 'incidents', file!));
    expect(incident).toMatchObject({
      title: 'Slow Dashboard and Payments API at our CDN',
      severity: 'P3',
      started: '2026-11-23T02:55:00Z',
      components: [
        { id: 'dashboard', impact: 'degraded_performance' },
        { id: 'api', impact: 'partial_outage' },
      ],
    });
    expect(updatesOf(file!)).toEqual([
      {
        at: '2026-11-23T03:10:00Z',
        status: 'investigating',
        message:
          'title=Slow Dashboard and Payments API at our CDN; component=Dashboard and Payments API; started=02:55 UTC; now=03:10 UTC; next=03:55 UTC; site=Kestrel; severity=Minor; provider=our CDN.',
        next_update: '2026-11-23T03:55:00Z',
      },
    ]);
    expect(readFileSync(join(root, 'incidents', file!), 'utf8')).toContain(
      '\nOpened from a template by Kestrel.\n',
    );
    expect((await cli('2026-11-23T03:10:00Z', 'check')).code).toBe(0);
  });

  test.each(['database-degradation', 'third-party-outage', 'elevated-error-rates'])(
    'the shipped template %s opens, updates twice and resolves an incident that passes check at each step',
    async (name) => {
      cpSync(join(SHIPPED, `${name}.md`), join(root, 'templates', `${name}.md`));
      const vars = name === 'third-party-outage' ? ['--var', 'provider=our SMS provider'] : [];
      const opened = await cli(
        '2026-11-23T03:00:00Z',
        'new',
        'incident',
        '--template',
        name,
        '--component',
        'auth',
        ...vars,
      );
      expect(opened.code, opened.all).toBe(0);
      const file = incidentFiles().find(
        (f) =>
          f.startsWith('2026-11-23-') && readFileSync(join(root, 'incidents', f), 'utf8').includes('Sign-in'),
      )!;
      const id = file.replace(/\.md$/, '');
      expect(opened.out).toContain(`statusmark update ${id} --template ${name}`);
      expect((await cli('2026-11-23T03:00:00Z', 'check')).code).toBe(0);
      // The variables given to `new` stay with the incident: later updates need not repeat them.
      if (name === 'third-party-outage')
        expect(frontMatterOf(join(root, 'incidents', file)).template_vars).toEqual({
          provider: 'our SMS provider',
        });
      for (const now of ['2026-11-23T03:20:00Z', '2026-11-23T03:50:00Z']) {
        const updated = await cli(now, 'update', id, '--template', name);
        expect(updated.code, updated.all).toBe(0);
        expect((await cli(now, 'check')).code).toBe(0);
      }
      const resolved = await cli('2026-11-23T04:30:00Z', 'resolve', id, '--template', name);
      expect(resolved.code, resolved.all).toBe(0);
      expect((await cli('2026-11-23T04:30:00Z', 'check')).code).toBe(0);
      const updates = updatesOf(file);
      expect(updates.map((u) => u.status)).toEqual(['investigating', 'identified', 'monitoring', 'resolved']);
      // Every placeholder was filled in, and each promise is the template's interval after the update.
      for (const update of updates) {
        expect(update.message).not.toMatch(/[{}]/);
        expect(update.message).toContain('Sign-in');
      }
      expect(updates[0]!.next_update).toBe('2026-11-23T03:30:00Z');
      expect(updates[1]!.next_update).toBe('2026-11-23T04:20:00Z');
      expect(updates[1]!.message).toContain('04:20 UTC');
      if (name === 'third-party-outage') {
        // A variable that starts a sentence starts with a capital; inside one it is as given.
        expect(updates[0]!.message).toContain(
          'because of an outage at our SMS provider. We are in contact with our SMS provider',
        );
        expect(updates[1]!.message).toMatch(/^Our SMS provider has confirmed the outage/);
        expect(updates[2]!.message).toMatch(/^Our SMS provider reports that the outage is fixed/);
      }
    },
  );

  test('update --status picks that update of the template; a template without it is a usage error', async () => {
    cpSync(join(SHIPPED, 'elevated-error-rates.md'), join(root, 'templates', 'elevated-error-rates.md'));
    expect(
      (
        await cli(
          '2026-11-23T03:00:00Z',
          'new',
          'incident',
          '--template',
          'elevated-error-rates',
          '--component',
          'api',
        )
      ).code,
    ).toBe(0);
    const file = incidentFiles().find((f) => f.includes('elevated-error-rates-on-payments-api'))!;
    const id = file.replace(/\.md$/, '');
    const monitoring = await cli(
      '2026-11-23T03:10:00Z',
      'update',
      id,
      '--template',
      'elevated-error-rates',
      '--status',
      'monitoring',
    );
    expect(monitoring.code, monitoring.all).toBe(0);
    expect(updatesOf(file).at(-1)).toMatchObject({
      status: 'monitoring',
      next_update: '2026-11-23T04:10:00Z',
    });
    const after = await cli('2026-11-23T03:20:00Z', 'update', id, '--template', 'elevated-error-rates');
    expect(after.code).toBe(2);
    expect(after.err).toContain('template "elevated-error-rates" has no update after "monitoring"');
    const missing = await cli('2026-11-23T03:20:00Z', 'update', id, '--template', 'nope');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no template "nope" in');
    expect(missing.err).toContain('use one of elevated-error-rates');
    // --next wins over the template's interval, in the text as in next_update.
    const sooner = await cli(
      '2026-11-23T03:25:00Z',
      'update',
      id,
      '--template',
      'elevated-error-rates',
      '--status',
      'identified',
      '--next',
      '15m',
    );
    expect(sooner.code, sooner.all).toBe(0);
    expect(updatesOf(file).at(-1)).toMatchObject({
      status: 'identified',
      next_update: '2026-11-23T03:40:00Z',
      message: expect.stringContaining('Next update by 03:40 UTC.') as string,
    });
  });

  test('a missing variable is a usage error naming it, and nothing is written', async () => {
    cpSync(join(SHIPPED, 'third-party-outage.md'), join(root, 'templates', 'third-party-outage.md'));
    const before = incidentFiles();
    const result = await cli(
      '2026-11-23T03:00:00Z',
      'new',
      'incident',
      '--template',
      'third-party-outage',
      '--component',
      'api',
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain('template "third-party-outage" needs --var provider=…');
    expect(incidentFiles()).toEqual(before);
  });

  test('an unknown placeholder is a check error on its line, and the template cannot be used', async () => {
    const path = writeTemplate(
      'typo',
      [
        '---',
        'title: Errors on {component}',
        'severity: P2',
        'updates:',
        '  - status: investigating',
        '    next_update: 30m',
        '    message: >-',
        '      Since {started}, {compnent} fails.',
        '      Next update by {next_update}.',
        '---',
        '',
      ].join('\n'),
    );
    const check = await cli('2026-11-23T03:00:00Z', 'check');
    expect(check.code).toBe(1);
    expect(check.out).toContain(
      `${path}:8  updates[0].message  uses the unknown placeholder {compnent}; did you mean {component}?`,
    );
    const used = await cli(
      '2026-11-23T03:00:00Z',
      'new',
      'incident',
      '--template',
      'typo',
      '--component',
      'api',
    );
    expect(used.code).toBe(1);
    expect(used.err).toContain(
      `the template ${join(root, 'templates')}/typo.md has errors; run "statusmark check"`,
    );
  });

  test('{next_update} in an update that promises none, and {now} in the title, are check errors', async () => {
    const path = writeTemplate(
      'misplaced',
      [
        '---',
        'title: Errors since {now}',
        'severity: P2',
        'updates:',
        '  - status: investigating',
        '    message: Next update by {next_update}.',
        '---',
        '',
      ].join('\n'),
    );
    const check = await cli('2026-11-23T03:00:00Z', 'check');
    expect(check.out).toContain(
      `${path}:2  title  cannot use {now}: the title is written once, when the incident opens`,
    );
    expect(check.out).toContain(
      `${path}:6  updates[0].message  uses {next_update}, but this update has no next_update; add one, such as next_update: 30m`,
    );
  });

  test('a template whose filled-in result is not a valid incident is a check error', async () => {
    const path = writeTemplate(
      'resolved-too-early',
      [
        '---',
        'title: Errors',
        'severity: P2',
        'components:',
        '  - id: api',
        '    impact: partial_outage',
        'updates:',
        '  - status: investigating',
        '    message: We are investigating.',
        '  - status: resolved',
        '    message: Resolved.',
        '  - status: monitoring',
        '    message: Watching.',
        '---',
        '',
      ].join('\n'),
    );
    const check = await cli('2026-11-23T03:00:00Z', 'check');
    expect(check.code).toBe(1);
    expect(check.out).toContain(
      `${path}:10  updates[1]  filled in, makes an invalid incident: updates[1].status is "resolved" but later updates change the status; only the last update with a status may resolve the incident (updates after it may leave status out)`,
    );
  });
});
