import { createIncidentSchema, type IncidentEntry } from '../../schemas/incident.ts';
import type { ProblemCollector } from '../problem.ts';
import type { ContentTree } from '../read-tree.ts';
import { checkEntryFiles, type CheckedEntries } from './entry-file-rules.ts';
import type { RuleContext } from './rule.ts';

/**
 * Checks every incident file against the incident schema, whose refinements hold the incident rules:
 * times in order and not after the build clock, severities and components that exist, updates that
 * agree with mitigated and resolved.
 */
export function checkIncidents(
  tree: ContentTree,
  report: ProblemCollector,
  context: RuleContext,
): CheckedEntries<IncidentEntry> {
  return checkEntryFiles(
    tree.incidents,
    {
      schema: createIncidentSchema(context.schema),
      build: (id, data, body): IncidentEntry => ({ ...data, id, body }),
    },
    report,
    context,
  );
}
