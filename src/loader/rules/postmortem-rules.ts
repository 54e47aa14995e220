import { findBlameLanguage, type BlameFields } from '../../domain/blame.ts';
import { createPostmortemSchema, PLACEHOLDER, type PostmortemEntry } from '../../schemas/postmortem.ts';
import type { ProblemCollector } from '../problem.ts';
import type { ContentTree } from '../read-tree.ts';
import { checkEntryFiles, type CheckedEntries } from './entry-file-rules.ts';
import type { EntryRule, FileRule, RuleContext } from './rule.ts';

/** The texts blame is looked for in, from front matter that may not be valid. */
function blameFields(data: unknown): BlameFields {
  const record = (value: unknown): Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : '')) : [];
  const items = (value: unknown) => (Array.isArray(value) ? value.map(record) : []);
  const pm = record(data);
  return {
    trigger: typeof pm.trigger === 'string' ? pm.trigger : undefined,
    root_causes: strings(pm.root_causes),
    // Both forms as written: answers or chains of them; factors as text or {category, description}.
    five_whys: Array.isArray(pm.five_whys)
      ? pm.five_whys.map((item) =>
          typeof item === 'string'
            ? item
            : {
                question:
                  typeof record(item).question === 'string' ? (record(item).question as string) : undefined,
                answers: strings(record(item).answers),
              },
        )
      : [],
    contributing_factors: Array.isArray(pm.contributing_factors)
      ? pm.contributing_factors.map((f) =>
          typeof f === 'string'
            ? f
            : {
                description:
                  typeof record(f).description === 'string' ? (record(f).description as string) : '',
              },
        )
      : [],
    authors: strings(pm.authors),
    action_items: items(pm.action_items).map((i) => ({ owner: typeof i.owner === 'string' ? i.owner : '' })),
  };
}

/**
 * Warns about blame language (a person who "forgot" or "failed") in a postmortem's texts, whether
 * or not the file has errors, so it is seen with them.
 */
export const warnBlameLanguage: FileRule = ({ source, yaml }, report, context) => {
  const at = report.inYaml(source.file, yaml);
  // The company's own name is the company speaking, not a person to blame.
  const organisation = context.files.site?.value?.name;
  for (const warning of findBlameLanguage(blameFields(yaml.data), { organisation }))
    at.warning(warning.path, warning.message);
};

/** Refuses a placeholder ("TODO", "TBD", "???") left in the body of a postmortem that is not a draft. */
export const refusePlaceholderText: FileRule = ({ source, yaml }, report) => {
  const data = yaml.data;
  const draft = data !== null && typeof data === 'object' && (data as { draft?: unknown }).draft === true;
  const placeholder = draft ? null : PLACEHOLDER.exec(yaml.body);
  if (!placeholder) return;
  const at = source.text.indexOf(yaml.body) + placeholder.index;
  report.error(
    source.file,
    source.text.slice(0, at).split('\n').length,
    '(body)',
    `still holds the placeholder "${placeholder[0]}"`,
    'write the real text, or keep draft: true until it is ready',
  );
};

/** Refuses a second postmortem of one incident; the rule remembers the files it has seen. */
export function refuseSecondPostmortem(): EntryRule<PostmortemEntry> {
  const fileOf = new Map<string, string>();
  return (entry, { source, yaml }, report) => {
    const other = fileOf.get(entry.incident);
    if (other)
      report
        .inYaml(source.file, yaml)
        .error(
          ['incident'],
          `incident "${entry.incident}" already has a postmortem in ${other}`,
          'merge the two files',
        );
    fileOf.set(entry.incident, source.file);
  };
}

/**
 * Checks every postmortem file against the postmortem schema (an incident that exists, the fields a
 * published postmortem needs), with its blame language, placeholders and one per incident.
 */
export function checkPostmortems(
  tree: ContentTree,
  report: ProblemCollector,
  context: RuleContext,
  incidentIds: ReadonlySet<string>,
): CheckedEntries<PostmortemEntry> {
  // A postmortem of an incident whose own file has errors must not also be told its incident is
  // missing: it is checked against every incident id seen, valid or not.
  const schema = createPostmortemSchema({ ...context.schema, incidentIds });
  return checkEntryFiles(
    tree.postmortems,
    {
      schema,
      build: (id, data, body): PostmortemEntry => ({ ...data, id, body }),
      fileRules: [warnBlameLanguage, refusePlaceholderText],
      entryRules: [refuseSecondPostmortem()],
    },
    report,
    context,
  );
}
