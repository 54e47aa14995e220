import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { run, type CliIo } from '../../src/cli/run.ts';
import { splitFrontMatter } from '../../src/loader/front-matter.ts';

/** What a run of the command line printed and how it ended. */
export interface CliResult {
  code: number | null;
  out: string;
  err: string;
  /** Both streams, for messages that may go to either. */
  all: string;
}

/**
 * Runs `statusmark <args>` in this process (src/cli/run.ts), with extra environment variables on top
 * of this process's. An error the command does not handle ends it as Node would end the process: its
 * stack on stderr and exit status 1.
 */
export async function runCli(
  args: string[],
  env: Record<string, string> = {},
  io: Pick<CliIo, 'stdin' | 'now'> = {},
): Promise<CliResult> {
  let out = '';
  let err = '';
  let code: number;
  try {
    code = await run(
      args,
      { ...process.env, ...env },
      {
        ...io,
        stdout: (text) => (out += text),
        stderr: (text) => (err += text),
      },
    );
  } catch (error) {
    err += `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`;
    code = 1;
  } finally {
    closeConnections();
  }
  return { code, out, err, all: `${out}${err}` };
}

/** Where Node's fetch keeps its connection pool (undici's global dispatcher). */
const DISPATCHER = Symbol.for('undici.globalDispatcher.1');

/**
 * Ends a run's kept-alive connections, as the end of its process would: the next run, in the same
 * process, would otherwise reuse a connection that a test's server is closing (ECONNRESET).
 */
function closeConnections(): void {
  const holder = globalThis as { [DISPATCHER]?: { close(): Promise<void> } };
  const used = holder[DISPATCHER];
  if (!used) return;
  try {
    holder[DISPATCHER] = new (used.constructor as new () => { close(): Promise<void> })();
  } catch {
    return; // a dispatcher that cannot be made anew (another Node): keep the one there is
  }
  used.close().catch(() => undefined);
}

/**
 * `statusmark <args>` as a person types it: a new process through bin/statusmark.mjs. Only for what
 * needs a real process (the installed entry point, exit codes, signals, writers side by side).
 */
export function runCliProcess(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/statusmark.mjs', ...args], {
      env: { ...process.env, ...env },
    });
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
