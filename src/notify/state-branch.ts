import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CommandError } from '../cli/files.ts';
import { writeState, type NotifyState } from './state.ts';

/**
 * The state kept on a branch of its own (for a workflow, whose runner starts empty each time): read
 * from `origin/<branch>`, and written back as commits on top of it with git's plumbing, so the work
 * tree and the checked-out branch are never touched. It is pushed after every delivery, not only at
 * the end, so that a run stopped by the job's time limit forgets (and so repeats) nothing it sent.
 */
export const STATE_FILE = 'notify-state.json';

interface Ran {
  code: number;
  out: string;
  err: string;
}

/** git, without blocking: the other channels' requests go on while a push is under way. */
function git(cwd: string, args: string[], input?: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: 'pipe' });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', (error) => reject(new CommandError(`could not run git: ${error.message}`)));
    child.on('close', (code) => resolve({ code: code ?? 1, out, err }));
    // git may end before reading its input (an error, or a command that reads none): its exit code
    // says what happened, not the broken pipe.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

/** Copies the branch's state file to `path`; nothing when there is no branch yet (a first run). */
export async function readStateBranch(cwd: string, branch: string, path: string): Promise<void> {
  const fetched = await git(cwd, [
    'fetch',
    '--quiet',
    'origin',
    `+refs/heads/${branch}:refs/remotes/origin/${branch}`,
  ]);
  if (fetched.code !== 0) {
    // No such branch is a first run; an origin that cannot be reached must not pass for one, or the
    // run would start over and send the last two hours again.
    const listed = await git(cwd, ['ls-remote', '--exit-code', 'origin', `refs/heads/${branch}`]);
    if (listed.code === 2) return;
    throw new CommandError(
      `Nothing was sent: the notify state could not be read from the ${branch} branch (git fetch): ${fetched.err.trim()}`,
    );
  }
  const shown = await git(cwd, ['show', `origin/${branch}:${STATE_FILE}`]);
  if (shown.code !== 0) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, shown.out);
}

/** One commit with the file at `path`, on top of the branch as last fetched or pushed, pushed. */
async function pushState(cwd: string, branch: string, path: string, message: string): Promise<void> {
  const run = async (args: string[], input?: string) => {
    const result = await git(cwd, args, input);
    if (result.code !== 0)
      throw new CommandError(
        `saving the notify state to the ${branch} branch failed (git ${args[0]}): ${result.err.trim()}`,
      );
    return result.out.trim();
  };
  const tracking = `refs/remotes/origin/${branch}`;
  const blob = await run(['hash-object', '-w', '--stdin'], readFileSync(path, 'utf8'));
  const tree = await run(['mktree'], `100644 blob ${blob}\t${STATE_FILE}\n`);
  const parent = (await git(cwd, ['rev-parse', '--verify', '--quiet', tracking])).out.trim();
  const commit = await run([
    '-c',
    'user.name=github-actions[bot]',
    '-c',
    'user.email=41898282+github-actions[bot]@users.noreply.github.com',
    'commit-tree',
    tree,
    ...(parent ? ['-p', parent] : []),
    '-m',
    message,
  ]);
  await run(['push', '--quiet', 'origin', `${commit}:refs/heads/${branch}`]);
  // The next commit goes on top of this one, whatever the clone's fetch settings.
  await run(['update-ref', tracking, commit]);
}

/**
 * Saves the state after each change: the file at once, and the branch (when there is one) by a push
 * that waits for any push under way, so that pushes never race and changes made meanwhile share one.
 * A push that fails is kept: nothing more is sent (it could not be recorded), and it is reported.
 */
export class StateSaver {
  failure: CommandError | undefined;
  private tail: Promise<void> = Promise.resolve();
  private waiting: Promise<void> | undefined;

  constructor(
    private readonly state: NotifyState,
    private readonly path: string,
    private readonly branch: { cwd: string; name: string; message: () => string } | undefined,
  ) {}

  save(): Promise<void> {
    writeState(this.path, this.state);
    const branch = this.branch;
    if (!branch || this.failure) return Promise.resolve();
    this.waiting ??= this.tail.then(async () => {
      this.waiting = undefined;
      try {
        await pushState(branch.cwd, branch.name, this.path, branch.message());
      } catch (error) {
        if (!(error instanceof CommandError)) throw error;
        this.failure = error;
      }
    });
    this.tail = this.waiting;
    return this.waiting;
  }
}
