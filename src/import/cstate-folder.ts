import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import { CommandError, UsageError } from '../cli/errors.ts';
import { MAX_FILE_BYTES } from '../loader/read-tree.ts';
import type { CstateFiles } from './cstate-import.ts';

/**
 * A cState site's Hugo config and issues, read only from inside its folder: a symbolic link (to a
 * file or a folder) is refused, since it would import what lies elsewhere (a key, another site); what
 * is not a regular file (a named pipe, a socket, a device) is skipped, since reading it could wait forever.
 */

const CONFIG_NAMES = ['config.yml', 'config.yaml', 'config.toml', 'hugo.yml', 'hugo.yaml', 'hugo.toml'];

/** What a thing that is not a regular file is, in words. */
function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function refuseLink(path: string): never {
  throw new CommandError(
    `${path}: is a symbolic link; statusmark imports only what is inside the cState site's folder. Copy what it links to in its place, then import again. Nothing was imported.`,
  );
}

/** Never follows a link at the last step and never waits for a writer (a pipe swapped in since lstat). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** One file inside the site folder: its text, or what it is instead of a regular file. */
function readInside(path: string, stat: Stats): { text: string } | { kind: string } {
  if (stat.isSymbolicLink()) refuseLink(path);
  if (!stat.isFile()) return { kind: kindOf(stat) };
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') refuseLink(path);
    throw new CommandError(
      `${path}: could not be opened (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    );
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) return { kind: kindOf(opened) };
    // Checked on the open file, so that what is read is what was measured.
    if (opened.size > MAX_FILE_BYTES)
      throw new CommandError(
        `${path}: is ${(opened.size / 1_000_000).toFixed(1)} MB; a file imported may be at most ${MAX_FILE_BYTES / 1_000_000} MB, as a content file may. Shorten it or move it out of the site folder, then import again. Nothing was imported.`,
      );
    return { text: readFileSync(fd, 'utf8') };
  } finally {
    closeSync(fd);
  }
}

/** A folder inside the site folder, or undefined when there is none; a link or a file there is refused. */
function folderInside(path: string): string | undefined {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat) return undefined;
  if (stat.isSymbolicLink()) refuseLink(path);
  if (!stat.isDirectory())
    throw new CommandError(`${path}: is ${kindOf(stat)}, not a folder; cState keeps its issues in a folder`);
  return path;
}

/** The Hugo config and content/issues/*.md; what is skipped is said in `notes`, for the import's report. */
export function readCstateFolder(folder: string): { files: CstateFiles; notes: string[] } {
  // The folder given may itself be a link: it is the one the user named.
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`${folder}: no such folder; give the cState site's folder`);
  let config: CstateFiles['config'] | undefined;
  for (const name of CONFIG_NAMES) {
    const stat = lstatSync(join(folder, name), { throwIfNoEntry: false });
    if (!stat) continue;
    const read = readInside(join(folder, name), stat);
    if ('kind' in read)
      throw new CommandError(
        `${join(folder, name)}: is ${read.kind}, not a file; the Hugo config must be a regular file`,
      );
    config = { name, path: join(folder, name), text: read.text };
    break;
  }
  if (!config)
    throw new UsageError(
      `${folder} has no Hugo config (config.yml, config.yaml, config.toml or hugo.*); is it a cState site?`,
    );
  const notes: string[] = [];
  const issues: CstateFiles['issues'] = [];
  const issuesFolder =
    folderInside(join(folder, 'content')) && folderInside(join(folder, 'content', 'issues'));
  for (const name of issuesFolder ? readdirSync(issuesFolder).sort() : []) {
    if (!name.endsWith('.md') || name.startsWith('_')) continue;
    const file = `content/issues/${name}`;
    const stat = lstatSync(join(issuesFolder!, name), { throwIfNoEntry: false });
    if (!stat) continue; // removed while reading
    const read = readInside(join(issuesFolder!, name), stat);
    if ('kind' in read) notes.push(`${file}: is ${read.kind}, not a file; skipped`);
    else issues.push({ file, text: read.text });
  }
  return { files: { config, issues }, notes };
}
