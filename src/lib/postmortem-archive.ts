import type { IncidentEntry } from '../schemas/incident.ts';
import type { PostmortemEntry } from '../schemas/postmortem.ts';
import type { SiteContent } from './content.ts';
import { paginate, type Page } from './paginate.ts';

export const POSTMORTEM_PAGE_SIZE = 20;

export interface ArchiveFilter {
  kind: 'all' | 'component' | 'severity' | 'year';
  value: string;
  label: string;
}

export interface ArchiveEntry {
  postmortem: PostmortemEntry;
  incident: IncidentEntry;
}

/** Published postmortems (newest first) with their incidents. */
export function archiveEntries(content: SiteContent): ArchiveEntry[] {
  const incidents = new Map(content.incidents.map((i) => [i.id, i]));
  return content.postmortems.flatMap((postmortem) => {
    const incident = incidents.get(postmortem.incident);
    return incident ? [{ postmortem, incident }] : [];
  });
}

/** All, one per component and severity that has a postmortem, one per year of publication. */
export function archiveFilters(content: SiteContent, entries = archiveEntries(content)): ArchiveFilter[] {
  const years = [
    ...new Set(entries.map((e) => new Date(e.postmortem.published ?? e.incident.started).getUTCFullYear())),
  ];
  return [
    { kind: 'all', value: '', label: 'All postmortems' },
    ...content.components
      .filter((c) => entries.some((e) => e.incident.components.some((x) => x.id === c.id)))
      .map((c): ArchiveFilter => ({ kind: 'component', value: c.id, label: c.name })),
    ...content.site.severities
      .filter((s) => entries.some((e) => e.incident.severity === s.id))
      .map((s): ArchiveFilter => ({ kind: 'severity', value: s.id, label: `${s.id} (${s.label})` })),
    ...years
      .sort((a, b) => b - a)
      .map((y): ArchiveFilter => ({ kind: 'year', value: String(y), label: String(y) })),
  ];
}

function matches(entry: ArchiveEntry, filter: ArchiveFilter): boolean {
  switch (filter.kind) {
    case 'component':
      return entry.incident.components.some((c) => c.id === filter.value);
    case 'severity':
      return entry.incident.severity === filter.value;
    case 'year':
      return (
        String(new Date(entry.postmortem.published ?? entry.incident.started).getUTCFullYear()) ===
        filter.value
      );
    default:
      return true;
  }
}

export function archivePages(entries: ArchiveEntry[], filter: ArchiveFilter): Page<ArchiveEntry>[] {
  return paginate(
    entries.filter((e) => matches(e, filter)),
    POSTMORTEM_PAGE_SIZE,
  );
}
