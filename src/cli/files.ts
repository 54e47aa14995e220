import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Node } from 'yaml';
import { contentTime } from './context.ts';
import {
  COLLECTION_FOLDERS,
  MAX_FILE_BYTES,
  readContentTree,
  type ContentTree,
  type SourceFile,
} from '../loader/read-tree.ts';
import { parseSource } from '../loader/rules/source-rules.ts';
import { validateContent } from '../loader/validate.ts';
import { parseMarkdownFile, splitFrontMatter } from '../loader/front-matter.ts';
import { formatProblem } from '../loader/problem.ts';
import { closest } from '../text/words.ts';
import { CommandError } from './errors.ts';

export { CommandError };

/**
 * A Markdown content file opened for an edit that changes only what it adds: the front matter is
 * parsed once to know what the data will be (`doc`), and each change is also recorded as an insertion
 * into the original text, so a reviewer's diff of an update is the new lines, whatever the file's
 * indentation, blank lines, comments, folding or line endings.
 */
export interface EditableFile {
  path: string;
  doc: Document;
  /** Everything after the closing `---` line, byte for byte. */
  body: string;
  /** The whole file as it was read, to notice a change by someone else before writing. */
  original: string;
  /** Offset of the front matter's first character in `original`. */
  yamlStart: number;
  /** The front matter's text. */
  yaml: string;
  /**
   * Insertions into `yaml` (offset, text with "\n" endings), applied in order of offset; at one offset,
   * a field added to an existing item comes before a new item appended after it (`append`).
   */
  edits: { at: number; text: string; append?: boolean }[];
  /** The file's line ending, kept on every line written. */
  eol: '\n' | '\r\n';
  /** Set when an edit cannot be an insertion: the front matter is then written out whole. */
  rewrite?: boolean;
  /** Writes a time with the precision the file's author uses (minutes, or seconds). */
  time: (ms: number) => string;
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
  if (!isMap(doc.contents))
    throw new CommandError(
      `${path}: the front matter must be fields ("title: …", "severity: …"), not a list or a single value; fix it, then run npm run check`,
    );
  return {
    path,
    doc,
    body: split.body,
    original: text,
    yamlStart: split.yamlStart,
    yaml: split.yaml,
    edits: [],
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    time: timeWriter(split.yaml),
  };
}

/** Times to the minute when every time in the file is written to the minute, else to the second. */
function timeWriter(yaml: string): (ms: number) => string {
  const times = [...yaml.matchAll(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?/g)];
  const minutes = times.length > 0 && times.every((match) => match[1] === undefined);
  return (ms) => {
    const text = contentTime(ms);
    return minutes ? text.replace(/:\d{2}Z$/, 'Z') : text;
  };
}

/**
 * The file's new text. It must read back, through the same splitter and parser as every build, to
 * the data and body that were meant: otherwise nothing is written. The insertions are tried first;
 * a front matter whose shape they cannot follow (a flow list, say) is written out whole instead.
 */
export function renderEditable(file: EditableFile): string {
  const meant = JSON.stringify(file.doc.toJS());
  const readsBack = (text: string) => {
    const back = parseMarkdownFile(text);
    return back.errors.length === 0 && JSON.stringify(back.data) === meant && back.body === file.body.trim();
  };
  const head = file.original.slice(0, file.yamlStart);
  const tail = file.original.slice(file.yamlStart + file.yaml.length);
  // Insertions at the same offset keep the order they were made in.
  let yaml = '';
  let done = 0;
  for (const edit of [...file.edits].sort((a, b) => a.at - b.at || Number(!!a.append) - Number(!!b.append))) {
    yaml += file.yaml.slice(done, edit.at) + edit.text.replaceAll('\n', file.eol);
    done = edit.at;
  }
  const spliced = head + yaml + file.yaml.slice(done) + tail;
  if (!file.rewrite && readsBack(spliced)) return spliced;
  const whole = `${head}${file.doc.toString({ lineWidth: 100 }).replaceAll('\n', file.eol)}${tail}`;
  if (readsBack(whole)) return whole;
  throw new CommandError(
    `Refusing to write ${file.path}: the edited file would not read back as written (a "---" line in a field?); nothing was written`,
  );
}

/**
 * The tree as read now, where a file still holds what it held in `earlier` (read when the command
 * started) the earlier read stands in for it, so that what was parsed of it then is not parsed again.
 */
