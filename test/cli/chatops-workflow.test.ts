import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import {
  at,
  checkout,
  ghCalls,
  git,
  incidentOnMain,
  initSite,
  NOW,
  originFile,
  originFiles,
  originLog,
  post as postIn,
  runJob,
  type Context,
  type Site,
} from '../helpers/workflow.ts';

// The workflows a site gets from statusmark init, run step by step (test/helpers/workflow.ts): the
// "Status from issues" workflow, and the Deploy workflow's notify job. The "Post a status update"
// workflow: workflows.test.ts.

let site: Site;

beforeEach(async () => {
  site = await initSite();
});

const post = (inputs: Record<string, string>, env = NOW, name = 'runner') => postIn(site, inputs, env, name);
const frontMatter = (id: string) => incidentOnMain(site, id);

// Each test runs whole workflow jobs: room for a loaded machine.
describe('the "Status from issues" workflow', { timeout: 120_000 }, () => {
  const form = (answers: Record<string, string>) =>
    Object.entries(answers)
      .map(([label, value]) => `### ${label}\n\n${value}`)
      .join('\n\n');

  const issue = (body: string, association = 'MEMBER') => ({
    number: 42,
    title: 'Checkout errors',
    body,
    labels: [{ name: 'incident' }],
    author_association: association,
  });

  /** The job in a fresh runner; `env` adds to the clock, such as the fake gh's settings. */
  const chatops = (context: Omit<Context, 'actor_id'>, env: Record<string, string> = NOW, name = 'runner') =>
    runJob(
      site,
      checkout(site, name),
      'status-chatops.yml',
      'chatops',
      { ...context, actor_id: '1001' },
      {
        FAKE_GH_PERMISSIONS: JSON.stringify({ alice: 'admin', bob: 'write', mallory: 'read' }),
        ...env,
      },
    );

  const openingEvent = (by: string, association: string) => ({
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
        association,
      ),
    },
  });

  const opened = (options: { env?: Record<string, string>; run_id?: string; name?: string } = {}) =>
    chatops(
      { ...openingEvent('alice', 'MEMBER'), ...(options.run_id ? { run_id: options.run_id } : {}) },
      options.env,
      options.name,
    );

  /** The issue's body as the bot left it (GitHub sends it with every later comment event). */
  const linkedBody = () => ghCalls(site).find((c) => c.args[0] === 'issue' && c.args[1] === 'edit')!.input;

  /** A comment on issue #42 (or on `on`), by someone of the repository unless `association` says otherwise. */
  const comment = (
    body: string,
    by: string,
    time: string,
    name: string,
    options: {
      association?: string;
      on?: Record<string, unknown>;
      env?: Record<string, string>;
      run_id?: string;
    } = {},
  ) =>
    chatops(
      {
        event_name: 'issue_comment',
        actor: by,
        event: {
          action: 'created',
          repository: { default_branch: 'main' },
          issue: options.on ?? issue(linkedBody()),
          comment: {
            body,
            user: { login: by, id: 2002 },
            author_association: options.association ?? 'MEMBER',
          },
        },
        ...(options.run_id ? { run_id: options.run_id } : {}),
      },
      { ...at(time), ...options.env },
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
    expect(linkedBody()).toMatch(
      /\n---\n\*\*Status page:\*\* https:\/\/status\.acme\.example\/incidents\/2026-11-24-checkout-errors\/\n$/,
    );
    // The bot's own answer carries the marker later commands trust, never the issue's body.
    expect(replies().map((c) => c.input)).toEqual([
      expect.stringMatching(
        /^Opened incident `2026-11-24-checkout-errors`\. It will be live at https:\/\/status\.acme\.example\/incidents\/2026-11-24-checkout-errors\/ within a few minutes\.\n\n`\/status[\s\S]*\n<!-- statusmark-incident: 2026-11-24-checkout-errors -->\n$/,
      ),
    ]);
    expect(linkedBody()).not.toContain('statusmark-incident');
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
    // A collaborator who may only read: the workflow runs, the command refuses.
    const run = await comment(
      '/status monitoring All good now.',
      'mallory',
      '2026-11-24T02:10:00Z',
      'runner-2',
      {
        association: 'COLLABORATOR',
      },
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
    console.log(JSON.stringify(run), originLog(site).slice(0, 2));
    expect(run.steps.at(-1)!.code).toBe(1);
    const reply = replies().at(-1)!.input;
    expect(reply).toMatch(
      /^Nothing was published:\n\n```\nRefusing to write: the result would not pass npm run check\.\n/,
    );
    expect(reply).toContain('updates[1].status  is "resolved" but later updates change the status');
    expect(originLog(site)).toHaveLength(commits);
  });

  test("a marker the bot did not write links nothing: /resolve on an outsider's issue leaves the live incident open", async () => {
    await opened();
    const id = '2026-11-24-checkout-errors';
    const commits = originLog(site).length;
    // An outsider's issue, without the label, with the live incident's marker hidden in its body.
    const outsiders = {
      number: 7,
      title: 'Is checkout down?',
      body: `Checkout fails for me.\n\n<!-- statusmark-incident: ${id} -->`,
      labels: [],
      author_association: 'NONE',
    };
    const first = await comment('/resolve Fixed, thanks', 'alice', '2026-11-24T02:10:00Z', 'runner-2', {
      on: outsiders,
    });
    expect(first.steps.at(-1)!.code, first.steps.at(-1)!.err).toBe(0);
    // With the label (the Incident form sets it for anyone), and the marker in an outsider's comment too.
    const second = await comment('/resolve Fixed, thanks', 'alice', '2026-11-24T02:11:00Z', 'runner-3', {
      on: { ...outsiders, number: 8, labels: [{ name: 'incident' }] },
      env: { FAKE_GH_COMMENTS: JSON.stringify([['mallory', `<!-- statusmark-incident: ${id} -->`]]) },
    });
    expect(second.steps.at(-1)!.code, second.steps.at(-1)!.err).toBe(0);
    expect(originLog(site)).toHaveLength(commits);
    expect(frontMatter(id).resolved).toBeUndefined();
    expect(
      replies()
        .slice(-2)
        .map((c) => [c.args[2], c.input.split('\n')[0]]),
    ).toEqual([
      ['7', 'This issue is not linked to an incident. Open one with the **Incident** issue form.'],
      ['8', 'This issue is not linked to an incident. Open one with the **Incident** issue form.'],
    ]);
    expect(ghCalls(site).some((c) => c.args[1] === 'close')).toBe(false);
  });

  test("an issue opened before 0.6 stays linked by the bot's own first answer, which named the incident", async () => {
    await opened();
    const id = '2026-11-24-checkout-errors';
    // 0.5 wrote the marker into the issue's body (no longer trusted) and answered without one.
    const run = await comment('/resolve Fixed, thanks', 'alice', '2026-11-24T02:10:00Z', 'runner-2', {
      on: {
        number: 9,
        title: 'Checkout errors',
        body: `Checkout fails.\n\n---\n**Status page:** https://status.acme.example/incidents/${id}/\n<!-- statusmark-incident: ${id} -->\n`,
        labels: [{ name: 'incident' }],
        author_association: 'MEMBER',
      },
      env: {
        FAKE_GH_COMMENTS: JSON.stringify([
          ['mallory', 'Opened incident `2026-11-01-something-else`. It will be live soon.'],
          [
            'github-actions[bot]',
            `Opened incident \`${id}\`. It will be live at https://status.acme.example/incidents/${id}/ within a few minutes.`,
          ],
        ]),
      },
    });
    expect(run.steps.at(-1)!.code, run.steps.at(-1)!.err).toBe(0);
    expect(frontMatter(id).resolved).toBe('2026-11-24T02:10:00Z');
  });

  test('issues and comments from outside the repository start no run and get no answer', async () => {
    await opened();
    const calls = ghCalls(site).length;
    const commits = originLog(site).length;
    for (const association of ['NONE', 'CONTRIBUTOR', 'FIRST_TIME_CONTRIBUTOR']) {
      const run = await comment('/resolve Fixed, thanks', 'eve', '2026-11-24T02:10:00Z', association, {
        association,
      });
      expect({ association, skipped: run.skipped }).toEqual({ association, skipped: true });
    }
    const opening = await chatops(openingEvent('eve', 'NONE'), NOW, 'runner-eve');
    expect(opening.skipped).toBe(true);
    expect(ghCalls(site)).toHaveLength(calls);
    expect(originLog(site)).toHaveLength(commits);
  });

  test('when the deploy does not start, the bot says what was published, and a re-run posts nothing twice', async () => {
    const id = '2026-11-24-checkout-errors';
    const failing = { FAKE_GH_FAIL: 'workflow run' };
    const first = await opened({ env: { ...NOW, ...failing }, run_id: '501' });
    expect(first.steps.at(-1)!.code).toBe(1);
    expect(first.steps.at(-1)!.err).not.toContain('Nothing was published');
    // The answer with the marker was written as soon as the push succeeded, before the deploy.
    expect(replies().map((c) => c.input)).toEqual([
      expect.stringMatching(
        /^Opened incident `2026-11-24-checkout-errors`\. [\s\S]*\n<!-- statusmark-incident: 2026-11-24-checkout-errors -->\n$/,
      ),
      expect.stringMatching(
        /^Incident `2026-11-24-checkout-errors` is open\. It is not live yet: 2026-11-24-checkout-errors is published \(commit [0-9a-f]{7} on main\), but starting the Deploy workflow failed \(HTTP 500: Server Error\); re-run this run to start it again, or run Deploy from the Actions tab\.$/,
      ),
    ]);
    const again = await opened({ env: at('2026-11-24T02:05:00Z'), run_id: '501', name: 'runner-2' });
    expect(again.steps.at(-1)!.code, again.steps.at(-1)!.err).toBe(0);
    expect(originFiles(site, 'content/incidents').filter((f) => f !== 'README.md')).toEqual([`${id}.md`]);
    expect(replies()).toHaveLength(2);
    expect(ghCalls(site).at(-1)!.args).toEqual([
      'workflow',
      'run',
      'deploy.yml',
      '--repo',
      'acme/status',
      '--ref',
      'main',
    ]);

    // An update whose deploy does not start, run again a few minutes later: one update, not two.
    const update = await comment(
      '/status identified Replacing the cache node.',
      'bob',
      '2026-11-24T02:10:00Z',
      'runner-3',
      {
        env: failing,
        run_id: '502',
      },
    );
    expect(update.steps.at(-1)!.code).toBe(1);
    expect(replies().at(-1)!.input).toMatch(
      /^Posted the "identified" update to `2026-11-24-checkout-errors`\. It is not live yet: .* but starting the Deploy workflow failed/,
    );
    const calls = ghCalls(site).length;
    const rerun = await comment(
      '/status identified Replacing the cache node.',
      'bob',
      '2026-11-24T02:14:00Z',
      'runner-4',
      {
        run_id: '502',
      },
    );
    expect(rerun.steps.at(-1)!.code, rerun.steps.at(-1)!.err).toBe(0);
    expect(frontMatter(id).updates.map((u) => u.at)).toEqual([
      '2026-11-24T02:00:00Z',
      '2026-11-24T02:10:00Z',
    ]);
    expect(originLog(site)[0]).toContain('Statusmark-Run: https://github.com/acme/status/actions/runs/502');
    // Only what the first run could not do: start the deploy, and answer.
    expect(
      ghCalls(site)
        .slice(calls)
        .map((c) => c.args.slice(0, 2).join(' ')),
    ).toEqual([
      'api repos/acme/status/collaborators/bob/permission',
      'api --paginate',
      'workflow run',
      'issue comment',
    ]);
  });

  test('a malformed command gets the usage; an ordinary comment gets no answer', async () => {
    await opened();
    const before = replies().length;
    await comment('/status fixed It works', 'alice', '2026-11-24T02:10:00Z', 'runner-2');
    expect(replies().at(-1)!.input).toContain(
      '"fixed" is not a status; use investigating, identified, monitoring, update (or /resolve)',
    );
    await comment('Thanks for the quick fix!', 'alice', '2026-11-24T02:11:00Z', 'runner-3');
    expect(replies()).toHaveLength(before + 1);
  });
});

// Each test runs whole workflow jobs: room for a loaded machine.
describe('the notify job of the Deploy workflow', { timeout: 120_000 }, () => {
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
