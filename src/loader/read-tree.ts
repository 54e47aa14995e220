import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
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
 * Reads one file of the content folder. A symbolic link is followed only to a file inside the
 * folder (a link to /proc/self/environ or to another project's files is refused, and its target is
 * never read); a folder, an unreadable file, a file over the size limit or one that is not UTF-8
 * becomes a message naming the file.
 */
function readSource(path: string, realRoot: string): SourceFile {
  const file = displayPath(path);
  const refuse = (unreadable: string): SourceFile => ({ file, text: '', unreadable });
  try {
    if (lstatSync(path).isSymbolicLink()) {
      let target: string;
      try {
        target = realpathSync(path);
      } catch {
        return refuse('is a symbolic link to nothing; replace it with the file itself');
      }
      if (!target.startsWith(realRoot + sep))
        return refuse(
          'is a symbolic link to a file outside the content folder, which is not read; copy the file into the folder instead',
        );
    }
    const stat = statSync(path);
    if (stat.isDirectory()) return refuse('is a folder, but must be a file; rename or remove the folder');
    if (!stat.isFile()) return refuse('is not a regular file; replace it with a file');
    if (stat.size > MAX_FILE_BYTES)
      return refuse(
        `is ${(stat.size / 1_000_000).toFixed(1)} MB; a content file may be at most ${MAX_FILE_BYTES / 1_000_000} MB: link to long material instead of pasting it`,
      );
    const bytes = readFileSync(path);
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

/**
 * Paths under a folder, recursively and sorted, so that every run reads them in the same order. A
 * linked folder is not entered (its entries are reported through readSource as a link).
 */
function walk(folder: string): string[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  const paths: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else paths.push(path);
    }
  };
  visit(folder);
  return paths.sort();
}

/** Reads every content file under `root`. README files and names starting with "_" or "." are skipped. */
export function readContentTree(root: string): ContentTree {
  const realRoot = existsSync(root) ? realpathSync(root) : resolve(root);
  const optional = (name: string) => {
    const path = join(root, name);
    return existsSync(path) || isLink(path) ? readSource(path, realRoot) : undefined;
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
  for (const folder of COLLECTION_FOLDERS) {
    for (const path of walk(join(root, folder))) {
      const name = path.split(sep).pop() ?? '';
      if (name.startsWith('_') || name.startsWith('.') || /^readme\.md$/i.test(name)) continue;
      if (!name.endsWith('.md') && !isLink(path)) tree.strays.push(displayPath(path));
      else tree[folder].push(readSource(path, realRoot));
    }
  }
  for (const path of walk(join(root, 'locales'))) {
    const name = path.split(sep).pop() ?? '';
    if (name.startsWith('_') || name.startsWith('.') || /^readme\.md$/i.test(name)) continue;
    if (!name.endsWith('.yaml') && !isLink(path)) tree.strays.push(displayPath(path));
    else tree.locales.push(readSource(path, realRoot));
  }
  return tree;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