export function readAgain(root: string, earlier: ContentTree | undefined): ContentTree {
  const tree = readContentTree(root);
  if (!earlier || earlier.root !== tree.root) return tree;
  const known = new Map<string, SourceFile>();
  for (const source of [
    earlier.site,
    earlier.components,
    ...COLLECTION_FOLDERS.flatMap((f) => earlier[f]),
    ...earlier.locales,
  ])
    if (source) known.set(source.file, source);
  const same = <T extends SourceFile | undefined>(source: T): T => {
    const before = source && known.get(source.file);
    return (
      before && before.text === source.text && before.unreadable === source.unreadable ? before : source
    ) as T;
  };
  return {
    ...tree,
    site: same(tree.site),
    components: same(tree.components),
    incidents: tree.incidents.map(same),
    maintenance: tree.maintenance.map(same),
    postmortems: tree.postmortems.map(same),
    templates: tree.templates.map(same),
    locales: tree.locales.map(same),
  };
}

/**
 * Validates the content tree as it would be with `changes` applied and writes them only if no file
 * they touch has an error. Nothing is written when it refuses. `clock.tree`, the tree the command
 * read, spares parsing again the files that have not changed since.
 */
export function writeValidated(
  root: string,
  changes: { path: string; text: string; expected?: string }[],
  clock: { now: number; checkNow?: number; tree?: ContentTree },
): void {
  const tree: ContentTree = readAgain(root, clock.tree);
  for (const change of changes) {
    if (Buffer.byteLength(change.text) > MAX_FILE_BYTES)
      throw new CommandError(
        `Refusing to write ${change.path}: it would be over ${MAX_FILE_BYTES / 1_000_000} MB, the limit for a content file; shorten the message and link to long material`,
      );
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
export function writeSafely(change: { path: string; text: string; expected?: string }): void {
  mkdirSync(dirname(change.path), { recursive: true });
  const lock = `${change.path}.lock`;
  let fd: number | undefined;
  for (let attempt = 0; fd === undefined; attempt++) {
    try {
      fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a command that was killed is taken over, not waited on.
      if (lockIsStale(lock)) {
        rmSync(lock, { force: true });
        continue;
      }
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

/**
 * True when the process that holds a lock file is gone: the file names its pid. A writer puts its pid
 * in the moment it creates the file, so a lock still empty after two seconds was left by a command
 * killed in between.
 */
function lockIsStale(lock: string): boolean {
  let pid: number;
  try {
    const text = readFileSync(lock, 'utf8');
    // The lock's age by the file system's clock (its mtime), not the command's "now".
    if (text.trim() === '') return Date.now() - statSync(lock).mtimeMs > 2000;
    pid = Number(text);
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The file of an incident (or other entry) by id, searching subfolders: in `earlier`, the content as
 * the command read it, when the file is still there, else as the folder is now.
 */
export function findEntry(
  root: string,
  folder: 'incidents' | 'maintenance' | 'postmortems',
  id: string,
  earlier?: ContentTree,
): string {
  const known = earlier?.[folder].find((f) => f.file.endsWith(`/${id}.md`));
  if (known && existsSync(known.file)) return known.file;
  const tree = readContentTree(root);
  const match = tree[folder].find((f) => f.file.endsWith(`/${id}.md`));
  if (!match)
    throw new CommandError(
      `No ${folder.replace(/s$/, '')} "${id}" in ${join(root, folder)}; ${nearestEntries(tree, folder, id)}`,
    );
  return match.file;
}

/** For a mistyped id: the nearest existing one, else the open incidents, else what an id is. */
function nearestEntries(
  tree: ContentTree,
  folder: 'incidents' | 'maintenance' | 'postmortems',
  id: string,
): string {
  const ids = tree[folder].filter((f) => f.file.endsWith('.md')).map((f) => basename(f.file, '.md'));
  const guess = closest(id, ids);
  if (guess) return `did you mean ${guess}?`;
  const open =
    folder === 'incidents'
      ? tree.incidents.flatMap((f) => {
          const data = parseSource(f, true).data as Record<string, unknown> | undefined;
          if (!data || data.title === undefined || data.resolved !== undefined) return [];
          return [`${basename(f.file, '.md')}${data.draft === true ? ' (a draft)' : ''}`];
        })
      : [];
  if (open.length > 0)
    return `the open incidents are ${open.slice(0, 10).join(', ')}${open.length > 10 ? ', …' : ''}`;
  return 'the id is the file name without .md';
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

/** Sets a top-level key that is not there yet, right after the field that precedes it in FIELD_ORDER. */
export function addField(file: EditableFile, key: string, value: string): void {
  const { doc } = file;
  const map = doc.contents;
  if (!isMap(map) || map.has(key)) throw new Error(`addField: ${key} is already set`);
  const before = new Set(FIELD_ORDER.slice(0, FIELD_ORDER.indexOf(key)));
  let index = -1;
  map.items.forEach((pair, i) => {
    if (isScalar(pair.key) && before.has(String(pair.key.value))) index = i;
  });
  const pair = doc.createPair(key, value);
  map.items.splice(index + 1, 0, pair);
  const line = stringify({ [key]: value }, { lineWidth: 100 });
  // After the nearest earlier field that is in the file (one added by this edit has no place yet).
  const previous = map.items
    .slice(0, index + 1)
    .findLast((item) => (item.value as Node | null)?.range !== undefined);
  const at = previous ? lineEnd(file.yaml, (previous.value as Node).range![1]) : 0;
  file.edits.push({ at, text: line });
}

/**
 * Appends an item to a top-level list (such as `updates`) in the style of the list's items: their
 * indentation, and a blank line before it when the author separates items with one.
 */
export function appendToList(file: EditableFile, key: string, item: Record<string, string>): void {
  const { doc } = file;
  const list = doc.get(key, true);
  if (isSeq(list) && !list.flow && list.items.length > 0 && list.range) {
    const first = list.items[0] as Node;
    // The last item that is in the file (an item added by this edit has no place yet).
    const last = list.items.findLast((item) => (item as Node).range) as Node;
    list.add(doc.createNode(item));
    const lineStart = file.yaml.lastIndexOf('\n', list.range[0] - 1) + 1;
    const indent = ' '.repeat(list.range[0] - lineStart);
    const second = list.items[1] as Node | undefined;
    const spaced =
      !!second?.range &&
      !!first.range &&
      /\n[ \t]*\n/.test(file.yaml.slice(first.range[1] - 1, second.range[0]));
    const text = stringify([item], { lineWidth: 100 })
      .split('\n')
      .map((line) => (line === '' ? line : indent + line))
      .join('\n');
    file.edits.push({
      at: lineEnd(file.yaml, last.range![1]),
      text: (spaced ? '\n' : '') + text,
      append: true,
    });
    return;
  }
  if (list === undefined) {
    doc.set(key, [item]);
    const yaml = file.yaml;
    const separator = yaml === '' || yaml.endsWith('\n') ? '' : '\n';
    file.edits.push({ at: yaml.length, text: separator + stringify({ [key]: [item] }, { lineWidth: 100 }) });
    return;
  }
  // A flow or empty list: the whole front matter is written out again (see renderEditable).
  if (isSeq(list)) list.add(doc.createNode(item));
  else doc.set(key, [item]);
  file.rewrite = true;
}

/**
 * Adds a field to one item of a top-level list (`components[2].to`), after the item's last line and
 * indented like its other fields. An item written in flow style is rewritten whole (see renderEditable).
 */
export function addToListItem(
  file: EditableFile,
  key: string,
  index: number,
  field: string,
  value: string,
): void {
  const list = file.doc.get(key, true);
  const item = isSeq(list) ? list.items[index] : undefined;
  if (!isMap(item)) throw new Error(`addToListItem: ${key}[${index}] is not a mapping`);
  item.set(field, value);
  const first = item.items[0]?.key as Node | undefined;
  const last = item.items.at(-2)?.value as Node | undefined;
  if (item.flow || !first?.range || !last?.range) {
    file.rewrite = true;
    return;
  }
  const column = first.range[0] - (file.yaml.lastIndexOf('\n', first.range[0] - 1) + 1);
  file.edits.push({
    at: lineEnd(file.yaml, last.range[1]),
    text: `${' '.repeat(column)}${stringify({ [field]: value }, { lineWidth: 100 })}`,
  });
}

/** The offset just after the line that holds `offset` (or `offset` itself at a line start). */
function lineEnd(text: string, offset: number): number {
  if (offset === 0 || text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}
