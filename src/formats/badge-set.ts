import { PAGE_INDICATOR_STATUS, statusBadge, uptimeBadge, type EndpointBadge } from './badges.ts';
import type { SiteContent } from '../domain/content.ts';
import { currentStatus } from '../views/overview.ts';
import { recentUptime, windowsByComponent } from '../domain/timeline.ts';

/** Every badge the site publishes, by file name without extension. */
export function buildBadges(content: SiteContent): Map<string, EndpointBadge> {
  const current = currentStatus(content);
  const windows = windowsByComponent(content);
  const badges = new Map<string, EndpointBadge>([
    ['status', statusBadge(content.site.name, PAGE_INDICATOR_STATUS[current.page.indicator], content.locale)],
  ]);
  for (const component of content.components) {
    badges.set(
      component.id,
      statusBadge(component.name, current.statuses.get(component.id) ?? 'operational', content.locale),
    );
    for (const days of [30, 90]) {
      const uptime = recentUptime(windows.get(component.id) ?? [], content, days, component.since);
      badges.set(
        `${component.id}-uptime-${days}d`,
        uptimeBadge(
          content.locale.t('badge.uptime_label', { component: component.name, days }),
          uptime,
          content.locale,
          component.slo,
        ),
      );
    }
  }
  return badges;
}
