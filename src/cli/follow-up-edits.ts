import { isMap, isScalar, isSeq, Scalar, type Node, type YAMLMap } from 'yaml';
import type { ItemChange } from '../domain/tracker-states.ts';
import { renderEditable, type EditableFile } from './files.ts';

/**
 * Changes action items' `status`, `as_of` and `completed` in a postmortem's front matter by editing
 * those values in place: every other byte of the file (comments, quoting, order, blank lines, the
 * body) stays as the author wrote it. The result goes through renderEditable, which refuses a text
 * that does not read back to the data meant (and falls back to writing the front matter out whole
 * for a shape it cannot edit in place, such as an item written as `{title: …, status: …}`).
 */

/** A piece of `yaml` replaced: [start, end) → text; an insertion has start = end. */
interface Splice {
  start: number;
  end: number;
  text: string;
}

/** The action item at `index` of the front matter, as a YAML mapping. */
export function actionItemNode(file: EditableFile, index: number): YAMLMap | undefined {
  const list = file.doc.get('action_items', true);
  const item = isSeq(list) ? list.items[index] : undefined;
  return isMap(item) ? item : undefined;
}

/** The new text of the file with the changes applied to the items at their indexes. */
export function applyItemChanges(file: EditableFile, changes: Map<number, ItemChange>): string {
  const splices: Splice[] = [];
  let inPlace = true;
  for (const [index, change] of changes) {
    const item = actionItemNode(file, index);
    if (!item) throw new Error(`applyItemChanges: action_items[${index}] is not a mapping`);
    const list = file.doc.get('action_items', true) as Node & { flow?: boolean };
    const found = !list.flow && !item.flow && spliceItem(file, item, change);
    if (found) splices.push(...found);
    else inPlace = false;
    setValues(file.doc, item, change);
  }
  // Later pieces first, so earlier offsets stay right; at one offset a removal before an insertion.
  let yaml = file.yaml;
  for (const splice of splices.sort((a, b) => b.start - a.start || b.end - a.end))
    yaml = yaml.slice(0, splice.start) + splice.text.replaceAll('\n', file.eol) + yaml.slice(splice.end);
  if (!inPlace) return renderEditable({ ...file, rewrite: true, edits: [] });
  const head = file.original.slice(0, file.yamlStart);
  const tail = file.original.slice(file.yamlStart + file.yaml.length);
  return renderEditable({ ...file, yaml, original: head + yaml + tail, edits: [] });
}

/**
 * The document's own values, which the text must read back to, in the text's order: a new field
 * right after `status` (the read-back compares the data with its keys in order).
 */
function setValues(doc: EditableFile['doc'], item: YAMLMap, change: ItemChange): void {
  item.set('status', change.status);
  const after = (key: string) => item.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === key);
  const put = (key: string, value: string, previous: string) => {
    if (item.has(key)) item.set(key, value);
    else item.items.splice(after(previous) + 1, 0, doc.createPair(key, value));
  };
  put('as_of', change.asOf, 'status');
  if (change.completed === null) item.delete('completed');
  else if (change.completed !== undefined && !item.has('completed'))
    put(
      'completed',
      change.completed,
      item.has('as_of') && after('as_of') > after('status') ? 'as_of' : 'status',
    );
}

/** The splices for one item written in block style, or undefined when it cannot be edited in place. */
function spliceItem(file: EditableFile, item: YAMLMap, change: ItemChange): Splice[] | undefined {
  const status = item.get('status', true);
  const key = item.items.find((pair) => isScalar(pair.key) && pair.key.value === 'status')?.key as
    Node | undefined;
  if (!isScalar(status) || !status.range || !key?.range) return undefined;
  const splices: Splice[] = [replaceScalar(status, change.status)];
  const column = key.range[0] - (file.yaml.lastIndexOf('\n', key.range[0] - 1) + 1);
  const added: string[] = [];
  const asOf = item.get('as_of', true);
  if (isScalar(asOf) && asOf.range) splices.push(replaceScalar(asOf, change.asOf));
  else if (asOf === undefined) added.push(`as_of: ${change.asOf}`);
  else return undefined;
  const completed = item.items.find((pair) => isScalar(pair.key) && pair.key.value === 'completed');
  if (change.completed === null && completed) {
    const removal = removePair(file.yaml, completed.key as Node, completed.value as Node | null, item);
    if (!removal) return undefined;
    splices.push(removal);
  } else if (typeof change.completed === 'string' && !completed) added.push(`completed: ${change.completed}`);
  // New fields go on the lines right after `status:`, indented like it.
  if (added.length > 0) {
    const at = lineEnd(file.yaml, status.range[1]);
    const separator = at === file.yaml.length && !file.yaml.endsWith('\n') ? '\n' : '';
    splices.push({
      start: at,
      end: at,
      text: separator + added.map((line) => `${' '.repeat(column)}${line}\n`).join(''),
    });
  }
  return splices;
}

/** A scalar's text replaced by a plain word (dates and statuses), in the quotes the author used. */
function replaceScalar(node: Scalar, value: string): Splice {
  const quote = node.type === Scalar.QUOTE_DOUBLE ? '"' : node.type === Scalar.QUOTE_SINGLE ? "'" : '';
  return { start: node.range![0], end: node.range![1], text: `${quote}${value}${quote}` };
}

/** The whole lines of a `key: value` pair, unless it opens the item (`- completed: …`). */
function removePair(yaml: string, key: Node, value: Node | null, item: YAMLMap): Splice | undefined {
  if (!key.range || item.items[0]?.key === key) return undefined;
  const start = yaml.lastIndexOf('\n', key.range[0] - 1) + 1;
  // Only indentation before the key: another field on the same line cannot be cut out.
  if (yaml.slice(start, key.range[0]).trim() !== '') return undefined;
  const end = lineEnd(yaml, value?.range?.[1] ?? key.range[1]);
  return { start, end, text: '' };
}

/** The offset just after the line that holds `offset` (or `offset` itself at a line start). */
function lineEnd(text: string, offset: number): number {
  if (offset === 0 || text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}
