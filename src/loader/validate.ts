import type { ClockInput } from '../time/clock.ts';
import { orderContent, severityNames, type SiteContent } from '../domain/content.ts';
import type { IncidentTemplateEntry } from '../schemas/incident-template.ts';
import { ProblemCollector, type Problem } from './problem.ts';
import type { ContentTree } from './read-tree.ts';
import { checkAlertRules } from './rules/alert-rules.ts';
import { checkBuildClock } from './rules/clock-rules.ts';
import { checkComponentsFile } from './rules/component-rules.ts';
import { checkIncidents } from './rules/incident-rules.ts';
import { checkSiteLocales } from './rules/locale-rules.ts';
import { checkMaintenance } from './rules/maintenance-rules.ts';
import { checkNotificationComponents } from './rules/notification-rules.ts';
import { checkPostmortems } from './rules/postmortem-rules.ts';
import type { RuleContext, SiteFiles } from './rules/rule.ts';
import { refuseSharedIds } from './rules/shared-id-rules.ts';
import { checkSiteFile, rawSeverities, rawTimeZone } from './rules/site-rules.ts';
import { checkStrayFiles } from './rules/stray-rules.ts';
import { checkTemplates } from './rules/template-rules.ts';
import { checkTranslationLanguages, otherLocales } from './rules/translation-rules.ts';

export interface ValidationResult {
  /** Present when there is no error (warnings allowed). */
  content?: SiteContent;
  /** The incident templates without errors, for the CLI (they are not part of the site). */
  templates?: IncidentTemplateEntry[];
  problems: Problem[];
}

/**
 * Checks a whole content tree against the schemas and the cross-file rules, collecting every
 * problem rather than stopping at the first. Pure apart from what `tree` already holds. The rules
 * run in this order: site.yaml and components.yaml first, as every other file is checked against them.
 */
export function validateContent(
  tree: ContentTree,
  clockInput: Omit<ClockInput, 'demoNow'>,
  base = '/',
): ValidationResult {
  const report = new ProblemCollector();
  const files: SiteFiles = { ...checkSiteFile(tree, report), ...checkComponentsFile(tree, report) };
  checkTranslationLanguages(files, report);
  checkNotificationComponents(files, report);
  const clock = checkBuildClock(files, clockInput, report);
  // Without a clock no time can be checked. (These problems are returned in the order found.)
  if (!clock) return { problems: report.inOrderFound() };
  checkStrayFiles(tree, report);
  checkAlertRules(files, tree, report);
  const locales = checkSiteLocales(files, tree, report);
  const site = files.site?.value;
  const context: RuleContext = {
    clock,
    files,
    schema: {
      now: clock.now,
      componentIds: files.componentIds,
      severityIds: files.severityIds,
      timeZone: site?.time_zone ?? rawTimeZone(files.site, tree.site?.text),
      translationLocales: site ? otherLocales(site) : undefined,
    },
  };
  const incidents = checkIncidents(tree, report, context);
  const maintenance = checkMaintenance(tree, report, context);
  refuseSharedIds(tree, report);
  const postmortems = checkPostmortems(tree, report, context, incidents.ids);
  const templates = checkTemplates(tree, report, context);
  const result: ValidationResult = { problems: report.sorted(), templates };
  const components = files.components?.value;
  if (report.hasErrors || !site || !components || !locales) return result;
  // The default severity scale's names are words of the site's language, not content.
  const catalogueSeverities = rawSeverities(files.site) === undefined;
  result.content = orderContent({
    site: catalogueSeverities ? severityNames(site, locales[0]!) : site,
    catalogueSeverities,
    locale: locales[0]!,
    locales,
    components,
    incidents: incidents.entries,
    maintenance: maintenance.entries,
    postmortems: postmortems.entries,
    clock,
    base,
  });
  return result;
}
