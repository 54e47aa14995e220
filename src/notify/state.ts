import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CommandError } from '../cli/files.ts';
import { runProgram } from '../cli/github.ts';

/**
 * What `notify` remembers between runs, per channel: the events it delivered (so each is sent once)
 * and the ones that failed (retried by later runs for a day). Events older than the window are
 * forgotten and never considered again, so the file stays small however long the history grows.
 */

/**
 * 2: update ids by time (`incident/<id>/update-20261120T1402Z`); a file of version 1, whose update
 * ids were positional (`…/update-<n>`), is migrated when read.
 */
export const STATE_VERSION = 2;
/** Events this old are no longer news: never sent, and forgotten by the state. */
export const NEWS_WINDOW_MS = 7 * 24 * 3_600_000;
/** How long a failed event is retried by later runs before it is dropped. */
export const RETRY_FOR_MS = 24 * 3_600_000;
/** With no state yet (a first deploy), only events this recent are sent. */
export const FIRST_RUN_MS = 2 * 3_600_000;

export interface Pending {
  /** When it first failed (UTC ms). */
  since: number;
  runs: number;
  error: string;
}

export interface ChannelState {
  /** Event id → when the event happened (UTC ms), to forget it once it is older than the window. */
  sent: Record<string, number>;
  pending: Record<string, Pending>;
}

export interface NotifyState {
  version: number;
  /** The build clock of the last run. */
  last_run: string;
  channels: Record<string, ChannelState>;
}

/** Today's id of an event id a version 1 state recorded, with when the event happened if known. */
export type IdMigration = (id: string, at?: number) => string;

/**
 * The state in `path`, if there is one. A version 1 file is migrated with `migrate` (made from the
 * content as it is now), so that nothing it records as sent is sent again and nothing is skipped.
 */
export function readState(path: string, migrate: IdMigration): NotifyState | undefined {
  if (!existsSync(path)) return undefined;
  let state: NotifyState;
  try {
    state = JSON.parse(readFileSync(path, 'utf8')) as NotifyState;
  } catch (error) {
    throw new CommandError(
      `${path} is not a notify state file (${(error as Error).message}); restore it, or remove it to start over (then only the last two hours are sent)`,
    );
  }
  if (
    (state.version !== STATE_VERSION && state.version !== 1) ||
    typeof state.channels !== 'object' ||
    state.channels === null
  )
    throw new CommandError(
      `${path} is not a notify state file of version ${STATE_VERSION}; restore it, or remove it to start over`,
    );
  return state.version === 1 ? migrateState(state, migrate) : state;
}

/** A version 1 state with today's ids: delivered events by when they happened, pending ones by position. */
export function migrateState(state: NotifyState, migrate: IdMigration): NotifyState {
  const channels: Record<string, ChannelState> = {};
  for (const [name, channel] of Object.entries(state.channels))
    channels[name] = {
      sent: Object.fromEntries(Object.entries(channel.sent ?? {}).map(([id, at]) => [migrate(id, at), at])),
      pending: Object.fromEntries(Object.entries(channel.pending ?? {}).map(([id, p]) => [migrate(id), p])),
    };
  return { ...state, version: STATE_VERSION, channels };
}

/** Written whole and renamed into place: a killed run leaves the old file or the new one. */
export function writeState(path: string, state: NotifyState): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, path);
}

export function channelState(state: NotifyState, name: string): ChannelState {
  state.channels[name] ??= { sent: {}, pending: {} };
  return state.channels[name];
}

/** Forgets delivered events older than the window (they can never be news again). */
export function prune(state: NotifyState, now: number): void {
  for (const channel of Object.values(state.channels))
    for (const [id, at] of Object.entries(channel.sent))
      if (at < now - NEWS_WINDOW_MS) delete channel.sent[id];
}

/**
 * The state kept on a branch of its own (for a workflow, whose runner starts empty each time): read
 * from `origin/<branch>`, and written back as one commit on top of it with git's plumbing, so the
 * work tree and the checked-out branch are never touched.
 */
export const STATE_FILE = 'notify-state.json';

const git = (cwd: string, args: string[], input?: string) => runProgram('git', args, { cwd, input });

export function readStateBranch(cwd: string, branch: string, path: string): void {
  const fetched = git(cwd, [
    'fetch',
    '--quiet',
    'origin',
    `refs/heads/${branch}:refs/remotes/origin/${branch}`,
  ]);
  if (fetched.code !== 0) return; // no state branch yet: a first run
  const shown = git(cwd, ['show', `origin/${branch}:${STATE_FILE}`]);
  if (shown.code !== 0) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, shown.out);
}

export function writeStateBranch(cwd: string, branch: string, path: string, message: string): void {
  const run = (args: string[], input?: string) => {
    const result = git(cwd, args, input);
    if (result.code !== 0)
      throw new CommandError(
        `saving the notify state to the ${branch} branch failed (git ${args[0]}): ${result.err.trim()}`,
      );
    return result.out.trim();
  };
  const blob = run(['hash-object', '-w', '--stdin'], readFileSync(path, 'utf8'));
  const tree = run(['mktree'], `100644 blob ${blob}\t${STATE_FILE}\n`);
  const parent = git(cwd, ['rev-parse', '--verify', '--quiet', `refs/remotes/origin/${branch}`]).out.trim();
  const commit = run([
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
  run(['push', '--quiet', 'origin', `${commit}:refs/heads/${branch}`]);
}
