import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startGitHubStandIn, type StandIn, type StandInOptions } from '../helpers/github-stand-in.ts';
import {
  checkout,
  ghCalls,
  git,
  initSite,
  originFile,
  originLog,
  runJob,
  type Site,
} from '../helpers/workflow.ts';

// The "Follow-ups" workflow statusmark init writes: `follow-ups sync` every day, one pull request.

const POSTMORTEM = 'content/postmortems/2026-11-20-api-errors.md';
const NOW = { STATUSMARK_NOW: '2026-11-24T02:00:00Z' };

const INCIDENT = `---
title: API errors
severity: P2
started: 2026-11-20T10:00:00Z
mitigated: 2026-11-20T11:00:00Z
resolved: 2026-11-20T11:00:00Z
components:
  - id: api
    impact: partial_outage
updates:
  - at: 2026-11-20T10:05:00Z
    status: investigating
    message: We are looking into errors from the API.
  - at: 2026-11-20T11:00:00Z
    status: resolved
    message: The errors stopped after a rollback.
---
`;

const PM = `---
incident: 2026-11-20-api-errors
published: 2026-11-22T10:00:00Z
summary: The API returned errors for an hour after a deploy.
impact:
  description: About 5% of API requests failed.
  data_loss: false
root_causes:
  - A deploy shipped a connection pool limit of 1.
action_items:
  - title: Add a canary stage
    owner: Platform team
    type: prevent
    status: open
    link: https://github.com/acme/api/issues/12
  - title: Alert on the error rate
    owner: Platform team
    type: detect
    status: in_progress
    link: https://github.com/acme/api/issues/13
---

What happened, in prose.
`;

const CLOSED: StandInOptions['repos'] = {
  'acme/api': {
    12: { state: 'closed', state_reason: 'completed', closed_at: '2026-11-23T15:00:00Z' },
    13: { state: 'open', state_reason: null },
  },
};

let site: Site;
let github: StandIn | undefined;

// One site for the whole file, day after day (each run of the workflow costs seconds): the tests run
// in order, each on what the one before left on origin.
beforeAll(async () => {
  site = await initSite();
  // A site with one postmortem whose items link issues; components tracked since before the incident.
  const dir = join(site.root, 'site');
  const components = join(dir, 'content/components.yaml');
  writeFileSync(
    components,
    readFileSync(components, 'utf8').replace(/since: \d{4}-\d{2}-\d{2}/g, 'since: 2026-01-01'),
  );
  writeFileSync(join(dir, 'content/incidents/2026-11-20-api-errors.md'), INCIDENT);
  writeFileSync(join(dir, POSTMORTEM), PM);
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-qm', 'Postmortem');
  git(dir, 'push', '-q', 'origin', 'main');
});

afterEach(async () => {
  await github?.close();
  github = undefined;
});

let day = 0;
async function daily(repos: StandInOptions['repos'], vars: Record<string, string> = {}) {
  github = await startGitHubStandIn({ repos, token: 'ghs_test_token' });
  const calls = ghCalls(site).length;
  const run = await runJob(
    site,
    checkout(site, `day-${++day}`),
    'follow-ups.yml',
    'sync',
    {
      event_name: 'schedule',
      event: { schedule: '23 5 * * *' },
      actor: 'github-actions[bot]',
      actor_id: '41898282',
      vars,
    },
    { ...NOW, GITHUB_API_URL: github.url },
  );
  return { ...run, step: run.steps.at(-1)!, gh: ghCalls(site).slice(calls) };
}

const branches = () =>
  spawnSync('git', ['branch', '--format=%(refname:short)'], { cwd: site.origin, encoding: 'utf8' })
    .stdout.trim()
    .split('\n');

describe('the Follow-ups workflow', { timeout: 120_000 }, () => {
  test('passes the GitHub Actions workflow validator, runs daily and by hand, with minimal permissions', () => {
    const text = readFileSync(join(checkout(site, 'validator'), '.github/workflows/follow-ups.yml'), 'utf8');
    expect(validateWorkflow(text).errors).toEqual([]);
    const workflow = parse(text) as { on: Record<string, unknown>; permissions: Record<string, string> };
    expect(Object.keys(workflow.on)).toEqual(['schedule', 'workflow_dispatch']);
    expect(workflow.permissions).toEqual({ contents: 'write', 'pull-requests': 'write', issues: 'read' });
  });

  test('opens one pull request with what changed, leaves main for review, and fails for an issue it could not read', async () => {
    const run = await daily({ 'acme/api': { 12: CLOSED['acme/api']![12]!, 13: 410 } });
    expect(run.step.code, run.step.err).toBe(1);
    expect(run.step.out).toContain('acme/api#13: gone (410)');
    expect(originLog(site)[0]).toBe('Postmortem');
    expect(branches()).toContain('statusmark/follow-ups');
    expect(originFile(site, POSTMORTEM, 'statusmark/follow-ups')).toBe(
      PM.replace(
        '    status: open\n',
        '    status: done\n    as_of: 2026-11-23\n    completed: 2026-11-23\n',
      ),
    );
    const create = run.gh.find((c) => c.args[0] === 'pr' && c.args[1] === 'create');
    expect(create?.args).toEqual(
      expect.arrayContaining(['--base', 'main', '--head', 'statusmark/follow-ups']),
    );
    expect(run.summary).toContain(
      'changed      Add a canary stage: open → done as of 2026-11-23 (acme/api#12',
    );
    // The issues were read with the workflow's token.
    expect(github!.requests.every((r) => r.authorization === 'Bearer ghs_test_token')).toBe(true);
  });

  test('with FOLLOW_UPS_COMMIT=direct, commits to the default branch instead', async () => {
    const run = await daily(CLOSED, { FOLLOW_UPS_COMMIT: 'direct' });
    expect(run.step.code, run.step.err).toBe(0);
    expect(originLog(site)[0]!.split('\n')[0]).toBe('Follow-ups: action items from their issues');
    expect(originFile(site, POSTMORTEM)).toContain('    status: done\n    as_of: 2026-11-23\n');
    expect(run.gh.filter((c) => c.args[0] === 'pr')).toEqual([]);
  });

  test('when the items already match their issues, nothing is committed or opened', async () => {
    const before = originLog(site).length;
    const run = await daily(CLOSED);
    expect(run.step.code, run.step.err).toBe(0);
    expect(run.step.out).toContain('nothing to propose');
    expect(originLog(site)).toHaveLength(before);
    expect(run.gh).toEqual([]);
  });
});
