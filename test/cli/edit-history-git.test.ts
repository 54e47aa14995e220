import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { editsOf } from '../../src/domain/edit-history.ts';
import { readEditHistory, withEditHistory } from '../../src/integration/git-history.ts';
import { siteContent } from '../helpers/entries.ts';
import { git } from '../helpers/git.ts';
import { tempDir } from '../helpers/temp.ts';

const NOW = Date.parse('2026-12-01T00:00:00Z');

function incident(started: string, severity: string, title = 'Elevated API errors'): string {
  return [
    '---',
    `title: ${title}`,
    `severity: ${severity}`,
    `started: ${started}`,
    'components:',
    '  - id: api',
    '    impact: partial_outage',
    'updates:',
    '  - at: 2026-11-21T14:20:00Z',
    '    status: investigating',
    '    message: We are looking into errors.',
    '---',
    '',
  ].join('\n');
}

function commit(repo: string, file: string, text: string, message: string, date: string): void {
  writeFileSync(join(repo, file), text);
  git(repo, ['add', '--', file]);
  git(repo, ['commit', '-q', '-m', message], date);
}

let repo: string;

beforeAll(() => {
  repo = tempDir('edit-history-git');
  mkdirSync(join(repo, 'content', 'incidents'), { recursive: true });
  git(repo, ['init', '-q']);
  const file = 'content/incidents/2026-11-21-api-errors.md';
  commit(repo, file, incident('2026-11-21T14:10:00Z', 'P2'), 'Open incident', '2026-11-21T14:25:00Z');
  commit(repo, file, incident('2026-11-21T14:02:00Z', 'P1'), 'Correct the start', '2026-11-22T09:00:00Z');
  commit(
    repo,
    file,
    incident('2026-11-21T14:02:00Z', 'P1', 'Elevated API error rates'),
    'Wording [typo]',
    '2026-11-22T10:00:00Z',
  );
});

describe('the edit history read from a real repository', () => {
  test('the moved start and the raised severity, by the commit that made them; the [typo] commit hidden', async () => {
    const history = await readEditHistory(join(repo, 'content'), NOW, 'UTC');
    expect(history.available).toBe(true);
    if (!history.available) return;
    const entries = history.incidents.get('2026-11-21-api-errors') ?? [];
    expect(entries.map((entry) => entry.commit)).toEqual([git(repo, ['rev-parse', 'HEAD~1']).trim()]);
    expect([...history.incidents]).toEqual([
      [
        '2026-11-21-api-errors',
        [
          {
            at: Date.parse('2026-11-22T09:00:00Z'),
            commit: entries[0]?.commit,
            changes: [
              { kind: 'severity', from: 'P2', to: 'P1' },
              {
                kind: 'time_moved',
                field: 'started',
                from: Date.parse('2026-11-21T14:10:00Z'),
                to: Date.parse('2026-11-21T14:02:00Z'),
              },
            ],
          },
        ],
      ],
    ]);
    expect(history.postmortems.size).toBe(0);
  });

  test('a renamed file keeps its history under its new id', async () => {
    const copy = tempDir('edit-history-rename');
    git(copy, ['clone', '-q', repo, '.']);
    git(
      copy,
      ['mv', 'content/incidents/2026-11-21-api-errors.md', 'content/incidents/2026-11-21-errors.md'],
      '2026-11-23T09:00:00Z',
    );
    git(copy, ['commit', '-q', '-m', 'Rename'], '2026-11-23T09:00:00Z');
    const history = await readEditHistory(join(copy, 'content'), NOW, 'UTC');
    expect(history.available && [...history.incidents.keys()]).toEqual(['2026-11-21-errors']);
  });

  test('a shallow clone has no history to read, and says how to get it', async () => {
    const shallow = tempDir('edit-history-shallow');
    git(shallow, ['clone', '-q', '--depth', '1', `file://${repo}`, '.']);
    expect(await readEditHistory(join(shallow, 'content'), NOW, 'UTC')).toEqual({
      available: false,
      reason: 'this is a shallow clone; fetch the full history (fetch-depth: 0) to show it',
    });
  });

  test('a build from a shallow clone says why once, and its pages show no edits', async () => {
    const shallow = tempDir('edit-history-shallow-build');
    git(shallow, ['clone', '-q', '--depth', '1', `file://${repo}`, '.']);
    const warnings: string[] = [];
    const logger = { warn: (text: string) => warnings.push(text) };
    const first = withEditHistory(siteContent(), join(shallow, 'content'), logger);
    const again = withEditHistory(siteContent(), join(shallow, 'content'), logger);
    expect(await editsOf(first, 'incidents', '2026-11-21-api-errors')).toEqual([]);
    expect(await editsOf(again, 'incidents', '2026-11-21-api-errors')).toEqual([]);
    expect(warnings).toEqual([
      'Edit history left out: this is a shallow clone; fetch the full history (fetch-depth: 0) to show it',
    ]);
  });

  test('a build from a full clone hands the edits to the pages', async () => {
    const content = withEditHistory(siteContent(), join(repo, 'content'), { warn: () => undefined });
    const edits = await editsOf(content, 'incidents', '2026-11-21-api-errors');
    expect(edits.map((entry) => entry.changes.map((change) => change.kind))).toEqual([
      ['severity', 'time_moved'],
    ]);
    expect(await editsOf(content, 'postmortems', '2026-11-21-api-errors')).toEqual([]);
  });

  test('a folder outside any repository (a tarball) says so', async () => {
    const plain = tempDir('edit-history-plain');
    mkdirSync(join(plain, 'incidents'));
    expect(await readEditHistory(plain, NOW, 'UTC')).toEqual({
      available: false,
      reason:
        'the content folder is not in a git repository (a copy or a tarball); build from a clone to show it',
    });
  });
});

describe('the deploy workflow statusmark init writes', () => {
  test('checks out the whole history, which the edit history reads', () => {
    const workflow = parse(readFileSync('templates/site/github/workflows/deploy.yml', 'utf8')) as {
      jobs: { build: { steps: { uses?: string; with?: Record<string, unknown> }[] } };
    };
    const checkout = workflow.jobs.build.steps.find((step) => step.uses?.startsWith('actions/checkout'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
  });
});
