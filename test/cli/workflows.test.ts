import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { beforeEach, describe, expect, test } from 'vitest';
import {
  at,
  checkout,
  dispatch,
  ghCalls,
  git,
  incidentOnMain,
  initSite,
  NOW,
  originFiles,
  originLog,
  post as postIn,
  runJob,
  type Site,
} from '../helpers/workflow.ts';

// The "Status from issues" workflow and the Deploy workflow's notify job: chatops-workflow.test.ts.

let site: Site;

beforeEach(async () => {
  site = await initSite();
});

const post = (inputs: Record<string, string>, env = NOW, name = 'runner') => postIn(site, inputs, env, name);
const incidentsOnMain = () => originFiles(site, 'content/incidents').filter((f) => f !== 'README.md');
const frontMatter = (id: string) => incidentOnMain(site, id);

describe('every workflow statusmark init writes', () => {
  test('passes the GitHub Actions workflow validator', () => {
    const folder = join(checkout(site), '.github', 'workflows');
    const files = readdirSync(folder).sort();
    expect(files).toEqual([
      'deploy.yml',
      'follow-ups.yml',
      'post-status.yml',
      'pull-request.yml',
      'status-alerts.yml',
      'status-chatops.yml',
    ]);
    for (const file of files) {
      const state = validateWorkflow(readFileSync(join(folder, file), 'utf8'));
      expect({ file, errors: state.errors }).toEqual({ file, errors: [] });
    }
  });

  test('the Incident issue form asks what the chatops command reads, and names the site components', () => {
    const form = parse(readFileSync(join(checkout(site), '.github/ISSUE_TEMPLATE/incident.yml'), 'utf8')) as {
      labels: string[];
      body: { type: string; attributes: { label?: string; description?: string } }[];
    };
    expect(form.labels).toEqual(['incident']);
    const labels = form.body.filter((b) => b.type !== 'markdown').map((b) => b.attributes.label);
    expect(labels).toEqual([
      'Severity',
      'Affected components',
      'First update for readers',
      'Next update in',
      'Template',
    ]);
    expect(form.body[2]!.attributes.description).toContain('This site has: api, web.');
  });
});

