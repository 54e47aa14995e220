import { placeholderProblems } from '../../domain/incident-templates.ts';
import { createIncidentSchema } from '../../schemas/incident.ts';
import { createTemplateSchema, type IncidentTemplateEntry } from '../../schemas/incident-template.ts';
import { formatPath, type ProblemCollector } from '../problem.ts';
import type { ContentTree } from '../read-tree.ts';
import { checkEntryFiles } from './entry-file-rules.ts';
import type { EntryRule, RuleContext } from './rule.ts';
import { sampleIncident } from './template-sample.ts';

/**
 * Checks that a template's texts use only the placeholders it can fill: the built-in ones and its
 * own variables. Each is reported on the line of its first use.
 */
export const checkTemplatePlaceholders: EntryRule<IncidentTemplateEntry> = (template, file, report) => {
  const { text } = file.source;
  const lineOfToken = (token: string) => {
    const at = text.indexOf(token);
    return at < 0 ? undefined : text.slice(0, at).split('\n').length;
  };
  for (const problem of placeholderProblems(template, template.body))
    report.error(
      file.source.file,
      lineOfToken(problem.token) ?? file.yaml.lineOf(problem.path),
      problem.path,
      problem.message,
    );
};

/** Where a problem of the filled-in incident is reported: on the template field it came from. */
function templateField(incidentPath: readonly PropertyKey[]): (string | number)[] {
  const head = String(incidentPath[0]);
  if (['title', 'severity', 'components'].includes(head)) return [head];
  return head === 'updates' ? ['updates', Number(incidentPath[1])] : [];
}

/** Checks that the template, filled in with sample values, makes a valid incident at every update. */
export const checkFilledTemplate: EntryRule<IncidentTemplateEntry> = (template, file, report, context) => {
  const { site, components } = context.files;
  const sample = sampleIncident(template, context.schema, site?.value, components?.value ?? []);
  const result = createIncidentSchema(context.schema).safeParse(sample);
  const at = report.inYaml(file.source.file, file.yaml);
  for (const issue of result.success ? [] : result.error.issues)
    at.error(
      templateField(issue.path),
      `filled in, makes an invalid incident: ${formatPath(issue.path)} ${issue.message}`,
    );
};

/**
 * Checks every incident template against the template schema, its placeholders, and the incidents it
 * makes. Returns the templates without errors, for the CLI: templates are not part of the site.
 */
export function checkTemplates(
  tree: ContentTree,
  report: ProblemCollector,
  context: RuleContext,
): IncidentTemplateEntry[] {
  const checked = checkEntryFiles(
    tree.templates,
    {
      schema: createTemplateSchema(context.schema),
      build: (id, data, body): IncidentTemplateEntry => ({ ...data, id, body }),
      entryRules: [checkTemplatePlaceholders, checkFilledTemplate],
    },
    report,
    context,
  );
  return checked.entries.filter((t) => !checked.flagged.has(t.id));
}
