import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  type Dirent,
  type Stats,
} from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/** A content file as read from disk; `file` is relative to the working directory, with "/". */
export interface SourceFile {
  file: string;
  text: string;
  /** Why the file could not be read as content (then `text` is empty): reported, never guessed at. */
  unreadable?: string;
}

export interface ContentTree {
  /** The content folder as given, such as `content`. */
  root: string;
  site?: SourceFile;
  components?: SourceFile;
  incidents: SourceFile[];
  maintenance: SourceFile[];
  postmortems: SourceFile[];
  /** Incident templates (`templates/<id>.md`), read by the CLI and checked with the rest. */
  templates: SourceFile[];
  /** The site's own message catalogues (`locales/<tag>.yaml`): a new language, or words changed. */
  locales: SourceFile[];
  /** Files that sit where content goes but cannot be content (wrong extension). */
  strays: string[];
}

export const COLLECTION_FOLDERS = ['incidents', 'maintenance', 'postmortems', 'templates'] as const;

/**
 * The largest content file read: a postmortem is a few dozen kilobytes, so a file this big is a
 * paste gone wrong, and reading it would cost the build minutes and gigabytes.
 */
export const MAX_FILE_BYTES = 1_000_000;

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return (rel.startsWith('..') ? path : rel).split(sep).join('/');
}

/**
 * Why a symbolic link is not followed, or undefined for a link to a file inside the content folder.
 * A linked folder is never entered, wherever it points: its files would be published without being
 * in the content folder (a folder of drafts, another project), and a link back up would loop.
 */
function linkProblem(path: string, realRoot: string): string | undefined {
  let target: string;
  try {
    target = realpathSync(path);
  } catch {
    return 'is a symbolic link to nothing; replace it with the file itself';
  }
  if (statSync(target).isDirectory())
    return 'is a symbolic link to a folder, which is not read; replace the link with the real folder';
  if (!target.startsWith(realRoot + sep))
    return 'is a symbolic link to a file outside the content folder, which is not read; copy the file into the folder instead';
  return undefined;
}

/** What a directory entry is when it is neither a file, a folder nor a link, in words. */
function specialKind(stat: Pick<Stats, 'isFIFO' | 'isSocket'>): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  return 'a device';
}

/** Why a file is not read as content, from what it is, or undefined for a regular file of a fit size. */
function fileProblem(stat: Stats): string | undefined {
  if (stat.isDirectory()) return 'is a folder, but must be a file; rename or remove the folder';
  if (!stat.isFile())
    return `is not a regular file but ${specialKind(stat)}, which is not read; remove it from the content folder`;
  if (stat.size > MAX_FILE_BYTES)
    return `is ${(stat.size / 1_000_000).toFixed(1)} MB; a content file may be at most ${MAX_FILE_BYTES / 1_000_000} MB: link to long material instead of pasting it`;
  return undefined;
}

/**
 * The bytes of a regular file, or why it is not one. Checked before it is opened (opening a socket
 * fails, opening a device may do something) and again on the open file, opened without blocking, so
 * that a named pipe that took the file's place after the check is refused rather than waited on.
 */
function readRegularFile(path: string): Buffer | string {
  const before = fileProblem(statSync(path));
  if (before) return before;
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    return fileProblem(fstatSync(fd)) ?? readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads one file of the content folder. A symbolic link is followed only to a file inside the
 * folder (a link to /proc/self/environ or to another project's files is refused, and its target is
 * never read); a folder, a linked folder, a named pipe or device, an unreadable file, a file over
 * the size limit or one that is not UTF-8 becomes a message naming the file.
 */
function readSource(path: string, realRoot: string): SourceFile {
  const file = displayPath(path);
  const refuse = (unreadable: string): SourceFile => ({ file, text: '', unreadable });
  try {
    const problem = lstatSync(path).isSymbolicLink() ? linkProblem(path, realRoot) : undefined;
    if (problem) return refuse(problem);
    const bytes = readRegularFile(path);
    if (typeof bytes === 'string') return refuse(bytes);
    try {
      return { file, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
      const line = invalidUtf8Line(bytes);
      return refuse(`line ${line} is not valid UTF-8; save the file as UTF-8`);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      return refuse('cannot be read (permission denied); make it readable, for example chmod a+r');
    if (code === 'ENOENT') return refuse('disappeared while it was being read; run the command again');
    throw error;
  }
}

/** The line of the first byte sequence that is not UTF-8. */
function invalidUtf8Line(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      const chunk = bytes.subarray(start, i);
      if (!Buffer.from(chunk.toString('utf8'), 'utf8').equals(chunk)) return line;
      line++;
      start = i + 1;
    }
  }
  return line;
}

/** A path found under a content folder; `plain` when it is a regular file, not a link or a pipe. */
interface Found {
  path: string;
  plain: boolean;
  /** Why a folder could not be listed: it is reported, not skipped in silence. */
  problem?: string;
}

/**
 * Paths under a folder, recursively and sorted, so that every run reads them in the same order. A
 * linked folder is not entered, and neither is the folder itself when it is a link (`incidents ->
 * elsewhere`): it is listed, and readSource reports it. A file where the folder should be is not
 * content and is left alone.
 */
function walk(folder: string): Found[] {
  const stat = lstatOrUndefined(folder);
  if (!stat || stat.isFile()) return [];
  if (!stat.isDirectory()) return [{ path: folder, plain: false }];
  const found: Found[] = [];
  const visit = (dir: string) => {
    const entries = listFolder(dir);
    if (typeof entries === 'string') return void found.push({ path: dir, plain: false, problem: entries });
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else found.push({ path, plain: entry.isFile() });
    }
  };
  visit(folder);
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A folder's entries, or why they cannot be listed (a folder without read permission). */
function listFolder(dir: string): Dirent[] | string {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      return 'is a folder that cannot be read (permission denied); make it readable, for example chmod a+rx';
    if (code === 'ENOENT') return 'disappeared while it was being read; run the command again';
    throw error;
  }
}

/** README files and names starting with "_" or "." are not content: notes, drafts, editor files. */
const skipped = (name: string) => name.startsWith('_') || name.startsWith('.') || /^readme\.md$/i.test(name);

/** Reads every content file under `root`. */
export function readContentTree(root: string): ContentTree {
  const realRoot = existsSync(root) ? realpathSync(root) : resolve(root);
  const optional = (name: string) => {
    const path = join(root, name);
    return lstatOrUndefined(path) ? readSource(path, realRoot) : undefined;
  };
  const tree: ContentTree = {
    root,
    site: optional('site.yaml'),
    components: optional('components.yaml'),
    incidents: [],
    maintenance: [],
    postmortems: [],
    templates: [],
    locales: [],
    strays: [],
  };
  const read = (folder: (typeof COLLECTION_FOLDERS)[number] | 'locales', extension: string) => {
    for (const { path, plain, problem } of walk(join(root, folder))) {
      const name = path.split(sep).pop() ?? '';
      if (problem) {
        tree[folder].push({ file: displayPath(path), text: '', unreadable: problem });
        continue;
      }
      if (skipped(name)) continue;
      // A link or a pipe is reported whatever its name, so that nothing is passed over in silence.
      if (plain && !name.endsWith(extension)) tree.strays.push(displayPath(path));
      else tree[folder].push(readSource(path, realRoot));
    }
  };
  for (const folder of COLLECTION_FOLDERS) read(folder, '.md');
  read('locales', '.yaml');
  return tree;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
