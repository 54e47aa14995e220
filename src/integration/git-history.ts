import { spawn } from 'node:child_process';
import type { SiteContent } from '../domain/content.ts';
import {
  listIncidentEdits,
  listPostmortemEdits,
  readIncidentVersion,
  readPostmortemVersion,
  type ContentEdits,
  type EditEntry,
  type FileVersion,
  type IncidentVersion,
  type PostmortemVersion,
} from '../domain/edit-history.ts';
import { parseMarkdownFile } from '../loader/front-matter.ts';

/**
 * Reads what changed on each incident and postmortem after it was published from the repository's
 * history, at build time. Three git processes for the whole tree, whatever its size: one to see that
 * the history is there, one `git log` of the two folders, and one `git cat-file --batch` per few
 * thousand versions, for the files committed more than once. Nothing outside the content folder is read.
 */

/** The edits, or why there are none to show (then pages show nothing and the build says why). */
export type EditHistory = ({ available: true } & ContentEdits) | { available: false; reason: string };

const FOLDERS = ['incidents', 'postmortems'] as const;
type Folder = (typeof FOLDERS)[number];

/** About how many versions one `git cat-file` reads: bounds the memory a large archive's history takes. */
const BATCH = 2000;

interface Commit {
  hash: string;
  at: number;
  message: string;
}

/** One change of one file in a commit, as `git log --raw` lists it. */
interface RawChange {
  status: string;
  blob: string;
  path: string;
  /** The path it had before, for a rename or a copy. */
  from?: string;
}

interface Touch {
  commit: Commit;
  blob: string;
}

interface GitResult {
  status: number | null;
  stdout: Buffer;
  stderr: Buffer;
  error?: Error;
}

/**
 * Runs git in the content folder without blocking: the build goes on bundling while git reads the
 * history of a large archive (about ten seconds of git's time for 10,000 incidents in 34,000 commits).
 */
