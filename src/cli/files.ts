import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { readContentTree, type ContentTree } from '../loader/read-tree.ts';
import { validateContent } from '../loader/validate.ts';
import { parseMarkdownFile, splitFrontMatter } from '../loader/front-matter.ts';
import { formatProblem, type Problem } from '../loader/problem.ts';

/** A Markdown content file split so that its front matter can be edited and written back intact. */
export interface EditableFile {
  path: string;
  doc: Document;
  /** Everything after the closing `---` line, byte for byte. */
  body: string;
  /** The whole file as it was read, to notice a change by someone else before writing. */
  original: string;
}

export function readEditable(path: string): EditableFile {
  const text = readFileSync(path, 'utf8');
  const split = splitFrontMatter(text);
  if (!split)
    throw new CommandError(
      `${path} has no front matter between "---" lines; fix it by hand, then run npm run check`,
    );
  // The core schema keeps times as the text the author wrote; comments and layout survive toString().
  const doc = parseDocument(split.yaml, { schema: 'core', keepSourceTokens: true });
  if (doc.errors.length > 0)
    throw new CommandError(
      `${path} has a YAML error (${doc.errors[0]!.message.split('\n')[0]}); fix it, then run npm run check`,
    );
  return { path, doc, body: split.body, original: text };
}

/**
 * The file's new text. It must read back, through the same splitter and parser as every build, to
 * the data and body that were meant: otherwise nothing is written.
 */
export function renderEditable(file: EditableFile): string {
  const text = `---\n${file.doc.toString({ lineWidth: 100 })}---\n${file.body}`;
  const back = parseMarkdownFile(text);
  const meant = JSON.stringify(file.doc.toJS());
  if (back.errors.length > 0 || JSON.stringify(back.data) !== meant || back.body !== file.body.trim())
    throw new CommandError(
      `Refusing to write ${file.path}: the edited file would not read back as written (a "---" line in a field?); nothing was written`,
    );
  return text;
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
  changes: { path: string; text: string; expected?: string }[],
  clock: { now: number; checkNow?: number },
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
  // Checked against the clock `check` uses, not a --at time, so that nothing passes here and fails there.
  const checkNow = clock.checkNow ?? clock.now;
  const result = validateContent(tree, {
    statusmarkNow: new Date(checkNow).toISOString(),
    realNow: checkNow,
  });
  const touched = new Set(changes.map((c) => resolve(c.path)));
  const mine = result.problems.filter((p) => p.severity === 'error' && touched.has(resolve(p.file)));
  if (mine.length > 0) {
    throw new CommandError(
      `Refusing to write: the result would not pass npm run check.\n${mine.map(formatProblem).join('\n')}`,
      mine,
    );
  }
  for (const change of changes) writeSafely(change);
}

/**
 * Writes one file so that nothing is lost: under a lock beside it (a second writer waits, then is
 * refused with a message), only if the file still holds what was read (`expected`; an update by
 * someone else in between is never overwritten), and atomically (a temporary file in the same folder,
 * flushed, then renamed over the original: a kill leaves the old file or the new one).
 */
function writeSafely(change: { path: string; text: string; expected?: string }): void {
  mkdirSync(dirname(change.path), { recursive: true });
  const lock = `${change.path}.lock`;
  let fd: number | undefined;
  for (let attempt = 0; fd === undefined; attempt++) {
    try {
      fd = openSync(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (attempt >= 50)
        throw new CommandError(
          `${change.path} is being written by another command (${lock} exists); run this one again when it is done, or delete the lock file if no command is running`,
        );
      sleep(100);
    }
  }
  try {
    closeSync(fd);
    if (change.expected !== undefined) {
      const now = existsSync(change.path) ? readFileSync(change.path, 'utf8') : undefined;
      if (now !== change.expected)
        throw new CommandError(
          `${change.path} changed since this command read it (another update at the same time?); nothing was written: run the command again`,
        );
    } else if (existsSync(change.path)) {
      throw new CommandError(`${change.path} already exists; nothing was written`);
    }
    const temporary = join(dirname(change.path), `.${basename(change.path)}.${process.pid}.tmp`);
    const out = openSync(temporary, 'w');
    try {
      writeSync(out, change.text);
      fsyncSync(out);
    } finally {
      closeSync(out);
    }
    renameSync(temporary, change.path);
  } finally {
    rmSync(lock, { force: true });
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
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
