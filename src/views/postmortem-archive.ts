import type { IncidentEntry } from '../schemas/incident.ts';
import type { PostmortemEntry } from '../schemas/postmortem.ts';
import { contentIndex, type SiteContent } from '../domain/content.ts';
import { paginate, type Page } from '../domain/paginate.ts';

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

const entriesByContent = new WeakMap<SiteContent, ArchiveEntry[]>();
const filtersByContent = new WeakMap<SiteContent, ArchiveFilter[]>();

/** Published postmortems (newest first) with their incidents; made once per content. */
export function archiveEntries(content: SiteContent): ArchiveEntry[] {
  let entries = entriesByContent.get(content);
  if (!entries) {
    const { incidents } = contentIndex(content);
    entries = content.postmortems.flatMap((postmortem) => {
      const incident = incidents.get(postmortem.incident);
      return incident ? [{ postmortem, incident }] : [];
    });
    entriesByContent.set(content, entries);
  }
  return entries;
}

/** All, one per component and severity that has a postmortem, one per year; every archive page shows them. */
export function archiveFilters(content: SiteContent): ArchiveFilter[] {
  let filters = filtersByContent.get(content);
  if (!filters) {
    filters = makeFilters(content, archiveEntries(content));
    filtersByContent.set(content, filters);
  }
  return filters;
}

function makeFilters(content: SiteContent, entries: ArchiveEntry[]): ArchiveFilter[] {
  const years = [
    ...new Set(entries.map((e) => new Date(e.postmortem.published ?? e.incident.started).getUTCFullYear())),
  ];
  return [
    { kind: 'all', value: '', label: content.locale.t('archive.filter_all') },
    ...content.components
      .filter((c) => entries.some((e) => e.incident.components.some((x) => x.id === c.id)))
      .map((c): ArchiveFilter => ({ kind: 'component', value: c.id, label: c.name })),
    ...content.site.severities
      .filter((s) => entries.some((e) => e.incident.severity === s.id))
      .map((s): ArchiveFilter => ({
        kind: 'severity',
        value: s.id,
        label: content.locale.t('filter.severity', { id: s.id, label: s.label }),
      })),
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
