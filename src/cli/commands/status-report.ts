import { componentName, type SiteContent } from '../../domain/content.ts';
import { formatDateTime, formatTime } from '../../time/dates.ts';
import { formatDuration } from '../../time/duration.ts';
import { buildOverview } from '../../views/overview.ts';
import { sitePaths } from '../../domain/site-paths.ts';
import { impactSummary, pageHeadline } from '../../domain/status.ts';
import { englishLocale } from '../../loader/catalogues.ts';
import { INCIDENT_STATUS_LABELS, STATUS_LABELS } from '../../schemas/vocabulary.ts';

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
  const overview = buildOverview(content);
  const page = (path: string) => new URL(path, site.url).href;
  const paths = sitePaths(base);
  const label = (status: keyof typeof STATUS_LABELS) =>
    `${STATUS_LABELS[status].glyph} ${STATUS_LABELS[status].label}`;
  const lines = [
    `${site.name} status at ${formatDateTime(clock.now, zone)} (${CLOCK_NAMES[clock.source]})`,
    `${STATUS_LABELS[overview.page.worst].glyph} ${pageHeadline(overview.page, englishLocale(zone))}`,
  ];
  const affected = overview.groups.flatMap((g) => g.rows).filter((row) => row.status !== 'operational');
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
        `    ${INCIDENT_STATUS_LABELS[summary.stage]} · ${summary.peak ? 'peak impact ' : ''}${label(summary.impact)} · since ${formatDateTime(incident.started, zone)} · ${names.join(', ')}`,
        `    ${page(paths.incident(incident.id))}`,
      );
      const next = incident.updates.at(-1)?.next_update;
      if (next === undefined) continue;
      if (next > clock.now) lines.push(`    Next update promised by ${formatTime(next, zone)}`);
      else {
        overdue++;
        lines.push(
          `    OVERDUE: the next update was promised by ${formatTime(next, zone)}, ${formatDuration(clock.now - next).replaceAll('\u00a0', ' ')} ago; post one with "statusmark update ${incident.id}"`,
        );
      }
    }
  }
  const windows = [
    ...overview.activeMaintenance.map(
      (w) => `  In progress: ${w.title}, until ${formatDateTime(w.scheduled_end, zone)}`,
    ),
    ...overview.upcomingMaintenance.map(
      (w) =>
        `  Scheduled: ${w.title}, ${formatDateTime(w.scheduled_start, zone)} – ${formatTime(w.scheduled_end, zone)}`,
    ),
  ];
  if (windows.length > 0) lines.push('', 'Maintenance:', ...windows);
  return { text: `${lines.join('\n')}\n`, overdue };
}
