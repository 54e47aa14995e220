import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { splitFrontMatter } from '../../src/loader/front-matter.ts';

/** What a run of the command line printed and how it ended. */
export interface CliResult {
  code: number | null;
  out: string;
  err: string;
  /** Both streams, for messages that may go to either. */
  all: string;
}

const TSX = join('node_modules', '.bin', 'tsx');

/** Runs `statusmark <args>` from source, with extra environment variables. */
export function runCli(args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(TSX, ['src/cli/main.ts', ...args], {
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

/** The same without blocking the event loop: for commands run side by side or against a test server. */
export function runCliAsync(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ['src/cli/main.ts', ...args], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err, all: `${out}${err}` }));
  });
}

/** The front matter of a content file as data, read the way every build reads it (times stay text). */
export function frontMatterOf(path: string): Record<string, unknown> {
  const split = splitFrontMatter(readFileSync(path, 'utf8'));
  if (!split) throw new Error(`${path} has no front matter`);
  return parse(split.yaml, { schema: 'core' }) as Record<string, unknown>;
}
