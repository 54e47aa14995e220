import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { frontMatterOf, runCli } from '../helpers/cli.ts';
import { startGitHubStandIn, type StandIn, type StandInOptions } from '../helpers/github-stand-in.ts';
import { tempDir } from '../helpers/temp.ts';

// `statusmark follow-ups sync` against a stand-in of GitHub's REST API on 127.0.0.1.

const ID = '2026-06-24-payments-api-outage';
const NOW = '2026-11-24T02:00:00Z';
const FIXTURE = 'test/fixtures/site';

/** The action items as the author wrote them: a comment, a quoted status, an own as_of, a fragment. */
const BEFORE = `# Statuses follow the tracker (statusmark follow-ups sync).
action_items:
  - title: Move temporary files of maintenance jobs to a separate volume
    owner: Database team
    type: prevent
    priority: P1
    status: open   # moved by the sync
    due: 2026-07-10
    link: https://github.com/kestrel/db/issues/412
  - title: Alert on disk growth rate, not only on usage
    type: detect
    status: "in_progress"
    as_of: 2026-07-01
    link: https://github.com/kestrel/db/issues/413
  - title: Extend the failover runbook to a read-only primary
    type: mitigate
    status: done
    completed: 2026-08-01
    due: 2026-09-30
    link: https://github.com/kestrel/runbooks/issues/7#issuecomment-1

  - title: Review disk use of every scheduled database job
    type: process
    status: open
    link: https://github.com/kestrel/db/issues/415
  - title: Page on read-only mode
    type: detect
    status: in_progress
    link: https://github.com/kestrel/db/pull/420
  - title: Try a second volume layout
    type: investigate
    status: open
    link: https://github.com/kestrel/db/pull/421/files
  - title: Keep sort files small
    type: prevent
    status: open
    link: https://github.com/kestrel/db/issues/422
  - title: Rehearse the failover
    type: process
    status: open
    link: https://tracker.kestrel.example/DB-9
  - title: Close the old ticket
    type: process
    status: open
    link: https://github.com/kestrel/db/issues/300
  - title: Already done
    type: prevent
    status: done
    completed: 2026-07-02
    link: https://github.com/kestrel/db/issues/301
  - title: No tracker
    type: process
    status: open
`;

/** What the tracker says about each. */
const REPOS: StandInOptions['repos'] = {
  'kestrel/db': {
    412: { state: 'closed', state_reason: 'completed', closed_at: '2026-07-07T16:20:00Z' },
    413: { state: 'closed', state_reason: 'not_planned', closed_at: '2026-08-03T09:00:00Z' },
    415: { state: 'open', state_reason: null },
    420: { state: 'closed', closed_at: '2026-09-10T12:00:00Z', merged_at: '2026-09-10T12:00:00Z' },
    421: { state: 'closed', closed_at: '2026-09-11T08:00:00Z', merged_at: null },
    422: { state: 'closed', state_reason: 'duplicate', closed_at: '2026-09-12T08:00:00Z' },
    300: { state: 'closed', state_reason: null, closed_at: '2026-07-20T23:59:00Z' },
    301: { state: 'closed', state_reason: 'completed', closed_at: '2026-07-02T10:00:00Z' },
  },
  'kestrel/runbooks': { 7: { state: 'open', state_reason: 'reopened' } },
};

/** The same items after the sync: only the moved items' status, as_of and completed differ. */
const AFTER = BEFORE.replace(
  'status: open   # moved by the sync\n',
  'status: done   # moved by the sync\n    as_of: 2026-07-07\n    completed: 2026-07-07\n',
)
  .replace('status: "in_progress"\n    as_of: 2026-07-01', 'status: "wont_do"\n    as_of: 2026-08-03')
  .replace('    status: done\n    completed: 2026-08-01\n', '    status: open\n    as_of: 2026-11-24\n')
  .replace(
    '    status: in_progress\n    link: https://github.com/kestrel/db/pull/420',
    '    status: done\n    as_of: 2026-09-10\n    completed: 2026-09-10\n    link: https://github.com/kestrel/db/pull/420',
  )
  .replace(
    '    status: open\n    link: https://github.com/kestrel/db/issues/300',
    '    status: done\n    as_of: 2026-07-20\n    completed: 2026-07-20\n    link: https://github.com/kestrel/db/issues/300',
  );

let root: string;
let file: string;
let original: string;
let github: StandIn | undefined;

beforeEach(() => {
  root = tempDir('follow-ups');
  mkdirSync(join(root, 'incidents'));
  mkdirSync(join(root, 'postmortems'));
  for (const name of ['site.yaml', 'components.yaml', `incidents/${ID}.md`])
    copyFileSync(join(FIXTURE, name), join(root, name));
  const fixture = readFileSync(join(FIXTURE, 'postmortems', `${ID}.md`), 'utf8');
  file = join(root, 'postmortems', `${ID}.md`);
  original = fixture.replace(/^action_items:\n(?: {2}.*\n)+/m, BEFORE);
  writeFileSync(file, original);
});

