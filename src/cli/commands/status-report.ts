import { componentName, type SiteContent } from '../../domain/content.ts';
import { announcedMaintenance, currentStatus } from '../../views/overview.ts';
import { sitePaths } from '../../domain/site-paths.ts';
import { impactSummary, pageHeadline } from '../../domain/statuses.ts';
import { knownTime } from '../../domain/known-time.ts';
import { englishLocale } from '../../loader/catalogues.ts';
import { STATUS_GLYPHS, type ComponentStatus } from '../../schemas/vocabulary.ts';

const CLOCK_NAMES = {
  STATUSMARK_NOW: 'STATUSMARK_NOW',
  SOURCE_DATE_EPOCH: 'SOURCE_DATE_EPOCH',
  demo: 'the demo clock of site.yaml',
  clock: 'now',
} as const;

/**
 * What the home page will say at the clock, without building: the page status, components that are
 * not operational, open incidents with their stage, their page and their next-update promise (and
 * whether it is overdue), and maintenance in progress or scheduled. The same computation as the page.
 */
export function statusReport(content: SiteContent, base: string): { text: string; overdue: number } {
  const { site, clock } = content;
  const zone = site.time_zone;
  // The home page's status, without its uptime bars and history, which this report does not show.
  const overview = currentStatus(content);
  const page = (path: string) => new URL(path, site.url).href;
  const paths = sitePaths(base);
  // The command line speaks to authors in English, through the same catalogue the pages use.
  const en = englishLocale(zone);
  const label = (status: ComponentStatus) => `${STATUS_GLYPHS[status]} ${en.t(`status.${status}`)}`;
  const lines = [
    `${site.name} status at ${en.dateTime(clock.now)} (${CLOCK_NAMES[clock.source]})`,
    `${STATUS_GLYPHS[overview.page.worst]} ${pageHeadline(overview.page, en)}`,
  ];
  const affected = componentsInGroups(content).flatMap((component) => {
    const status = overview.statuses.get(component.id) ?? 'operational';
    return status === 'operational' ? [] : [{ component, status }];
  });
  if (affected.length > 0) {
    lines.push('', 'Components not operational:');
    for (const row of affected) lines.push(`  ${label(row.status)}: ${row.component.name}`);
  }
  let overdue = 0;
  if (overview.activeIncidents.length > 0) {
    lines.push('', 'Open incidents:');
    for (const incident of overview.activeIncidents) {
      const names = [...new Set(incident.components.map((c) => componentName(content, c.id)))];
      const summary = impactSummary(incident, clock.now);
      lines.push(
        `  ${incident.title}`,
        `    ${en.t(`incident_status.${summary.stage}`)} · ${summary.peak ? 'peak impact ' : ''}${label(summary.impact)} · since ${knownTime(en, incident.started, incident.precision.started, zone)} · ${names.join(', ')}`,
        `    ${page(paths.incident(incident.id))}`,
      );
      const next = incident.updates.at(-1)?.next_update;
      if (next === undefined) continue;
      if (next > clock.now) lines.push(`    Next update promised by ${en.time(next)}`);
      else {
        overdue++;
        lines.push(
          `    OVERDUE: the next update was promised by ${en.time(next)}, ${en.duration(clock.now - next).replaceAll('\u00a0', ' ')} ago; post one with "statusmark update ${incident.id}"`,
        );
      }
    }
  }
  const windows = [
    ...overview.activeMaintenance.map(
      (w) => `  In progress: ${w.title}, until ${en.dateTime(w.scheduled_end)}`,
    ),
    ...announcedMaintenance(content, overview.activeMaintenance).map(
      (w) => `  Scheduled: ${w.title}, ${en.dateTime(w.scheduled_start)} – ${en.time(w.scheduled_end)}`,
    ),
  ];
  if (windows.length > 0) lines.push('', 'Maintenance:', ...windows);
  return { text: `${lines.join('\n')}\n`, overdue };
}

/** The components in the home page's order: each group where its first component is, members together. */
function componentsInGroups(content: SiteContent): SiteContent['components'] {
  const groups: SiteContent['components'][] = [];
  const byName = new Map<string, SiteContent['components']>();
  for (const component of content.components) {
    const group = component.group === undefined ? undefined : byName.get(component.group);
    if (group) group.push(component);
    else {
      const started = [component];
      groups.push(started);
      if (component.group !== undefined) byName.set(component.group, started);
    }
  }
  return groups.flat();
}
