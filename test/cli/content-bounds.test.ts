import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

// Issue 27: an update that would stop every later build is refused before it is written.

const ID = '2026-11-22-elevated-api-errors';
const NOW = { STATUSMARK_NOW: '2026-11-23T01:20:00Z' };
let root: string;
let file: string;

beforeEach(() => {
  root = join(tempDir('content-bounds'), 'content');
  cpSync('test/fixtures/site', root, { recursive: true });
  file = join(root, 'incidents', `${ID}.md`);
});

const update = (message: string) =>
  runCli(['update', ID, '--status', 'identified', '--message', message, '--content', root], NOW);

describe('update refuses Markdown check would refuse, and writes nothing', () => {
  test('the 40 KB message of 20,000 nested quotes', async () => {
    const before = readFileSync(file, 'utf8');
    const result = await update(`${'> '.repeat(20_000)}x`);
    expect(result.code).toBe(1);
    expect(result.all).toContain('Refusing to write');
    expect(result.all).toMatch(
      /incidents\/2026-11-22-elevated-api-errors\.md:\d+ {2}updates\[\d+\]\.message {2}is 40,001 characters long, more than the 5,000 it may hold/,
    );
    expect(result.all).not.toMatch(/Maximum call stack|\n\s+at /);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  test('a short message nested too deep', async () => {
    const result = await update(`${'> '.repeat(100)}x`);
    expect(result.code).toBe(1);
    expect(result.all).toContain('nests block quotes and list items more than 32 deep; flatten them');
  });

  test('check names the file and line of a body too deep to render, with no stack trace', async () => {
    writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n\n${'- '.repeat(5000)}x\n`);
    const result = await runCli(['check', '--content', root], NOW);
    expect(result.code).toBe(1);
    expect(result.all).toMatch(
      /incidents\/2026-11-22-elevated-api-errors\.md:\d+ {2}\(body\) {2}nests block quotes and list items more than 32 deep/,
    );
    expect(result.all).not.toMatch(/\n\s+at /);
  });
});