function git(contentDir: string, args: string[], input?: string): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = spawn('git', ['-c', 'core.quotepath=off', '-c', 'log.showSignature=false', ...args], {
      cwd: contentDir,
      // Git's own messages in English, which the reason is read from; never a password prompt.
      env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const done = (status: number | null, error?: Error) =>
      resolve({
        status,
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr),
        ...(error ? { error } : {}),
      });
    child.on('error', (error) => done(null, error));
    child.on('close', (status) => done(status));
    // git stops reading early when it fails; its exit status says why, not the broken pipe.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

const firstLine = (bytes: Buffer | undefined) => (bytes?.toString('utf8').trim().split('\n')[0] ?? '').trim();

/** Why the history cannot be read, with what to do about it; undefined when it can. */
async function unavailable(contentDir: string): Promise<string | undefined> {
  const result = await git(contentDir, ['rev-parse', '--is-shallow-repository']);
  if (result.error) {
    return (result.error as NodeJS.ErrnoException).code === 'ENOENT'
      ? 'git is not installed; install it to show what changed on each page'
      : `git could not be run (${result.error.message})`;
  }
  if (result.status !== 0) {
    return /not a git repository/i.test(firstLine(result.stderr))
      ? 'the content folder is not in a git repository (a copy or a tarball); build from a clone to show it'
      : `git failed: ${firstLine(result.stderr)}`;
  }
  if (result.stdout.toString('utf8').trim() === 'true')
    return 'this is a shallow clone; fetch the full history (fetch-depth: 0) to show it';
  return undefined;
}

/**
 * The commits that touched the content folder, newest first and children before parents, each with
 * the files it changed (paths relative to the content folder, `--relative`). Merges are left out:
 * each commit counts once, on the branch it was made. No pathspec: limiting the log to the two
 * folders makes git compare every commit's trees twice (history simplification, then the diff),
 * which triples its time on a large archive; the other paths are dropped here instead.
 */
async function readLog(
  contentDir: string,
): Promise<{ commits: { commit: Commit; changes: RawChange[] }[] } | { error: string }> {
  const result = await git(contentDir, [
    'log',
    '--topo-order',
    '--no-merges',
    '--raw',
    '-z',
    '--no-abbrev',
    '-M',
    '--relative',
    '--format=%x1e%H %ct%n%B',
  ]);
  if (result.error || result.status !== 0) {
    const message = firstLine(result.stderr);
    // A repository without a commit yet has no history to show, and nothing is missing.
    if (/does not have any commits yet|unknown revision|bad default revision/i.test(message))
      return { commits: [] };
    return { error: `git log failed: ${message || result.error?.message}` };
  }
  return { commits: parseLog(result.stdout.toString('utf8')) };
}

function parseLog(text: string): { commit: Commit; changes: RawChange[] }[] {
  return text
    .split('\x1e')
    .slice(1)
    .map((chunk) => {
      const headerEnd = chunk.indexOf('\n');
      const [hash = '', seconds = '0'] = chunk.slice(0, headerEnd).split(' ');
      const messageEnd = chunk.indexOf('\0', headerEnd);
      const commit = { hash, at: Number(seconds) * 1000, message: chunk.slice(headerEnd + 1, messageEnd) };
      const fields = chunk.slice(messageEnd + 1).split('\0');
      const changes: RawChange[] = [];
      for (let i = 0; i < fields.length; i++) {
        const meta = fields[i]!.trim();
        if (!meta.startsWith(':')) continue;
        // ":100644 100644 <old blob> <new blob> <status>", then one path, or two for a rename or copy.
        const [, , , blob = '', status = ''] = meta.slice(1).split(' ');
        if (status.startsWith('R') || status.startsWith('C')) {
          changes.push({ status: status[0]!, blob, from: fields[i + 1]!, path: fields[i + 2]! });
          i += 2;
        } else {
          changes.push({ status, blob, path: fields[i + 1]! });
          i += 1;
        }
      }
      return { commit, changes };
    });
}

/**
 * The versions of each file there is now, oldest first, following renames as `git log --follow`
 * does: walking from the newest commit back, a path renamed or created ends its file's history there.
 */
function collectVersions(commits: { commit: Commit; changes: RawChange[] }[]): Map<string, Touch[]> {
  // What each path stands for in older commits: a file there is now (its path now), or none.
  const owner = new Map<string, string | null>();
  const versions = new Map<string, Touch[]>();
  for (const { commit, changes } of commits) {
    for (const change of changes) {
      if (change.status === 'D') {
        if (!owner.has(change.path)) owner.set(change.path, null);
        continue;
      }
      const key = owner.has(change.path) ? owner.get(change.path)! : change.path;
      if (key === null) continue;
      let list = versions.get(key);
      if (!list) versions.set(key, (list = []));
      list.push({ commit, blob: change.blob });
      owner.set(change.path, change.status === 'M' || change.status === 'T' ? key : null);
      if (change.status === 'R' && change.from !== undefined) owner.set(change.from, key);
    }
  }
  for (const [key, list] of versions) {
    list.reverse();
    // A rename without a change, or a change undone, is no new version.
    const distinct = list.filter((touch, index) => index === 0 || touch.blob !== list[index - 1]!.blob);
    if (distinct.length < 2) versions.delete(key);
    else versions.set(key, distinct);
  }
  return versions;
}

/** A content file's folder and id, or undefined for what the loader does not read as an entry. */
function entryOf(path: string): { folder: Folder; id: string } | undefined {
  const folder = FOLDERS.find((f) => path.startsWith(`${f}/`));
  const name = path.split('/').pop() ?? '';
  if (!folder || !name.endsWith('.md') || name.startsWith('_') || name.startsWith('.')) return undefined;
  if (/^readme\.md$/i.test(name)) return undefined;
  return { folder, id: name.slice(0, -3) };
}

/** The contents of blobs, by one `git cat-file --batch`; `use` gets each blob's text as it comes. */
async function readBlobs(
  contentDir: string,
  blobs: string[],
  use: (blob: string, text: string) => void,
): Promise<string | undefined> {
  const result = await git(contentDir, ['cat-file', '--batch'], `${blobs.join('\n')}\n`);
  if (result.error || result.status !== 0)
    return `git cat-file failed: ${firstLine(result.stderr) || result.error?.message}`;
  const out = result.stdout;
  let offset = 0;
  while (offset < out.length) {
    const headerEnd = out.indexOf(0x0a, offset);
    const [blob = '', type = '', size = '0'] = out.subarray(offset, headerEnd).toString('utf8').split(' ');
    if (type !== 'blob') {
      offset = headerEnd + 1;
      continue;
    }
    const bodyStart = headerEnd + 1;
    use(blob, out.subarray(bodyStart, bodyStart + Number(size)).toString('utf8'));
    offset = bodyStart + Number(size) + 1;
  }
  return undefined;
}

interface FileHistory {
  folder: Folder;
  id: string;
  touches: Touch[];
}

/** Files in groups of about BATCH versions: each group's texts are read, compared and let go. */
function* groups(files: FileHistory[]): Generator<FileHistory[]> {
  let group: FileHistory[] = [];
  let size = 0;
  for (const file of files) {
    group.push(file);
    size += file.touches.length;
    if (size >= BATCH) {
      yield group;
      group = [];
      size = 0;
    }
  }
  if (group.length > 0) yield group;
}

/** Reads one group's versions and adds its files' edits to `edits`; an error's message on failure. */
async function addEdits(
  contentDir: string,
  group: FileHistory[],
  edits: { incidents: Map<string, EditEntry[]>; postmortems: Map<string, EditEntry[]> },
  now: number,
  zone: string,
): Promise<string | undefined> {
  const folderOf = new Map<string, Folder>();
  for (const file of group) for (const touch of file.touches) folderOf.set(touch.blob, file.folder);
  const parsed = new Map<string, IncidentVersion | PostmortemVersion>();
  const failed = await readBlobs(contentDir, [...folderOf.keys()], (blob, text) => {
    const markdown = parseMarkdownFile(text);
    if (markdown.errors.length > 0 || markdown.data === undefined) return;
    parsed.set(
      blob,
      folderOf.get(blob) === 'incidents'
        ? readIncidentVersion(markdown.data, markdown.body, zone)
        : readPostmortemVersion(markdown.data, markdown.body),
    );
  });
  if (failed) return failed;
  for (const { folder, id, touches } of group) {
    const versions = touches.map(({ commit, blob }) => ({
      commit: commit.hash,
      at: commit.at,
      message: commit.message,
      data: parsed.get(blob),
    }));
    const entries =
      folder === 'incidents'
        ? listIncidentEdits(versions as FileVersion<IncidentVersion>[], now)
        : listPostmortemEdits(versions as FileVersion<PostmortemVersion>[], now);
    if (entries.length > 0) edits[folder].set(id, entries);
  }
  return undefined;
}

/**
 * What changed on each incident and postmortem after it was published, by id; `now` is the build
 * clock (later commits are left out) and `zone` the site's time zone (a time written as a date).
 */
export async function readEditHistory(contentDir: string, now: number, zone: string): Promise<EditHistory> {
  const reason = await unavailable(contentDir);
  if (reason) return { available: false, reason };
  const log = await readLog(contentDir);
  if ('error' in log) return { available: false, reason: log.error };
  const files = [...collectVersions(log.commits)].flatMap(([path, touches]) => {
    const entry = entryOf(path);
    return entry ? [{ ...entry, touches }] : [];
  });
  const edits = { incidents: new Map<string, EditEntry[]>(), postmortems: new Map<string, EditEntry[]>() };
  for (const group of groups(files)) {
    const failed = await addEdits(contentDir, group, edits, now, zone);
    if (failed) return { available: false, reason: failed };
  }
  return { available: true, ...edits };
}

const reading = new Map<string, Promise<ContentEdits | undefined>>();

/**
 * The content with its edit history to come, for the pages: git reads it while the build goes on,
 * and a page that shows it waits for it. Where there is none to read, the one line that says why,
 * and no edits. Read once per content folder and process, so that `astro dev` keeps the history it
 * started with as files change (and says why it is missing only once).
 */
export function withEditHistory(
  content: SiteContent,
  contentDir: string,
  logger: { warn: (text: string) => void },
): SiteContent {
  let edits = reading.get(contentDir);
  if (!edits) {
    edits = readEditHistory(contentDir, content.clock.now, content.site.time_zone).then(
      (history) => {
        if (history.available) return { incidents: history.incidents, postmortems: history.postmortems };
        logger.warn(`Edit history left out: ${history.reason}`);
        return undefined;
      },
      (error: unknown) => {
        // Never a reason to fail the build: the pages lose a section, the log says why.
        logger.warn(`Edit history left out: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      },
    );
    reading.set(contentDir, edits);
  }
  return { ...content, edits };
}
