import type { ProblemCollector } from '../problem.ts';
import type { ContentTree } from '../read-tree.ts';

function idOf(file: string): string {
  return (file.split('/').pop() ?? file).replace(/\.md$/, '');
}

/**
 * Refuses an incident and a maintenance window with the same id (the same file name): the API lists
 * both kinds as incidents, where two objects would share one id. Reported on both files, so that
 * writing either one is refused.
 */
export function refuseSharedIds(tree: ContentTree, report: ProblemCollector): void {
  const incidentFile = new Map(tree.incidents.map((source) => [idOf(source.file), source.file]));
  for (const { file } of tree.maintenance) {
    const id = idOf(file);
    const incident = incidentFile.get(id);
    if (incident === undefined) continue;
    const fix = 'incidents and maintenance windows share one list of ids in the API; rename one of the files';
    report.error(file, undefined, '', `id "${id}" is already used by the incident ${incident}`, fix);
    report.error(incident, undefined, '', `id "${id}" is also used by the maintenance window ${file}`, fix);
  }
}
