import type { ProblemCollector } from '../problem.ts';
import type { SiteFiles } from './rule.ts';
import { labelOf } from '../../views/subscribe-topics.ts';

/**
 * Checks that every component a notification channel (site.yaml) is filtered on is in
 * components.yaml: a channel filtered on one that does not exist would never hear of anything. The
 * mailing list's settings are checked with them.
 */
export function checkNotificationComponents(files: SiteFiles, report: ProblemCollector): void {
  checkMailingList(files, report);
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

/**
 * Checks the mailing list (`subscribe:`) against the components and the channels that send to it: a
 * box must name components that exist and that one label can name, and a `buttondown` or `listmonk`
 * channel needs the list of its provider, whose tags or lists it sends to.
 */
export function checkMailingList(files: SiteFiles, report: ProblemCollector): void {
  const { site, components, componentIds } = files;
  if (!site?.value) return;
  const at = report.inYaml(site.file, site.yaml);
  const subscribe = site.value.subscribe;
  site.value.notifications.forEach((channel, index) => {
    if (channel.type !== 'buttondown' && channel.type !== 'listmonk') return;
    if (subscribe?.provider !== channel.type)
      at.error(
        ['notifications', index, 'type'],
        `a ${channel.type} channel sends to the mailing list in subscribe:, and site.yaml has no subscribe: with provider: ${channel.type}`,
        `add subscribe: with provider: ${channel.type} (docs/notifications.md, "Email subscriptions")`,
      );
  });
  if (!subscribe?.topics || !components?.value) return;
  const byId = new Map(components.value.map((c) => [c.id, c]));
  const known = [...componentIds].map((c) => `"${c}"`).join(', ');
  const keys = new Set<string>([subscribe.everything]);
  subscribe.topics.forEach((topic, index) => {
    const key = 'tag' in topic ? topic.tag : topic.list;
    const field = 'tag' in topic ? 'tag' : 'list';
    if (keys.has(key))
      at.error(
        ['subscribe', 'topics', index, field],
        `"${key}" is already the ${key === subscribe.everything ? 'everything' : 'topic'} ${field} above`,
        `give each box its own ${field}`,
      );
    keys.add(key);
    const missing = topic.components.filter((id) => !componentIds.has(id));
    missing.forEach((id) =>
      at.error(
        ['subscribe', 'topics', index, 'components', topic.components.indexOf(id)],
        `"${id}" is not a component in components.yaml`,
        `use one of ${known}`,
      ),
    );
    if (missing.length === 0 && labelOf(topic.components, byId) === undefined)
      at.error(
        ['subscribe', 'topics', index, 'components'],
        'names components of different groups, and the box is labelled with their group',
        'list one component, or the components of one group (components.yaml, group:)',
      );
  });
}
