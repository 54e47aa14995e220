import { isoTime } from '../../schemas/common.ts';
import { createMaintenanceSchema, type MaintenanceEntry } from '../../schemas/maintenance.ts';
import type { ProblemCollector } from '../problem.ts';
import type { ContentTree } from '../read-tree.ts';
import { checkEntryFiles, type CheckedEntries } from './entry-file-rules.ts';
import type { EntryRule, RuleContext } from './rule.ts';

/**
 * Warns about a window with neither `announced` nor an update: subscribers would first hear of it
 * when it starts.
 */
export const warnUnannouncedMaintenance: EntryRule<MaintenanceEntry> = (entry, file, report, context) => {
  if (entry.announced !== undefined || entry.updates.length > 0) return;
  report.warning(
    file.source.file,
    file.yaml.lineOf(['scheduled_start']),
    'announced',
    'is missing, and there is no update: subscribers hear of this window only when it starts',
    `add announced: ${isoTime(context.clock.now)} (the time it was made public)`,
  );
};

/**
 * Checks every maintenance file against the maintenance schema (times in order, components that
 * exist, a recurrence rule and its exceptions that fit), then warns about unannounced windows.
 */
export function checkMaintenance(
  tree: ContentTree,
  report: ProblemCollector,
  context: RuleContext,
): CheckedEntries<MaintenanceEntry> {
  return checkEntryFiles(
    tree.maintenance,
    {
      schema: createMaintenanceSchema(context.schema),
      build: (id, data, body): MaintenanceEntry => ({ ...data, id, body }),
      entryRules: [warnUnannouncedMaintenance],
    },
    report,
    context,
  );
}
