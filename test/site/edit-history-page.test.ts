import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSiteAsync, readPage, text } from '../helpers/build.ts';
import { git } from '../helpers/git.ts';
import { tempDir } from '../helpers/temp.ts';

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
