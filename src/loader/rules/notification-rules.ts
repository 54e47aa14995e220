import type { ProblemCollector } from '../problem.ts';
import type { SiteFiles } from './rule.ts';

/**
 * Checks that every component a notification channel (site.yaml) is filtered on is in
 * components.yaml: a channel filtered on one that does not exist would never hear of anything.
 */
export function checkNotificationComponents(files: SiteFiles, report: ProblemCollector): void {
  const { site, components, componentIds } = files;
  if (!site?.value || !components?.value) return;
  const known = [...componentIds].map((c) => `"${c}"`).join(', ');
  const at = report.inYaml(site.file, site.yaml);
  site.value.notifications.forEach((channel, index) =>
    channel.components?.forEach((id, position) => {
      if (!componentIds.has(id))
        at.error(
          ['notifications', index, 'components', position],
          `"${id}" is not a component in components.yaml`,
          `use one of ${known}`,
        );
    }),
  );
}
