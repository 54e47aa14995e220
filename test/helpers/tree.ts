import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readContentTree, type ContentTree } from '../../src/loader/read-tree.ts';
import { validateContent } from '../../src/loader/validate.ts';

export const FIXTURES = 'test/fixtures';
/** The clock every fixture is written against. */
export const FIXTURE_NOW = '2026-11-23T12:00:00Z';

export function baseTree(): ContentTree {
  return readContentTree(join(FIXTURES, 'base'));
}

/** The base tree with one file added to a folder, or site.yaml / components.yaml replaced. */
export function treeWith(
  kind: 'incidents' | 'maintenance' | 'postmortems' | 'site' | 'components',
  path: string,
): ContentTree {
  const tree = baseTree();
  const source = { file: path, text: readFileSync(path, 'utf8') };
  if (kind === 'site' || kind === 'components') tree[kind] = source;
  else tree[kind].push(source);
  return tree;
}

export function validate(tree: ContentTree) {
  return validateContent(tree, { statusmarkNow: FIXTURE_NOW, realNow: Date.parse(FIXTURE_NOW) });
}
