import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { beforeEach, describe, expect, test } from 'vitest';
import {
  checkout,
  ghCalls,
  initSite,
  originFile,
  originFiles,
  originLog,
  runJob,
  type Context,
  type Site,
} from '../helpers/workflow.ts';

// The clock of every post: a fixed time, so that ids, times and messages can be asserted.
const NOW = { STATUSMARK_NOW: '2026-11-24T02:00:00Z' };
const at = (time: string) => ({ STATUSMARK_NOW: time });

let site: Site;

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
}

beforeEach(async () => {
  site = await initSite();
});

const dispatch = (inputs: Record<string, string>, actor = 'alice'): Context => ({
  inputs: { action: 'update', status: 'identified', severity: 'P2', ...inputs },
  event_name: 'workflow_dispatch',
  event: { repository: { default_branch: 'main' }, inputs },
  actor,
  actor_id: '1001',
});

const post = (inputs: Record<string, string>, env = NOW, name = 'runner') =>
  runJob(site, checkout(site, name), 'post-status.yml', 'post', dispatch(inputs), env);

const incidentsOnMain = () => originFiles(site, 'content/incidents').filter((f) => f !== 'README.md');
const frontMatter = (id: string) =>
  parse(originFile(site, `content/incidents/${id}.md`).split(/^---$/m)[1]!, { schema: 'core' }) as {
    title: string;
    components: { id: string; impact: string; from?: string }[];
    updates: { at: string; status: string; message: string; next_update?: string }[];
    resolved?: string;
  };

