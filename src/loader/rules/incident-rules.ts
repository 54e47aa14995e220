import { sinceStart } from '../../domain/timeline.ts';
import { createIncidentSchema, type IncidentEntry } from '../../schemas/incident.ts';
import { dayKey } from '../../time/dates.ts';
import type { ProblemCollector } from '../problem.ts';
import type { ContentTree } from '../read-tree.ts';
import { checkEntryFiles, type CheckedEntries } from './entry-file-rules.ts';
import type { EntryRule, RuleContext } from './rule.ts';

/**
 * Warns about an incident that began before a component it affected has a history (`since` in
 * components.yaml): its days before that show no data and count in no uptime, which is right for a
 * component that did not exist yet and wrong for one whose `since` was set too late (`init` writes
 * the day it ran).
 */
export const warnImpactBeforeSince: EntryRule<IncidentEntry> = (entry, file, report, context) => {
  const zone = context.schema.timeZone ?? 'UTC';
  const components = context.files.components?.value ?? [];
  for (const id of new Set(entry.components.map((impact) => impact.id))) {
    const since = components.find((component) => component.id === id)?.since;
    const start = sinceStart(since, zone);
    if (since === undefined || start === undefined || entry.started >= start) continue;
    report.warning(
      file.source.file,
      file.yaml.lineOf(['started']),
      'started',
      `is before the day ${id}'s history starts (since: ${dayKey(since, 'UTC')} in components.yaml): the days before it show no data and count in no uptime`,
      `if ${id} existed then, set its since to ${dayKey(entry.started, zone)} or earlier`,
    );
  }
};

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
      entryRules: [warnImpactBeforeSince],
    },
    report,
    context,
  );
}
