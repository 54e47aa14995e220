import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { frontMatterOf, runCli, runCliAsync } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const ID = '2026-11-22-elevated-api-errors';
let root: string;
let file: string;

const cli = (now: string, ...args: string[]) => runCli([...args, '--content', root], { STATUSMARK_NOW: now });
const cliAsync = (now: string, ...args: string[]) =>
  runCliAsync([...args, '--content', root], { STATUSMARK_NOW: now });
const updates = () => frontMatterOf(file).updates as { message: string }[];

beforeEach(() => {
  root = tempDir('safe');
  cpSync('test/fixtures/site', root, { recursive: true });
  file = join(root, 'incidents', `${ID}.md`);
});

describe('writes that lose nothing', () => {
  test('a message with a Markdown rule stays whole through later updates', () => {
    const message = 'Fix deployed.\n\n---\n\nDetails: the cache node was replaced.';
    expect(
      cli('2026-11-23T01:20:00Z', 'update', ID, '--status', 'identified', '--message', message).code,
    ).toBe(0);
    expect(
      cli('2026-11-23T01:30:00Z', 'update', ID, '--status', 'monitoring', '--message', 'Watching.').code,
    ).toBe(0);
    const all = updates();
    expect(all.at(-2)?.message).toBe(message);
    expect(all.at(-1)?.message).toBe('Watching.');
    expect(cli('2026-11-23T01:30:00Z', 'check').code).toBe(0);
  });

  test('a title containing "---" does not break later updates', () => {
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: API errors --- eu-west'));
    const result = cli(
      '2026-11-23T01:20:00Z',
      'update',
      ID,
      '--status',
      'identified',
      '--message',
      'Found it.',
    );
    expect(result.code, result.all).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^title: API errors --- eu-west$/m);
  });

  // The second writer may also be refused by validation (its update would come before the first's).
  test('two updates at once: both land, or the second is refused with a message, never one lost', async () => {
    const before = updates().length;
    const [a, b] = await Promise.all([
      cliAsync('2026-11-23T01:20:00Z', 'update', ID, '--status', 'identified', '--message', 'From A.'),
      cliAsync('2026-11-23T01:21:00Z', 'update', ID, '--status', 'identified', '--message', 'From B.'),
    ]);
    const landed = updates().length - before;
    const succeeded = [a, b].filter((r) => r.code === 0).length;
    expect(landed).toBe(succeeded);
    for (const refused of [a, b].filter((r) => r.code !== 0))
      expect(refused.all).toMatch(
        /changed since this command read it|is being written by another command|Refusing to write/,
      );
  });

  test('a write leaves no temporary or lock file behind', () => {
    expect(
      cli('2026-11-23T01:20:00Z', 'update', ID, '--status', 'identified', '--message', 'Found it.').code,
    ).toBe(0);
    expect(readdirSync(join(root, 'incidents')).filter((name) => /\.(tmp|lock)$/.test(name))).toEqual([]);
  });

  test('update --at a time check would refuse (after the clock) is refused', () => {
    const original = readFileSync(file, 'utf8');
    const result = cli(
      '2026-11-23T01:20:00Z',
      'update',
      ID,
      '--status',
      'identified',
      '--message',
      'x',
      '--at',
      '2026-11-25T00:00:00Z',
    );
    expect(result.code).toBe(1);
    expect(result.all).toContain('is after the build clock');
    expect(readFileSync(file, 'utf8')).toBe(original);
  });
});
