import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, utimesSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, inject, test } from 'vitest';
import { parse } from 'yaml';
import { splitFrontMatter } from '../../src/loader/front-matter.ts';
import { frontMatterOf, type CliResult } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

// Every command here is a process of its own, as writers side by side are (a lock names its pid, a
// kill ends one): the command line bundled once per run (test/setup/cli-bundle.ts), which starts in
// a twentieth of tsx's time.
const BUNDLE = inject('cliBundle');
const spawnCommand = (args: string[], env: Record<string, string>, detached = false) =>
  spawn(process.execPath, [BUNDLE, ...args], {
    env: { ...process.env, ...env },
    detached,
    stdio: detached ? 'ignore' : 'pipe',
  });

function runCli(args: string[], env: Record<string, string>): CliResult {
  const result = spawnSync(process.execPath, [BUNDLE, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return {
    code: result.status,
    out: result.stdout,
    err: result.stderr,
    all: `${result.stdout}${result.stderr}`,
  };
}

function runCliAsync(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawnCommand(args, env);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, out, err, all: `${out}${err}` })));
}

const ID = '2026-11-22-elevated-api-errors';
let root: string;
let file: string;

const cli = (now: string, ...args: string[]) => runCli([...args, '--content', root], { STATUSMARK_NOW: now });
const cliAsync = (now: string, ...args: string[]) =>
  runCliAsync([...args, '--content', root], { STATUSMARK_NOW: now });
/** `statusmark update ID --status S --message M …` at a clock. */
const post = (now: string, status: string, message: string, ...extra: string[]) =>
  cli(now, 'update', ID, '--status', status, '--message', message, ...extra);
const postAsync = (now: string, status: string, message: string) =>
  cliAsync(now, 'update', ID, '--status', status, '--message', message);
const updates = () => frontMatterOf(file).updates as { message: string }[];

beforeEach(() => {
  root = tempDir('safe');
  cpSync('test/fixtures/site', root, { recursive: true });
  file = join(root, 'incidents', `${ID}.md`);
});

describe('writes that lose nothing', () => {
  test('a message with a Markdown rule stays whole through later updates', () => {
    const message = 'Fix deployed.\n\n---\n\nDetails: the cache node was replaced.';
    expect(post('2026-11-23T01:20:00Z', 'identified', message).code).toBe(0);
    expect(post('2026-11-23T01:30:00Z', 'monitoring', 'Watching.').code).toBe(0);
    const all = updates();
    expect(all.at(-2)?.message).toBe(message);
    expect(all.at(-1)?.message).toBe('Watching.');
    expect(cli('2026-11-23T01:30:00Z', 'check').code).toBe(0);
  });

  test('a title containing "---" does not break later updates', () => {
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: API errors --- eu-west'));
    const result = post('2026-11-23T01:20:00Z', 'identified', 'Found it.');
    expect(result.code, result.all).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^title: API errors --- eu-west$/m);
  });

  // The second writer may also be refused by validation (its update would come before the first's).
  test('two updates at once: both land, or the second is refused with a message, never one lost', async () => {
    const before = updates().length;
    const [a, b] = await Promise.all([
      postAsync('2026-11-23T01:20:00Z', 'identified', 'From A.'),
      postAsync('2026-11-23T01:21:00Z', 'identified', 'From B.'),
    ]);
    const landed = updates().length - before;
    const succeeded = [a, b].filter((r) => r.code === 0).length;
    expect(landed).toBe(succeeded);
    for (const refused of [a, b].filter((r) => r.code !== 0))
      expect(refused.all).toMatch(
        /changed since this command read it|is being written by another command|Refusing to write/,
      );
  });

  // Each trial kills the command right after its k-th change to the folder (the lock, the temporary
  // file, its contents, the rename, …), so every step of a write is interrupted once. A file near the
  // largest body check accepts makes the write itself take a while.
  test('killed at any step of a write, update leaves the old file or the new one, and the next update works', async () => {
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n${'Background paragraph. '.repeat(2_200)}\n`);
    const outcomes: string[] = [];
    let killed = 0;
    for (let trial = 1; trial <= 8; trial++) {
      const old = readFileSync(file, 'utf8');
      const child = spawnCommand(
        ['update', ID, '--status', 'monitoring', '--message', `Trial ${trial}.`, '--content', root],
        { STATUSMARK_NOW: `2026-11-23T02:${String(10 + trial).padStart(2, '0')}:00Z` },
        true,
      );
      const exited = new Promise<NodeJS.Signals | null>((done) =>
        child.on('exit', (_code, signal) => done(signal)),
      );
      let seen = 0;
      const watcher = watch(join(root, 'incidents'), () => {
        if (++seen === trial) {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // It had finished.
          }
        }
      });
      if ((await exited) === 'SIGKILL') killed++;
      watcher.close();
      const now = readFileSync(file, 'utf8');
      if (now === old) outcomes.push('old');
      else {
        // The new version: every earlier update, the new one last, and the body byte for byte.
        const before = splitFrontMatter(old)!;
        const after = splitFrontMatter(now)!;
        expect(after.body).toBe(before.body);
        const earlier = (parse(before.yaml, { schema: 'core' }) as { updates: unknown[] }).updates;
        expect(updates().slice(0, -1)).toEqual(earlier);
        expect(updates().at(-1)?.message).toBe(`Trial ${trial}.`);
        outcomes.push('new');
      }
    }
    const last = post('2026-11-23T03:00:00Z', 'monitoring', 'After the kills.');
    expect(last.code, last.all).toBe(0);
    expect(updates().at(-1)?.message).toBe('After the kills.');
    expect(readdirSync(join(root, 'incidents')).filter((name) => name.endsWith('.lock'))).toEqual([]);
    // The kills did land during the command (on a quiet machine, before and after the rename).
    expect(killed).toBeGreaterThan(0);
    expect(outcomes).toContain('old');
  }, 120_000);

  test('a lock left by a killed command (empty, or naming a process that is gone) is taken over', () => {
    const lock = `${file}.lock`;
    writeFileSync(lock, '');
    utimesSync(lock, new Date(Date.now() - 10_000), new Date(Date.now() - 10_000));
    const first = post('2026-11-23T01:20:00Z', 'identified', 'One.');
    expect(first.code, first.all).toBe(0);
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    writeFileSync(lock, gone);
    const second = post('2026-11-23T01:30:00Z', 'monitoring', 'Two.');
    expect(second.code, second.all).toBe(0);
    expect(
      updates()
        .map((u) => u.message)
        .slice(-2),
    ).toEqual(['One.', 'Two.']);
  });

  test('a lock held by a running command makes the next one wait, then refuse with a message', () => {
    writeFileSync(`${file}.lock`, String(process.pid));
    const before = readFileSync(file, 'utf8');
    const result = post('2026-11-23T01:20:00Z', 'identified', 'One.');
    expect(result.code).not.toBe(0);
    expect(result.all).toContain('is being written by another command');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  test('a write leaves no temporary or lock file behind', () => {
    expect(post('2026-11-23T01:20:00Z', 'identified', 'Found it.').code).toBe(0);
    expect(readdirSync(join(root, 'incidents')).filter((name) => /\.(tmp|lock)$/.test(name))).toEqual([]);
  });

  test('update --at a time check would refuse (after the clock) is refused', () => {
    const original = readFileSync(file, 'utf8');
    const result = post('2026-11-23T01:20:00Z', 'identified', 'x', '--at', '2026-11-25T00:00:00Z');
    expect(result.code).toBe(1);
    expect(result.all).toContain('is after the build clock');
    expect(readFileSync(file, 'utf8')).toBe(original);
  });
});
