import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import {
  addField,
  appendToList,
  readEditable,
  renderEditable,
  type EditableFile,
} from '../../src/cli/files.ts';
import { parseMarkdownFile } from '../../src/loader/front-matter.ts';
import { frontMatterOf, runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const INCIDENTS = 'test/fixtures/site/incidents';
const ID = '2026-11-22-elevated-api-errors';
/** `statusmark update <ID> --status identified --message …` against a content folder. */
const identified = (root: string, message: string, ...extra: string[]) =>
  runCli(['update', ID, '--status', 'identified', '--message', message, ...extra, '--content', root], {
    STATUSMARK_NOW: '2026-11-23T01:20:00Z',
  });
const incidentFiles = readdirSync(INCIDENTS).filter((name) => /^\d.*\.md$/.test(name));

/**
 * What a reviewer sees: the lines of the old file must all still be there, in order and unchanged,
 * and every other line of the new file is an added one.
 */
function addedLines(before: string, after: string): string[] {
  const old = before.split('\n');
  const added: string[] = [];
  let i = 0;
  for (const line of after.split('\n')) {
    if (i < old.length && line === old[i]) i++;
    else added.push(line);
  }
  expect(i, 'every line of the old file is kept, unchanged and in order').toBe(old.length);
  return added;
}

function edited(path: string, edit: (file: EditableFile) => void): { before: string; after: string } {
  const file = readEditable(path);
  edit(file);
  return { before: file.original, after: renderEditable(file) };
}

describe('an edit changes only what it adds', () => {
  test.each(incidentFiles)('posting an update to %s adds only the update', (name) => {
    const { before, after } = edited(join(INCIDENTS, name), (file) =>
      appendToList(file, 'updates', {
        at: file.time(Date.UTC(2026, 10, 23, 1, 20, 30, 456)),
        status: 'monitoring',
        message:
          'A fix is deployed and error rates are back to normal: we are watching the queue drain before we call this resolved, which may take an hour.',
      }),
    );
    const added = addedLines(before, after).filter((line) => line.trim() !== '');
    expect(added[0]).toMatch(/^\s*- at: 2026-11-23T01:20(:30)?Z$/);
    expect(added.join('\n')).toContain('status: monitoring');
    expect(added.join('\n')).not.toContain('.456');
    const updates = parseMarkdownFile(after).data as { updates: { message: string }[] };
    expect(updates.updates.at(-1)?.message).toMatch(/^A fix is deployed.*take an hour\.$/);
  });

  test('a new field goes after the field it follows, and nothing else moves', () => {
    const path = join(INCIDENTS, '2026-11-22-elevated-api-errors.md');
    const { before, after } = edited(path, (file) => {
      if (!file.doc.has('mitigated')) addField(file, 'mitigated', '2026-11-23T01:20:00Z');
      addField(file, 'resolved', '2026-11-23T01:30:00Z');
    });
    const added = addedLines(before, after);
    expect(added).toContain('resolved: 2026-11-23T01:30:00Z');
    const lines = after.split('\n');
    const resolvedAt = lines.indexOf('resolved: 2026-11-23T01:30:00Z');
    expect(lines[resolvedAt - 1]).toMatch(/^(mitigated|identified|acknowledged|detection|detected|started):/);
  });

  test('blank lines between updates, comments and odd indentation are kept, and followed', () => {
    const root = tempDir('edits');
    const path = join(root, 'incident.md');
    const source = [
      '---',
      'title: "Checkout errors"   # shown on the home page',
      'started: 2026-11-23T01:00Z',
      'updates:',
      '    - at: 2026-11-23T01:05Z',
      '      status: investigating',
      '      message: >',
      '        We are looking',
      '        into it.',
      '',
      '    - at: 2026-11-23T01:10Z',
      '      status: identified',
      '      message: Found.',
      '',
      '# resolved: later',
      '---',
      'Body stays.',
      '',
    ].join('\n');
    writeFileSync(path, source);
    const { before, after } = edited(path, (file) =>
      appendToList(file, 'updates', {
        at: file.time(Date.UTC(2026, 10, 23, 1, 20, 45)),
        status: 'monitoring',
        message: 'Watching.',
      }),
    );
    expect(after).toBe(
      before.replace(
        '      message: Found.\n',
        '      message: Found.\n\n    - at: 2026-11-23T01:20Z\n      status: monitoring\n      message: Watching.\n',
      ),
    );
  });
});

describe('Windows line endings', () => {
  let root: string;
  beforeEach(() => {
    root = tempDir('crlf');
    cpSync('test/fixtures/site', root, { recursive: true });
  });

  test('a valid incident saved with CRLF passes check, and update keeps CRLF on every line', async () => {
    const path = join(root, 'incidents', '2026-11-22-elevated-api-errors.md');
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll('\n', '\r\n'));
    const env = { STATUSMARK_NOW: '2026-11-23T01:20:00Z' };
    const check = await runCli(['check', '--content', root], env);
    expect(check.code, check.all).toBe(0);
    const result = await identified(root, 'Found it.');
    expect(result.code, result.all).toBe(0);
    expect(result.out).toContain('Posted the "identified" update');
    expect(result.out).toContain(
      'Once deployed, it is at https://status.kestrel.example/incidents/2026-11-22-elevated-api-errors/',
    );
    const text = readFileSync(path, 'utf8');
    expect(text.split('\r\n').length).toBeGreaterThan(20);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect((frontMatterOf(path).updates as { message: string }[]).at(-1)?.message).toBe('Found it.');
  });
});

describe('update --component id=impact', () => {
  test('ends the open phase, starts the new one, adds a new component, ends one; only added lines', async () => {
    const root = tempDir('impacts');
    cpSync('test/fixtures/site', root, { recursive: true });
    const path = join(root, 'incidents', '2026-11-22-elevated-api-errors.md');
    const before = readFileSync(path, 'utf8');
    const env = { STATUSMARK_NOW: '2026-11-23T01:20:00Z' };
    const result = await identified(
      root,
      'Errors now affect every API request.',
      ...['--component', 'api=major_outage', '--component', 'checkout:degraded_performance'],
      ...['--component', 'webhooks=operational'],
    );
    expect(result.code, result.all).toBe(0);
    const after = readFileSync(path, 'utf8');
    expect(addedLines(before, after).length).toBeGreaterThan(8);
    expect(frontMatterOf(path).components).toEqual([
      { id: 'api', impact: 'partial_outage', to: '2026-11-23T01:20:00Z' },
      { id: 'webhooks', impact: 'degraded_performance', to: '2026-11-23T01:20:00Z' },
      { id: 'api', impact: 'major_outage', from: '2026-11-23T01:20:00Z' },
      { id: 'checkout', impact: 'degraded_performance', from: '2026-11-23T01:20:00Z' },
    ]);
    const status = await runCli(['status', '--content', root], env);
    expect(status.out).toContain('✕ Major outage: Payments API');
    expect(status.out).toContain('◐ Degraded performance: Hosted checkout');
    expect(status.out).not.toContain(': Webhooks\n');
  });

  test('an impact that is not one is a usage error, and nothing is written', async () => {
    const root = tempDir('impacts');
    cpSync('test/fixtures/site', root, { recursive: true });
    const path = join(root, 'incidents', '2026-11-22-elevated-api-errors.md');
    const before = readFileSync(path, 'utf8');
    const result = await identified(root, 'x', '--component', 'api=down');
    expect(result.code).toBe(2);
    expect(result.err).toContain('--component api=down: "down" is not an impact; use degraded_performance');
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});
