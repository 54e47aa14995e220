import type { Component } from '../schemas/component.ts';
import type { IncidentEntry } from '../schemas/incident.ts';
import type { MaintenanceEntry } from '../schemas/maintenance.ts';
import type { PostmortemEntry } from '../schemas/postmortem.ts';
import type { Site } from '../schemas/site.ts';
import type { BuildClock } from './clock.ts';

/** Everything the site is built from, validated: the input of every function in src/lib. */
export interface SiteContent {
  site: Site;
  components: Component[];
  /** Newest first (by `started`). */
  incidents: IncidentEntry[];
  /** By scheduled start, newest first. */
  maintenance: MaintenanceEntry[];
  /** Published postmortems only (drafts are never built), newest first. */
  postmortems: PostmortemEntry[];
  clock: BuildClock;
}

export function byNewest<T>(key: (item: T) => number): (a: T, b: T) => number {
  return (a, b) => key(b) - key(a);
}

/** Puts loaded entries in the order the site shows them; ties break on id so output is stable. */
export function orderContent(content: SiteContent): SiteContent {
  const tie = (a: { id: string }, b: { id: string }) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  return {
    ...content,
    incidents: [...content.incidents].sort((a, b) => b.started - a.started || tie(a, b)),
    maintenance: [...content.maintenance].sort((a, b) => b.scheduled_start - a.scheduled_start || tie(a, b)),
    postmortems: content.postmortems
      .filter((pm) => !pm.draft)
      .sort((a, b) => (b.published ?? 0) - (a.published ?? 0) || tie(a, b)),
  };
}
