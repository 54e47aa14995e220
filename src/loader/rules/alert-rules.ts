import { basename } from 'node:path';
import type { ProblemCollector } from '../problem.ts';
import type { ContentTree } from '../read-tree.ts';
import type { SiteFiles } from './rule.ts';

/**
 * Checks site.yaml's `alerts:` rules against the other files: each names components that exist, a
 * severity of the scale and a template of content/templates, so that an alert at 03:00 never meets a
 * rule it cannot follow. Two rules with the same match would make the second one dead: a warning.
 */
export function checkAlertRules(files: SiteFiles, tree: ContentTree, report: ProblemCollector): void {
  const { site, components, componentIds, severityIds } = files;
  if (!site?.value || !components?.value) return;
  const at = report.inYaml(site.file, site.yaml);
  const templates = new Set(tree.templates.map((t) => basename(t.file, '.md')));
  const quoted = (ids: Iterable<string>) => [...ids].map((id) => `"${id}"`).join(', ');
  const seen = new Map<string, number>();
  site.value.alerts.forEach((rule, index) => {
    rule.components.forEach((id, position) => {
      if (!componentIds.has(id))
        at.error(
          ['alerts', index, 'components', position],
          `"${id}" is not a component in components.yaml`,
          `use one of ${quoted(componentIds)}`,
        );
    });
    if (!severityIds.has(rule.severity))
      at.error(
        ['alerts', index, 'severity'],
        `"${rule.severity}" is not a severity in site.yaml`,
        `use one of ${quoted(severityIds)}`,
      );
    if (rule.template !== undefined && !templates.has(rule.template))
      at.error(
        ['alerts', index, 'template'],
        `"${rule.template}" is not a template in content/templates`,
        templates.size > 0
          ? `use one of ${quoted(templates)}, or remove template`
          : 'write content/templates/<id>.md, or remove template',
      );
    const key = JSON.stringify(Object.entries(rule.match).sort());
    const first = seen.get(key);
    if (first !== undefined)
      at.warning(
        ['alerts', index, 'match'],
        `matches the same alerts as alerts[${first}], which comes first and takes them all`,
        'merge the two rules, or make this match narrower',
      );
    else seen.set(key, index);
  });
}
