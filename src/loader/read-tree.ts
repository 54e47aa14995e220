import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A content file as read from disk; `file` is relative to the working directory, with "/". */
export interface SourceFile {
  file: string;
  text: string;
}

export interface ContentTree {
  /** The content folder as given, such as `content`. */
  root: string;
  site?: SourceFile;
  components?: SourceFile;
  incidents: SourceFile[];
  maintenance: SourceFile[];
  postmortems: SourceFile[];
  /** Files that sit where content goes but cannot be content (wrong extension). */
  strays: string[];
}

export const COLLECTION_FOLDERS = ['incidents', 'maintenance', 'postmortems'] as const;

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return (rel.startsWith('..') ? path : rel).split(sep).join('/');
}

function readOptional(path: string): SourceFile | undefined {
  return existsSync(path) ? { file: displayPath(path), text: readFileSync(path, 'utf8') } : undefined;
}

/** Files under a folder, recursively, sorted so that every run reads them in the same order. */
function walk(folder: string): string[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Reads every content file under `root`. README files and names starting with "_" or "." are skipped. */
export function readContentTree(root: string): ContentTree {
  const tree: ContentTree = {
    root,
    site: readOptional(join(root, 'site.yaml')),
    components: readOptional(join(root, 'components.yaml')),
    incidents: [],
    maintenance: [],
    postmortems: [],
    strays: [],
  };
  for (const folder of COLLECTION_FOLDERS) {
    for (const path of walk(join(root, folder))) {
      const name = path.split(sep).pop() ?? '';
      if (name.startsWith('_') || name.startsWith('.') || /^readme\.md$/i.test(name)) continue;
      if (!name.endsWith('.md')) tree.strays.push(displayPath(path));
      else tree[folder].push({ file: displayPath(path), text: readFileSync(path, 'utf8') });
    }
  }
  return tree;
}