// Each test runs whole workflow jobs: room for a loaded machine.
describe('the "Post a status update" workflow', { timeout: 120_000 }, () => {
  test('opens an incident from the phone: committed to main with the person as co-author, deploy started', async () => {
    const run = await post({
      action: 'new incident',
      title: 'Elevated API errors',
      severity: 'P2',
      components: 'api:partial_outage, web:degraded_performance',
      message: 'Some API requests fail. Next update by 02:30 UTC.',
    });
    expect(run.steps.at(-1)!.code, run.steps.at(-1)!.err).toBe(0);
    expect(incidentsOnMain()).toEqual(['2026-11-24-elevated-api-errors.md']);
    const incident = frontMatter('2026-11-24-elevated-api-errors');
    expect(incident.components).toEqual([
      { id: 'api', impact: 'partial_outage' },
      { id: 'web', impact: 'degraded_performance' },
    ]);
    expect(incident.updates).toEqual([
      {
        at: '2026-11-24T02:00:00Z',
        status: 'investigating',
        message: 'Some API requests fail. Next update by 02:30 UTC.',
        next_update: '2026-11-24T02:30:00Z',
      },
    ]);
    expect(originLog(site)[0]!.split('\n')).toEqual([
      'Open incident 2026-11-24-elevated-api-errors',
      '',
      'Posted with the "Post a status update" workflow by @alice.',
      '',
      'Co-authored-by: alice <1001+alice@users.noreply.github.com>',
      expect.stringMatching(/^Statusmark-Run: https:\/\/github\.com\/acme\/status\/actions\/runs\/\d+$/),
    ]);
    expect(ghCalls(site).map((c) => c.args)).toEqual([
      ['workflow', 'run', 'deploy.yml', '--repo', 'acme/status', '--ref', 'main'],
    ]);
    expect(run.summary).toContain('### Opened 2026-11-24-elevated-api-errors');
    expect(run.summary).toContain('https://status.acme.example/incidents/2026-11-24-elevated-api-errors/');
    expect(run.summary).toMatch(/\| push to the default branch \| \d+\.\d \|/);
  });

  test('updates the only open incident when none is named, changes an impact, then resolves it', async () => {
    await post({ action: 'new incident', title: 'Slow web app', components: 'web:degraded_performance' });
    const update = await post(
      {
        action: 'update',
        status: 'identified',
        message: 'A cache node failed.',
        components: 'web:partial_outage',
        next: '1h',
      },
      at('2026-11-24T02:20:00Z'),
      'runner-2',
    );
    expect(update.steps.at(-1)!.code, update.steps.at(-1)!.err).toBe(0);
    let incident = frontMatter('2026-11-24-slow-web-app');
    expect(incident.updates.at(-1)).toEqual({
      at: '2026-11-24T02:20:00Z',
      status: 'identified',
      message: 'A cache node failed.',
      next_update: '2026-11-24T03:20:00Z',
    });
    expect(incident.components).toEqual([
      { id: 'web', impact: 'degraded_performance', to: '2026-11-24T02:20:00Z' },
      { id: 'web', impact: 'partial_outage', from: '2026-11-24T02:20:00Z' },
    ]);
    expect(originLog(site)[0]!.split('\n')[0]).toBe('Update incident 2026-11-24-slow-web-app (identified)');

    const resolve = await post(
      { action: 'resolve', message: 'The web app is fast again.' },
      at('2026-11-24T02:50:00Z'),
      'runner-3',
    );
    expect(resolve.steps.at(-1)!.code, resolve.steps.at(-1)!.err).toBe(0);
    incident = frontMatter('2026-11-24-slow-web-app');
    expect(incident.resolved).toBe('2026-11-24T02:50:00Z');
    expect(incident.updates.at(-1)).toMatchObject({
      status: 'resolved',
      message: 'The web app is fast again.',
    });
  });

  test('with a template: the incident and its next update come from content/templates', async () => {
    const opened = await post({
      action: 'new incident',
      template: 'elevated-error-rates',
      components: 'api',
      title: '',
    });
    expect(opened.steps.at(-1)!.code, opened.steps.at(-1)!.err).toBe(0);
    const [file] = incidentsOnMain();
    expect(file).toBe('2026-11-24-elevated-error-rates-on-public-api.md');
    const next = await post(
      { action: 'update', template: 'elevated-error-rates', status: 'identified' },
      at('2026-11-24T02:15:00Z'),
      'runner-2',
    );
    expect(next.steps.at(-1)!.code, next.steps.at(-1)!.err).toBe(0);
    // The template's promise (1h), the same in the text and in next_update.
    expect(frontMatter(file!.replace('.md', '')).updates.at(-1)).toMatchObject({
      message:
        'We found the cause of the errors on Public API and are rolling out a fix. Next update by 03:15 UTC.',
      next_update: '2026-11-24T03:15:00Z',
    });
  });

  test('a mistake is refused with the reason on the run page, and nothing reaches main', async () => {
    const before = originLog(site).length;
    const run = await post({ action: 'new incident', title: 'Broken', components: 'database:major_outage' });
    const last = run.steps.at(-1)!;
    expect(last.code).toBe(2);
    expect(last.err).toContain(
      '--component database:major_outage: "database" is not a component of components.yaml; use api, web',
    );
    expect(run.summary).toContain('### Nothing was published');
    expect(run.summary).toContain('"database" is not a component of components.yaml');
    expect(originLog(site)).toHaveLength(before);
    expect(ghCalls(site)).toEqual([]);
  });

  test('when the deploy does not start, the run page says what was published, and a re-run posts it once', async () => {
    const inputs = { action: 'new incident', title: 'Elevated API errors', components: 'api' };
    // GitHub's "Re-run jobs": the same run id and inputs, a little later.
    const attempt = (name: string, env: Record<string, string>) =>
      runJob(
        site,
        checkout(site, name),
        'post-status.yml',
        'post',
        { ...dispatch(inputs), run_id: '601' },
        env,
      );
    const before = originLog(site).length;
    const first = await attempt('runner', { ...NOW, FAKE_GH_FAIL: 'workflow run' });
    expect(first.steps.at(-1)!.code).toBe(1);
    expect(first.summary).toContain('### Opened 2026-11-24-elevated-api-errors, but it is not live yet');
    expect(first.summary).toMatch(
      /\*\*Not live yet:\*\* 2026-11-24-elevated-api-errors is published \(commit [0-9a-f]{7} on main\), but starting the Deploy workflow failed \(HTTP 500: Server Error\); re-run this run to start it again, or run Deploy from the Actions tab\./,
    );
    expect(first.summary).not.toContain('Nothing was published');
    const again = await attempt('runner-2', at('2026-11-24T02:05:00Z'));
    expect(again.steps.at(-1)!.code, again.steps.at(-1)!.err).toBe(0);
    expect(incidentsOnMain()).toEqual(['2026-11-24-elevated-api-errors.md']);
    expect(originLog(site)).toHaveLength(before + 1);
    expect(again.summary).toContain('### Opened 2026-11-24-elevated-api-errors');
    expect(again.summary).toContain('An earlier attempt of this run published it');
    expect(ghCalls(site).map((c) => c.args.slice(0, 2).join(' '))).toEqual(['workflow run', 'workflow run']);
  });

  test('with several incidents open, an update without an id names them instead of guessing', async () => {
    await post({ action: 'new incident', title: 'First problem', components: 'api' });
    await post({ action: 'new incident', title: 'Second problem', components: 'web' }, NOW, 'runner-2');
    const run = await post(
      { action: 'update', message: 'More news.' },
      at('2026-11-24T02:10:00Z'),
      'runner-3',
    );
    expect(run.steps.at(-1)!.code).toBe(2);
    expect(run.steps.at(-1)!.err).toContain('2 incidents are open; give the incident id, one of:');
    expect(run.steps.at(-1)!.err).toContain('2026-11-24-first-problem  (First problem)');
  });

  test('an update that meets a newer commit on main is applied again on top of it, never over it', async () => {
    await post({ action: 'new incident', title: 'Queue backlog', components: 'api' });
    // Alice's update is committed in another runner's clone, ready to push.
    const alice = checkout(site, 'runner-alice');
    const cli = (cwd: string, env: Record<string, string>, ...args: string[]) =>
      spawnSync(join(cwd, 'node_modules/.bin/statusmark'), args, {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, ...env },
      });
    const wrote = cli(
      alice,
      at('2026-11-24T02:10:00Z'),
      'update',
      '2026-11-24-queue-backlog',
      '--status',
      'identified',
      '--message',
      'Update from Alice.',
    );
    expect(wrote.status, wrote.stderr).toBe(0);
    git(alice, '-c', 'user.name=Alice', '-c', 'user.email=alice@example.com', 'commit', '-qam', 'Alice');
    // Bob's run: the moment it first pushes, Alice's commit lands first (a git that does that, once).
    const wrapper = join(site.root, 'interleave');
    mkdirSync(wrapper);
    const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    writeFileSync(
      join(wrapper, 'git'),
      `#!/bin/sh\nif [ "$1" = push ] && [ -e "${wrapper}/armed" ]; then rm "${wrapper}/armed"; "${realGit}" -C "${alice}" push -q origin HEAD:main; fi\nexec "${realGit}" "$@"\n`,
    );
    chmodSync(join(wrapper, 'git'), 0o755);
    writeFileSync(join(wrapper, 'armed'), '');
    const bob = await runJob(
      site,
      checkout(site, 'runner-bob'),
      'post-status.yml',
      'post',
      dispatch({ action: 'update', status: 'monitoring', message: 'Update from Bob.' }, 'bob'),
      at('2026-11-24T02:11:00Z'),
      [wrapper],
    );
    expect(bob.steps.at(-1)!.code, bob.steps.at(-1)!.err).toBe(0);
    expect(bob.summary).toContain('(landed on attempt 2: the branch had moved)');
    const updates = frontMatter('2026-11-24-queue-backlog').updates;
    expect(updates.map((u) => [u.status, u.message])).toEqual([
      ['investigating', expect.any(String)],
      ['identified', 'Update from Alice.'],
      ['monitoring', 'Update from Bob.'],
    ]);
    expect(
      originLog(site)
        .slice(0, 2)
        .map((m) => m.split('\n')[0]),
    ).toEqual(['Update incident 2026-11-24-queue-backlog (monitoring)', 'Alice']);
  });
});