afterEach(async () => {
  await github?.close();
  github = undefined;
});

async function sync(
  options: Partial<StandInOptions> = {},
  env: Record<string, string> = {},
  ...args: string[]
) {
  github = await startGitHubStandIn({ repos: REPOS, token: 'ghp_test', ...options });
  return runCli(['follow-ups', 'sync', '--content', root, ...args], {
    STATUSMARK_NOW: NOW,
    GITHUB_API_URL: github.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_TOKEN: 'ghp_test',
    ...env,
  });
}

const items = () =>
  frontMatterOf(file).action_items as { title: string; status: string; as_of?: string; completed?: string }[];

describe('statusmark follow-ups sync', () => {
  test('moves each item as its issue says, and changes nothing else in the file', async () => {
    const result = await sync();
    expect(result.code, result.all).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(original.replace(BEFORE, AFTER));
    expect((await runCli(['check', '--content', root], { STATUSMARK_NOW: NOW })).code).toBe(0);
  });

  test('reports every linked item: what changed, what did not and why, what was skipped', async () => {
    const { out } = await sync();
    const lines = out.trimEnd().split('\n');
    const line = (title: string) => lines.find((l) => l.includes(title)) ?? '';
    expect(line('Move temporary files')).toMatch(
      /^ {2}changed +Move temporary files .*: open → done as of 2026-07-07 \(kestrel\/db#412 closed as completed on 2026-07-07\)$/,
    );
    expect(line('Alert on disk growth')).toContain('in_progress → wont_do as of 2026-08-03');
    expect(line('Extend the failover runbook')).toContain(
      'done → open as of 2026-11-24 (kestrel/runbooks#7 reopened)',
    );
    expect(line('Review disk use')).toMatch(/unchanged +Review disk use.*: open \(kestrel\/db#415 open\)$/);
    expect(line('Try a second volume')).toMatch(
      /unchanged .*pull request closed without merging on 2026-09-11.*left as written/,
    );
    expect(line('Keep sort files small')).toMatch(
      /unchanged .*closed as a duplicate.*point link: at that one/,
    );
    expect(line('Rehearse the failover')).toMatch(/skipped .*tracker\.kestrel\.example, not github\.com/);
    expect(line('No tracker')).toBe('');
    expect(lines.at(-1)).toBe('5 changed, 4 unchanged, 1 skipped.');
  });

  test('a file with Windows line endings keeps them on every line, the new ones too', async () => {
    writeFileSync(file, original.replaceAll('\n', '\r\n'));
    const result = await sync();
    expect(result.code, result.all).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(original.replace(BEFORE, AFTER).replaceAll('\n', '\r\n'));
  });

  test('--dry-run says what would change and writes nothing', async () => {
    const result = await sync({}, {}, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.out).toContain('would change Move temporary files');
    expect(result.out).toContain('Nothing was written (--dry-run).');
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  test('a deleted issue (404, 410) is named and left; the other items are still written; exit 1', async () => {
    const repos = {
      ...REPOS,
      'kestrel/db': { ...REPOS['kestrel/db'], 415: 404 as const, 422: 410 as const },
    };
    const result = await sync({ repos });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/not read +Review disk use.*kestrel\/db#415: not found \(404\)/);
    expect(result.out).toMatch(
      /not read +Keep sort files small.*kestrel\/db#422: gone \(410\): the issue was deleted/,
    );
    expect(items().find((i) => i.title.startsWith('Move temporary'))?.status).toBe('done');
  });

  test('a spent rate limit stops the requests; the rest are named with the reset time, what was read is written', async () => {
    const result = await sync({ rateLimit: 2 });
    expect(result.code).toBe(1);
    // The requests already in flight when the limit was hit (four at a time), then none.
    expect(github!.requests.length).toBeLessThanOrEqual(2 + 4);
    const notRead = result.out.split('\n').filter((l) => l.startsWith('  not read'));
    expect(notRead.length).toBeGreaterThan(0);
    for (const l of notRead)
      expect(l).toMatch(/GitHub's rate limit is used up until 2026-11-30 \d{2}:\d{2} UTC/);
    const changed = result.out.split('\n').filter((l) => /^ {2}changed/.test(l));
    for (const l of changed) {
      const title = items().find((i) => l.includes(i.title.slice(0, 40)));
      expect(title?.status, l).toBe(/→ (\w+)/.exec(l)![1]);
    }
    expect((await runCli(['check', '--content', root], { STATUSMARK_NOW: NOW })).code).toBe(0);
  });

  test('without GITHUB_TOKEN it reads as an anonymous client and says so; a refused token is named', async () => {
    const anonymous = await sync({ token: undefined }, { GITHUB_TOKEN: '' });
    expect(anonymous.code).toBe(0);
    expect(anonymous.out.split('\n')[0]).toBe(
      'No GITHUB_TOKEN: reading as an anonymous client (public repositories only, 60 requests an hour).',
    );
    expect(github!.requests.every((r) => r.authorization === undefined)).toBe(true);
    await github!.close();
    writeFileSync(file, original);
    const refused = await sync({}, { GITHUB_TOKEN: 'ghp_expired' });
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('GitHub refused the token in GITHUB_TOKEN (401: Bad credentials)');
    // One refusal stops the run: every later request would be refused too.
    expect(github!.requests.length).toBeLessThanOrEqual(4);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  test('a closing date after the clock is refused by the same check as every write, naming the field', async () => {
    const repos = {
      ...REPOS,
      'kestrel/db': {
        412: {
          state: 'closed' as const,
          state_reason: 'completed' as const,
          closed_at: '2026-12-01T10:00:00Z',
        },
      },
    };
    const result = await sync({ repos });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/not written +Move temporary files/);
    expect(result.out).toMatch(/:\d+ {2}action_items\[0\]\.as_of {2}is in the future/);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  test('a pull request whose issue has no merged_at (older GitHub Enterprise) is read from the pulls endpoint', async () => {
    const repos = {
      ...REPOS,
      'kestrel/db': {
        ...REPOS['kestrel/db'],
        420: {
          state: 'closed' as const,
          closed_at: '2026-09-10T12:00:00Z',
          merged_at: '2026-09-10T12:00:00Z',
          no_merged_at_in_issue: true,
        },
      },
    };
    const result = await sync({ repos });
    expect(result.code, result.all).toBe(0);
    expect(github!.requests.map((r) => r.path)).toContain('/repos/kestrel/db/pulls/420');
    expect(items().find((i) => i.title === 'Page on read-only mode')).toMatchObject({
      status: 'done',
      as_of: '2026-09-10',
    });
  });

  test('an item written in flow style is written out again, still valid', async () => {
    writeFileSync(
      file,
      original.replace(
        '  - title: Already done\n',
        '  - {title: Flow item, type: detect, status: open, link: "https://github.com/kestrel/db/issues/412"}\n  - title: Already done\n',
      ),
    );
    const result = await sync();
    expect(result.code, result.all).toBe(0);
    expect(items().find((i) => i.title === 'Flow item')).toMatchObject({
      status: 'done',
      as_of: '2026-07-07',
    });
    expect((await runCli(['check', '--content', root], { STATUSMARK_NOW: NOW })).code).toBe(0);
  });

  test('GITHUB_API_URL that is not an address is a usage error; --help explains the mapping', async () => {
    const bad = await sync({}, { GITHUB_API_URL: 'api.github.com' });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('GITHUB_API_URL must be an http(s) address');
    const help = await runCli(['follow-ups', 'sync', '--help']);
    expect(help.out).toContain('closed as not planned            → status: wont_do');
  });
});

describe('many items in one repository', () => {
  /** `count` items linking kestrel/big issues 1…count, each open in the file and closed on GitHub. */
  function manyItems(count: number): void {
    const block = Array.from(
      { length: count },
      (_, i) =>
        `  - title: Item ${i + 1}\n    type: process\n    status: open\n    link: https://github.com/kestrel/big/issues/${i + 1}\n`,
    ).join('');
    writeFileSync(file, original.replace(BEFORE, `action_items:\n${block}`));
  }
  const closed = {
    state: 'closed' as const,
    state_reason: 'completed' as const,
    closed_at: '2026-10-01T10:00:00Z',
  };

  test('are read from the issue list, page by page (Link header)', async () => {
    manyItems(12);
    const big = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i + 1, closed]));
    const result = await sync({ repos: { 'kestrel/big': big }, pageSize: 5 });
    expect(result.code, result.all).toBe(0);
    const paths = github!.requests.map((r) => r.path);
    expect(paths).toHaveLength(3);
    expect(paths[0]).toMatch(/^\/repos\/kestrel\/big\/issues\?state=all&/);
    expect(paths.slice(1).map((p) => new URLSearchParams(p.split('?')[1]).get('page'))).toEqual(['2', '3']);
    expect(items().every((i) => i.status === 'done' && i.as_of === '2026-10-01')).toBe(true);
  });

  test('are read one by one when the list has more pages than there are items', async () => {
    manyItems(10);
    const big = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [i + 1, closed]));
    const result = await sync({ repos: { 'kestrel/big': big }, pageSize: 20 });
    expect(result.code, result.all).toBe(0);
    const paths = github!.requests.map((r) => r.path);
    expect(paths.filter((p) => p.includes('?'))).toHaveLength(1);
    expect(paths.filter((p) => /\/issues\/\d+$/.test(p)).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `/repos/kestrel/big/issues/${i + 1}`).sort(),
    );
    expect(items().every((i) => i.status === 'done')).toBe(true);
  });
});
