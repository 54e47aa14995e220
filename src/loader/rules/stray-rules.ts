import type { ProblemCollector } from '../problem.ts';
import type { ContentTree } from '../read-tree.ts';

/** Checks that the content folders hold only what is read: a file that is not would be ignored. */
export function checkStrayFiles(tree: ContentTree, report: ProblemCollector): void {
  for (const stray of tree.strays) {
    if (/(^|\/)locales\/[^/]+$/.test(stray))
      report.error(
        stray,
        undefined,
        '',
        'is not a .yaml file and is ignored',
        'name a catalogue after its locale, such as locales/de.yaml',
      );
    else
      report.error(
        stray,
        undefined,
        '',
        'is not a .md file and is ignored',
        'rename it to end in .md, or move it out of the content folder',
      );
  }
}
