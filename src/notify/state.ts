import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { notifyStateSchema, type ChannelState, type NotifyState } from '../schemas/notify-state.ts';
import { CommandError } from '../cli/files.ts';

export type { ChannelState, NotifyState } from '../schemas/notify-state.ts';

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
/** With no state yet (a first deploy, or a channel added since), only events this recent are sent. */
export const FIRST_RUN_MS = 2 * 3_600_000;

/** Today's id of an event id a version 1 state recorded, with when the event happened if known. */
export type IdMigration = (id: string, at?: number) => string;

/** Where the state came from, to say how to restore it when it cannot be read. */
export interface StateSource {
  path: string;
  /** The branch of origin it was read from (`--state-branch`). */
  branch?: string;
}

/** How to get a state file back, from its branch's history or by starting over. */
function howToRestore({ path, branch }: StateSource): string {
  const over =
    'each channel then gets only the events of the last two hours, and older ones are recorded as sent';
  return branch
    ? `Restore an earlier version from the ${branch} branch (git log origin/${branch} lists them; git show <commit>:notify-state.json is one; commit it to the branch), or delete the branch to start over (git push origin --delete ${branch}): ${over}.`
    : `Restore an earlier copy of ${path}, or delete it to start over: ${over}.`;
}

/**
 * The state in `path`, if there is one, checked against its schema. A version 1 file is migrated with
 * `migrate` (made from the content as it is now), so that nothing it records as sent is sent again
 * and nothing is skipped.
 */
export function readState(source: StateSource, migrate: IdMigration): NotifyState | undefined {
  const { path } = source;
  if (!existsSync(path)) return undefined;
  const refuse = (what: string) =>
    new CommandError(`${path} is not a notify state file: ${what}. ${howToRestore(source)}`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw refuse(`it is not JSON (${(error as Error).message})`);
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > STATE_VERSION)
    throw refuse(
      `its version ${version} is newer than this Statusmark reads (${STATE_VERSION}); update Statusmark`,
    );
  const parsed = notifyStateSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.map(String).join('.') || '(the whole file)'}: ${issue.message}`);
    throw refuse(issues.join('; '));
  }
  const state = parsed.data;
  return state.version === 1 ? migrateState(state, migrate) : state;
}

/** A version 1 state with today's ids: delivered events by when they happened, pending ones by position. */
export function migrateState(state: NotifyState, migrate: IdMigration): NotifyState {
  const channels: Record<string, ChannelState> = {};
  for (const [name, channel] of Object.entries(state.channels))
    channels[name] = {
      sent: Object.fromEntries(Object.entries(channel.sent).map(([id, at]) => [migrate(id, at), at])),
      pending: Object.fromEntries(Object.entries(channel.pending).map(([id, p]) => [migrate(id), p])),
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

/** Forgets delivered events older than the window (they can never be news again). */
export function prune(state: NotifyState, now: number): void {
  for (const channel of Object.values(state.channels))
    for (const [id, at] of Object.entries(channel.sent))
      if (at < now - NEWS_WINDOW_MS) {
        delete channel.sent[id];
        if (channel.fingerprints) delete channel.fingerprints[id];
      }
}