describe('every workflow statusmark init writes', () => {
  test('passes the GitHub Actions workflow validator', () => {
    const folder = join(checkout(site), '.github', 'workflows');
    const files = readdirSync(folder).sort();
    expect(files).toEqual(['deploy.yml', 'post-status.yml', 'pull-request.yml', 'status-chatops.yml']);
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

describe('the "Post a status update" workflow', () => {
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
    expect(originLog(site)[0]).toBe(
      [
        'Open incident 2026-11-24-elevated-api-errors',
        '',
        'Posted with the "Post a status update" workflow by @alice.',
        '',
        'Co-authored-by: alice <1001+alice@users.noreply.github.com>',
      ].join('\n'),
    );
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
    expect(last.code).toBe(1);
    expect(last.err).toContain(
      'components[0].id  "database" is not a component in components.yaml; use one of "api", "web"',
    );
    expect(run.summary).toContain('### Nothing was published');
    expect(run.summary).toContain('"database" is not a component in components.yaml');
    expect(originLog(site)).toHaveLength(before);
    expect(ghCalls(site)).toEqual([]);
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

describe('the "Status from issues" workflow', () => {
  const form = (answers: Record<string, string>) =>
    Object.entries(answers)
      .map(([label, value]) => `### ${label}\n\n${value}`)
      .join('\n\n');

  const issue = (body: string) => ({
    number: 42,
    title: 'Checkout errors',
    body,
    labels: [{ name: 'incident' }],
  });

  const chatops = (context: Omit<Context, 'actor_id'>, env = NOW, name = 'runner') =>
    runJob(
      site,
      checkout(site, name),
      'status-chatops.yml',
      'chatops',
      { ...context, actor_id: '1001' },
      {
        ...env,
        FAKE_GH_PERMISSIONS: JSON.stringify({ alice: 'admin', bob: 'write', mallory: 'read' }),
      },
    );

  const opened = (by = 'alice') =>
    chatops({
      event_name: 'issues',
      actor: by,
      event: {
        action: 'opened',
        repository: { default_branch: 'main' },
        sender: { login: by, id: 1001 },
        issue: issue(
          form({
            Severity: 'P1',
            'Affected components': 'api:major_outage',
            'First update for readers': 'Checkout requests fail.\nWe are investigating.',
            'Next update in': '20m',
            Template: '_No response_',
          }),
        ),
      },
    });

  /** The issue's body as the bot left it (GitHub sends it with every later comment event). */
  const linkedBody = () => ghCalls(site).find((c) => c.args[0] === 'issue' && c.args[1] === 'edit')!.input;

  const comment = (body: string, by: string, time: string, name: string) =>
    chatops(
      {
        event_name: 'issue_comment',
        actor: by,
        event: {
          action: 'created',
          repository: { default_branch: 'main' },
          issue: { ...issue(linkedBody()), labels: [{ name: 'incident' }] },
          comment: { body, user: { login: by, id: 2002 } },
        },
      },
      at(time),
      name,
    );

  const replies = () => ghCalls(site).filter((c) => c.args[0] === 'issue' && c.args[1] === 'comment');

  test('an issue from the Incident form opens the incident, links it and answers with its address', async () => {
    const run = await opened();
    expect(run.steps.at(-1)!.code, run.steps.at(-1)!.err).toBe(0);
    const incident = frontMatter('2026-11-24-checkout-errors');
    expect(incident).toMatchObject({
      title: 'Checkout errors',
      severity: 'P1',
      components: [{ id: 'api', impact: 'major_outage' }],
    });
    expect(incident.updates).toEqual([
      {
        at: '2026-11-24T02:00:00Z',
        status: 'investigating',
        message: 'Checkout requests fail.\nWe are investigating.',
        next_update: '2026-11-24T02:20:00Z',
      },
    ]);
    expect(originLog(site)[0]).toContain('Posted from issue #42 by @alice.');
    expect(linkedBody()).toContain(
      '**Status page:** https://status.acme.example/incidents/2026-11-24-checkout-errors/\n<!-- statusmark-incident: 2026-11-24-checkout-errors -->',
    );
    expect(replies().map((c) => c.input)).toEqual([
      expect.stringMatching(
        /^Opened incident `2026-11-24-checkout-errors`\. It will be live at https:\/\/status\.acme\.example\/incidents\/2026-11-24-checkout-errors\/ within a few minutes\.\n\n`\/status/,
      ),
    ]);
    expect(
      ghCalls(site).some((c) => c.args.join(' ') === 'workflow run deploy.yml --repo acme/status --ref main'),
    ).toBe(true);
  });

  test('"/status identified … next 30m" posts an update; "/resolve" resolves it and closes the issue', async () => {
    await opened();
    const update = await comment(
      '/status identified Replacing the cache node. next 30m',
      'bob',
      '2026-11-24T02:10:00Z',
      'runner-2',
    );
    expect(update.steps.at(-1)!.code, update.steps.at(-1)!.err).toBe(0);
    expect(frontMatter('2026-11-24-checkout-errors').updates.at(-1)).toEqual({
      at: '2026-11-24T02:10:00Z',
      status: 'identified',
      message: 'Replacing the cache node.',
      next_update: '2026-11-24T02:40:00Z',
    });
    expect(originLog(site)[0]).toContain('Co-authored-by: bob <2002+bob@users.noreply.github.com>');
    expect(replies().at(-1)!.input).toBe(
      'Posted the "identified" update to `2026-11-24-checkout-errors`. It will be live at https://status.acme.example/incidents/2026-11-24-checkout-errors/ within a few minutes.',
    );

    const resolve = await comment(
      '/resolve Checkout works again.',
      'alice',
      '2026-11-24T02:30:00Z',
      'runner-3',
    );
    expect(resolve.steps.at(-1)!.code, resolve.steps.at(-1)!.err).toBe(0);
    expect(frontMatter('2026-11-24-checkout-errors')).toMatchObject({ resolved: '2026-11-24T02:30:00Z' });
    expect(replies().at(-1)!.input).toContain('Resolved `2026-11-24-checkout-errors`.');
    expect(ghCalls(site).at(-1)!.args).toEqual([
      'issue',
      'close',
      '42',
      '--repo',
      'acme/status',
      '--reason',
      'completed',
    ]);
  });

  test('a comment from someone without write access is answered, and nothing is published', async () => {
    await opened();
    const commits = originLog(site).length;
    const run = await comment(
      '/status monitoring All good now.',
      'mallory',
      '2026-11-24T02:10:00Z',
      'runner-2',
    );
    expect(run.steps.at(-1)!.code).toBe(0);
    expect(replies().at(-1)!.input).toBe(
      '@mallory, only people with write access to this repository can post to the status page. Ask an incident commander to post it.',
    );
    expect(originLog(site)).toHaveLength(commits);
  });

  test('a command that would make invalid content is answered with the check error quoted', async () => {
    await opened();
    await comment('/resolve', 'alice', '2026-11-24T02:30:00Z', 'runner-2');
    const commits = originLog(site).length;
    const run = await comment('/status identified It is back.', 'alice', '2026-11-24T02:40:00Z', 'runner-3');
    expect(run.steps.at(-1)!.code).toBe(1);
    const reply = replies().at(-1)!.input;
    expect(reply).toMatch(
      /^Nothing was published:\n\n```\nRefusing to write: the result would not pass npm run check\.\n/,
    );
    expect(reply).toContain('updates[1].status  is "resolved" but later updates change the status');
    expect(originLog(site)).toHaveLength(commits);
  });

  test('a malformed command gets the usage; an ordinary comment gets no answer', async () => {
    await opened();
    const before = replies().length;
    await comment('/status fixed It works', 'alice', '2026-11-24T02:10:00Z', 'runner-2');
    expect(replies().at(-1)!.input).toContain(
      '"fixed" is not a status; use investigating, identified, monitoring (or /resolve)',
    );
    await comment('Thanks for the quick fix!', 'alice', '2026-11-24T02:11:00Z', 'runner-3');
    expect(replies()).toHaveLength(before + 1);
  });
});

describe('the notify job of the Deploy workflow', () => {
  test('sends what is new to a channel named in site.yaml, keeps what it sent on a branch, and sends nothing twice', async () => {
    const received: string[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(body);
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      // The team adds a channel: a secret, and a few lines of site.yaml.
      const team = checkout(site, 'team');
      appendFileSync(
        join(team, 'content/site.yaml'),
        'notifications:\n  - name: ops-slack\n    type: slack\n    url_env: SLACK_WEBHOOK_URL\n',
      );
      git(team, 'add', '-A');
      git(team, '-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-qm', 'Slack channel');
      git(team, 'push', '-q', 'origin', 'main');
      await post({ action: 'new incident', title: 'Slow web app', components: 'web' }, NOW, 'post');

      const deployRun = async (name: string, now: string) => {
        const dir = checkout(site, name);
        // What the build job uploads and this job downloads: the published site's clock and address.
        mkdirSync(join(dir, 'dist/api/v2'), { recursive: true });
        writeFileSync(
          join(dir, 'dist/api/v2/status.json'),
          JSON.stringify({ page: { url: 'https://status.acme.example/', updated_at: now } }),
        );
        return runJob(site, dir, 'deploy.yml', 'notify', {
          event_name: 'push',
          event: {},
          actor: 'alice',
          actor_id: '1001',
          secrets: { SLACK_WEBHOOK_URL: url, GITHUB_TOKEN: 'ghs_test' },
        });
      };
      const first = await deployRun('deploy-1', '2026-11-24T02:05:00Z');
      expect(first.steps.at(-1)!.code, first.steps.at(-1)!.err).toBe(0);
      expect(received.map((body) => (JSON.parse(body) as { text: string }).text)).toEqual([
        expect.stringMatching(/^\[Investigating\] Slow web app: /),
      ]);
      const state = JSON.parse(originFile(site, 'notify-state.json', 'statusmark-state')) as {
        channels: Record<string, { sent: Record<string, number> }>;
      };
      expect(Object.keys(state.channels['ops-slack']!.sent)).toEqual([
        'incident/2026-11-24-slow-web-app/update-20261124T0200Z',
      ]);
      const second = await deployRun('deploy-2', '2026-11-24T02:20:00Z');
      expect(second.steps.at(-1)!.code, second.steps.at(-1)!.err).toBe(0);
      expect(second.steps.at(-1)!.out).toContain('0 sent, 0 failed.');
      expect(received).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
