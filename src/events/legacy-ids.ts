import { contentIndex, type SiteContent } from '../domain/content.ts';
import { updateAnchor } from './update-anchors.ts';

/**
 * Ids of updates before 0.5: positional (`incident/<id>/update-<n>`, `maintenance/<id>/update-<n>`,
 * counting from 1), so inserting an update renumbered every later one. A notify state file written
 * then records them; they are translated to today's ids (src/events/update-anchors.ts) when read.
 */
const POSITIONAL = /^(incident|maintenance)\/([^/]+)\/update-(\d+)$/;

/**
 * A function from an old id to today's, for the content as it is now: the update made at `at` (a
 * state file records when each delivered event happened), else the n-th update. An id that is not
 * positional, or names an update the content no longer has, is returned as it is.
 */
export function legacyIdMigrator(content: SiteContent): (id: string, at?: number) => string {
  const { incidents } = contentIndex(content);
  const windows = new Map(content.maintenance.map((w) => [w.id, w]));
  return (id, at) => {
    const match = POSITIONAL.exec(id);
    if (!match) return id;
    const [, kind, entryId = '', n] = match;
    const updates = (kind === 'incident' ? incidents.get(entryId) : windows.get(entryId))?.updates;
    if (!updates) return id;
    // By time first: an update inserted since the state was written shifts positions, not times.
    const byTime = at === undefined ? -1 : updates.findIndex((u) => u.at === at);
    const index = byTime >= 0 ? byTime : Number(n) - 1;
    return index < updates.length ? `${kind}/${entryId}/${updateAnchor(updates, index)}` : id;
  };
}
