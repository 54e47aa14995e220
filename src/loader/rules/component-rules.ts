import { componentsSchema, type Component } from '../../schemas/component.ts';
import type { ProblemCollector } from '../problem.ts';
import type { ContentTree } from '../read-tree.ts';
import type { ReadFile } from './rule.ts';
import { rawIds } from './site-rules.ts';
import { checkPresent, checkSchema, checkSource } from './source-rules.ts';

/**
 * Checks that components.yaml exists, can be read and matches the components schema. Returns it with
 * the ids it names, which entries are checked against even when the file has mistakes.
 */
export function checkComponentsFile(
  tree: ContentTree,
  report: ProblemCollector,
): { components?: ReadFile<Component[]>; componentIds: Set<string> } {
  const what = 'a list of components (id, name)';
  if (!checkPresent(tree.components, tree.root, 'components.yaml', what, report))
    return { componentIds: new Set() };
  const yaml = checkSource(tree.components, false, report);
  if (!yaml) return { componentIds: new Set() };
  const value = checkSchema(componentsSchema, yaml, tree.components.file, report);
  const componentIds = new Set(value ? value.map((c) => c.id) : rawIds(yaml.data));
  return { components: { file: tree.components.file, yaml, value }, componentIds };
}
