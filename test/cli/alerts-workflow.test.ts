import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import {
  at,
  checkout,
  ghCalls,
  git,
  initSite,
  originFile,
  originFiles,
  runJob,
  type Site,
} from '../helpers/workflow.ts';

/** A draft's front matter, as far as these tests read it. */
type DraftFile = Record<string, unknown> & {
  updates: Record<string, unknown>[];
  alert: Record<string, unknown>;
};

// The "Status alerts" workflow (validated with the others in workflows.test.ts), end to end: an alert arrives as a repository_dispatch event, the draft
// lands on main with its Incident issue, and /publish on that issue publishes it.

const ALERT = JSON.parse(
  readFileSync('test/fixtures/ingest/payloads/alertmanager-firing.json', 'utf8'),
) as unknown;
const ID = '2026-11-24-elevated-api-errors';
const RULES = `alerts:
  - match: { service: api }
    components: [api]
    impact: partial_outage
    severity: P2
    title: Elevated API errors
`;

let site: Site;
/** A `gh` in front of the recording one that answers `issue create` with the new issue's address, as gh does. */
let issueGh: string;

beforeAll(async () => {
  site = await initSite();
  const setup = checkout(site, 'setup');
  const yaml = join(setup, 'content', 'site.yaml');
  writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}\n${RULES}`);
  git(setup, 'add', 'content/site.yaml');
  git(
    setup,
    '-c',
    'user.name=Dev',
    '-c',
    'user.email=dev@example.com',
    'commit',
    '--quiet',
    '-m',
    'Alert rules',
  );
  git(setup, 'push', '--quiet', 'origin', 'main');
  issueGh = join(site.root, 'issue-gh');
  mkdirSync(issueGh);
  writeFileSync(
    join(issueGh, 'gh'),
    `#!/bin/sh\n"${join(site.fakeBin, 'gh')}" "$@" || exit $?\nif [ "$1 $2" = "issue create" ]; then echo https://github.com/acme/status/issues/7; fi\n`,
  );
  chmodSync(join(issueGh, 'gh'), 0o755);
}, 60_000);

const alert = (time: string, name: string) =>
  runJob(
    site,
    checkout(site, name),
    'status-alerts.yml',
    'ingest',
    {
      event_name: 'repository_dispatch',
      event: { action: 'alert', client_payload: ALERT, repository: { default_branch: 'main' } },
      actor: 'alertmanager-bot',
      actor_id: '5005',
    },
    at(time),
    [issueGh],
  );

describe('the "Status alerts" workflow', { timeout: 120_000 }, () => {
  test('an alert lands a draft on main and opens its Incident issue; /publish there publishes it', async () => {
    const run = await alert('2026-11-24T02:00:00Z', 'runner-1');
    expect(run.steps.at(-1)!.code, run.steps.at(-1)!.err).toBe(0);
    expect(originFiles(site, 'content/incidents')).toContain(`${ID}.md`);
    const draft = parse(originFile(site, `content/incidents/${ID}.md`).split('---\n')[1]!) as DraftFile;
    expect(draft).toMatchObject({ draft: true, detection: 'alert', detected: '2026-11-24T00:52:26Z' });
    expect(draft.alert.issue).toBe(7);
    const calls = ghCalls(site);
    const created = calls.find((c) => c.args[0] === 'issue' && c.args[1] === 'create')!;
    expect(created.args).toEqual(
      expect.arrayContaining(['--label', 'incident', '--title', 'Draft incident: Elevated API errors']),
    );
    const comment = calls.find((c) => c.args[0] === 'issue' && c.args[1] === 'comment')!;
    expect(comment.args.slice(0, 3)).toEqual(['issue', 'comment', '7']);
    expect(comment.input).toContain(`<!-- statusmark-incident: ${ID} -->`);

    // The same alert again: the one draft, no second issue, no comment for a group that still fires.
    const again = await alert('2026-11-24T02:05:00Z', 'runner-2');
    expect(again.steps.at(-1)!.code, again.steps.at(-1)!.err).toBe(0);
    expect(originFiles(site, 'content/incidents').filter((f) => f.startsWith('2026-11-24'))).toEqual([
      `${ID}.md`,
    ]);
    expect(ghCalls(site).filter((c) => c.args[1] === 'create')).toHaveLength(1);

    const publish = await runJob(
      site,
      checkout(site, 'runner-3'),
      'status-chatops.yml',
      'chatops',
      {
        event_name: 'issue_comment',
        actor: 'alice',
        actor_id: '1001',
        event: {
          action: 'created',
          repository: { default_branch: 'main' },
          issue: {
            number: 7,
            title: 'Draft incident: Elevated API errors',
            body: '',
            labels: [{ name: 'incident' }],
          },
          comment: { body: '/publish', user: { login: 'alice', id: 1001 }, author_association: 'MEMBER' },
        },
      },
      { ...at('2026-11-24T02:20:00Z'), FAKE_GH_PERMISSIONS: JSON.stringify({ alice: 'write' }) },
    );
    expect(publish.skipped).toBeUndefined();
    expect(publish.steps.at(-1)!.code, publish.steps.at(-1)!.err).toBe(0);
    const published = parse(originFile(site, `content/incidents/${ID}.md`).split('---\n')[1]!) as DraftFile;
    expect(published.draft).toBeUndefined();
    expect(published.updates[0]!.at).toBe('2026-11-24T02:20:00Z');
    const replies = ghCalls(site).filter((c) => c.args.slice(0, 3).join(' ') === 'issue comment 7');
    expect(replies.at(-1)!.input).toContain(
      `Published the draft \`${ID}\`. It will be live at https://status.acme.example/incidents/${ID}/`,
    );
  });
});
