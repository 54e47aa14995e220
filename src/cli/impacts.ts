import { isMap, isSeq } from 'yaml';
import { IMPACTS } from '../schemas/vocabulary.ts';
import { UsageError } from './args.ts';
import { checkComponentPart } from './option-values.ts';
import { addToListItem, appendToList, type EditableFile } from './files.ts';

/**
 * `--component api=major_outage` (or `api:major_outage`, as `new incident` writes it), repeatable;
 * `=operational` ends a component's impact.
 */
export function parseImpactChanges(
  values: readonly string[],
  componentIds: readonly string[] = [],
): { id: string; impact: string }[] {
  const impacts = [...IMPACTS, 'operational'];
  return values.map((value) => {
    const [id, impact, extra] = value.split(/[=:]/);
    if (!id || !impact || extra !== undefined)
      throw new UsageError(
        `--component "${value}" must be id=impact, with impact one of ${impacts.join(', ')}`,
      );
    checkComponentPart(value, id, componentIds, 'a component of components.yaml');
    checkComponentPart(value, impact, impacts, 'an impact');
    return { id, impact };
  });
}

/**
 * Changes components' impacts at `at`, as phases: the component's open phase (one without `to`) gets
 * `to: at`, and a new phase `{id, impact, from: at}` follows, unless the impact is unchanged or is
 * `operational` (which only ends the open phase). A component not yet listed is added from `at`.
 */
export function applyImpactChanges(
  file: EditableFile,
  changes: { id: string; impact: string }[],
  at: string,
): void {
  for (const { id, impact } of changes) {
    const list = file.doc.get('components', true);
    const items = isSeq(list) ? list.items : [];
    const open = items.findLastIndex((item) => isMap(item) && item.get('id') === id && !item.has('to'));
    const current = open >= 0 && isMap(items[open]) ? items[open].get('impact') : undefined;
    if (current === impact) continue;
    if (open >= 0) addToListItem(file, 'components', open, 'to', at);
    if (impact !== 'operational') appendToList(file, 'components', { id, impact, from: at });
  }
}
