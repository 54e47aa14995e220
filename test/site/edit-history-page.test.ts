import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSiteAsync, readPage, text } from '../helpers/build.ts';
import { tempDir } from '../helpers/temp.ts';

/** Git with a fixed identity and date, no signing and no user configuration: runs on any machine. */
function git(cwd: string, args: string[], date: string): void {
  const result = spawnSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'On call',
      GIT_AUTHOR_EMAIL: 'oncall@example.com',
      GIT_COMMITTER_NAME: 'On call',
      GIT_COMMITTER_EMAIL: 'oncall@example.com',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

const incident = (started: string, severity: string, message: string) =>
  [
    '---',
    'title: Elevated API errors',
    `severity: ${severity}`,
    `started: ${started}`,
    'components:',
    '  - id: api',
    '    impact: partial_outage',
    'updates:',
    '  - at: 2026-11-21T14:20:00Z',
    '    status: investigating',
    `    message: ${message}`,
    '---',
    '',
  ].join('\n');

let dist = '';
beforeAll(async () => {
  const repo = tempDir('edit-history-site');
  const content = join(repo, 'content');
  cpSync('test/fixtures/base', content, { recursive: true });
  mkdirSync(join(content, 'incidents'), { recursive: true });
  const file = join(content, 'incidents', '2026-11-21-elevated-api-errors.md');
  git(repo, ['init', '-q'], '2026-11-21T14:30:00Z');
  writeFileSync(file, incident('2026-11-21T14:10:00Z', 'P3', 'We are looking into errors.'));
  git(repo, ['add', '-A'], '2026-11-21T14:30:00Z');
  git(repo, ['commit', '-q', '-m', 'Open the incident'], '2026-11-21T14:30:00Z');
  writeFileSync(file, incident('2026-11-21T14:02:00Z', 'P1', 'We are looking into errors.'));
  git(repo, ['commit', '-q', '-am', 'Start was earlier; raise to P1'], '2026-11-21T16:00:00Z');
  writeFileSync(file, incident('2026-11-21T14:02:00Z', 'P1', 'We are looking into the errors.'));
  git(repo, ['commit', '-q', '-am', 'Wording [typo]'], '2026-11-21T17:00:00Z');
  dist = tempDir('edit-history-dist');
  const build = await buildSiteAsync(content, {
    STATUSMARK_OUT_DIR: dist,
    STATUSMARK_NOW: '2026-11-23T12:00:00Z',
  });
  expect(build.status, build.output).toBe(0);
}, 300_000);

describe('the edit history on an incident page, read from the repository at build time', () => {
  test('lists the start moved and the severity raised after publication, and not the typo fix', () => {
    const section = text(
      readPage(dist, '/incidents/2026-11-21-elevated-api-errors/').querySelector('#edit-history')
        ?.parentElement,
    );
    expect(section).toMatch(/moved from Nov 21, 2026, 14:10 UTC to Nov 21, 2026, 14:02 UTC/);
    expect(section).toMatch(/raised from P3 to P1/);
    expect(section).not.toMatch(/edited/i);
  });
});
