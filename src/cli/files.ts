import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { readContentTree, type ContentTree } from '../loader/read-tree.ts';
import { validateContent } from '../loader/validate.ts';
import { formatProblem, type Problem } from '../loader/problem.ts';

/** A Markdown content file split so that its front matter can be edited and written back intact. */
export interface EditableFile {
  path: string;
  doc: Document;
  /** Everything after the closing `---` line, byte for byte. */
  body: string;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n?---[ \t]*(\r?\n|$)/;

export function readEditable(path: string): EditableFile {
  const text = readFileSync(path, 'utf8');
  const match = FRONT_MATTER.exec(text);
  if (!match)
    throw new CommandError(
      `${path} has no front matter between "---" lines; fix it by hand, then run npm run check`,
    );
  // The core schema keeps times as the text the author wrote; comments and layout survive toString().
  const doc = parseDocument(match[1] ?? '', { schema: 'core', keepSourceTokens: true });
  if (doc.errors.length > 0)
    throw new CommandError(
      `${path} has a YAML error (${doc.errors[0]!.message.split('\n')[0]}); fix it, then run npm run check`,
    );
  return { path, doc, body: text.slice(match[0].length) };
}

export function renderEditable(file: EditableFile): string {
  return `---\n${file.doc.toString({ lineWidth: 100 })}---\n${file.body}`;
}

/** A failure the user can act on; the CLI prints the message alone. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

/**
 * Validates the content tree as it would be with `changes` applied and writes them only if no file
 * they touch has an error. Nothing is written when it refuses.
 */
export function writeValidated(
  root: string,
  changes: { path: string; text: string }[],
  clock: { now: number },
): void {
  const tree: ContentTree = readContentTree(root);
  for (const change of changes) {
    const target = resolve(change.path);
    const folder = (['incidents', 'maintenance', 'postmortems'] as const).find((f) =>
      target.startsWith(resolve(root, f)),
    );
    if (!folder) throw new CommandError(`${change.path} is not inside ${root}`);
    const list = tree[folder];
    const existing = list.findIndex((f) => resolve(f.file) === target);
    const source = { file: existing >= 0 ? list[existing]!.file : change.path, text: change.text };
    if (existing >= 0) list[existing] = source;
    else list.push(source);
  }
  const result = validateContent(tree, {
    statusmarkNow: new Date(clock.now).toISOString(),
    realNow: clock.now,
  });
  const touched = new Set(changes.map((c) => resolve(c.path)));
  const mine = result.problems.filter((p) => p.severity === 'error' && touched.has(resolve(p.file)));
  if (mine.length > 0) {
    throw new CommandError(
      `Refusing to write: the result would not pass npm run check.\n${mine.map(formatProblem).join('\n')}`,
      mine,
    );
  }
  for (const change of changes) {
    mkdirSync(dirname(change.path), { recursive: true });
    writeFileSync(change.path, change.text);
  }
}

/** The file of an incident (or other entry) by id, searching subfolders. */
export function findEntry(
  root: string,
  folder: 'incidents' | 'maintenance' | 'postmortems',
  id: string,
): string {
  const tree = readContentTree(root);
  const match = tree[folder].find((f) => f.file.endsWith(`/${id}.md`));
  if (!match)
    throw new CommandError(
      `No ${folder.replace(/s$/, '')} "${id}" in ${join(root, folder)}; the id is the file name without .md`,
    );
  return match.file;
}

export function uniquePath(folder: string, id: string): string {
  let path = join(folder, `${id}.md`);
  for (let n = 2; existsSync(path); n++) path = join(folder, `${id}-${n}.md`);
  return path;
}

/** The incident fields in the order the README documents them, for placing new keys. */
const FIELD_ORDER = [
  'title',
  'severity',
  'started',
  'detected',
  'detection',
  'acknowledged',
  'identified',
  'mitigated',
  'resolved',
  'mitigation',
];

/** Sets a top-level key; a new key goes right after the field that precedes it in FIELD_ORDER. */
export function setField(doc: Document, key: string, value: string): void {
  const map = doc.contents;
  if (!isMap(map) || map.has(key)) {
    doc.set(key, value);
    return;
  }
  const before = new Set(FIELD_ORDER.slice(0, FIELD_ORDER.indexOf(key)));
  let index = -1;
  map.items.forEach((pair, i) => {
    if (isScalar(pair.key) && before.has(String(pair.key.value))) index = i;
  });
  map.items.splice(index + 1, 0, doc.createPair(key, value));
}
