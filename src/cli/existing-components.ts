import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { ContentTree } from '../loader/read-tree.ts';
import { CommandError } from './errors.ts';

export interface ExistingComponent {
  id: string;
  name: string;
}

const EXPECTED =
  'components.yaml must be a list of components, each a mapping such as "- id: api" with "name: API" under it. Fix it (statusmark check shows every problem), then import again. Nothing was imported.';

/**
 * The components the content already has, which an import adds to and never repeats. A file that is
 * not a list of components stops the import with its line, before anything is planned or written.
 */
export function readExistingComponents(tree: ContentTree, path: string): ExistingComponent[] {
  const text = tree.components?.text;
  if (!text) return [];
  const file = tree.components?.file ?? path;
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  // An error at the end of the text (an unclosed bracket) is on its last line, not the empty one after.
  const lineOf = (offset: number | undefined) =>
    lines.linePos(Math.min(offset ?? 0, text.trimEnd().length)).line;
  const error = document.errors[0];
  if (error)
    throw new CommandError(
      `${file}:${lineOf(error.pos[0])}: is not valid YAML (${error.message.split('\n')[0]}); ${EXPECTED}`,
    );
  const list = document.contents;
  if (list === null) return [];
  if (!isSeq(list))
    throw new CommandError(
      `${file}:${lineOf(list.range?.[0])}: is ${isMap(list) ? 'a mapping' : 'a single value'}, not a list; ${EXPECTED}`,
    );
  return list.items.map((item) => {
    const component = (isMap(item) ? item.toJSON() : null) as Partial<ExistingComponent> | null;
    if (typeof component?.id !== 'string')
      throw new CommandError(`${file}:${lineOf(item.range[0])}: is not a component with an id; ${EXPECTED}`);
    return { id: component.id, name: typeof component.name === 'string' ? component.name : component.id };
  });
}
