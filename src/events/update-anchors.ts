/**
 * The anchor of an update on its incident's or window's page, which is also the last part of the
 * update's event id (`incident/<id>/update-20261120T1402Z`) and of its id in the JSON API.
 *
 * The scheme: `update-` and the minute of the update in UTC, in ISO 8601's basic format
 * (`20261120T1402Z`: no colons, so the anchor needs no escaping in a URL, a CSS selector or a
 * Message-ID). Updates of one entry are listed oldest first at strictly increasing times; when some
 * share a minute, the second and later of them get `-2`, `-3` … in their order. An update's anchor
 * therefore depends on its own time only: inserting an earlier update, or adding a later one, leaves
 * it unchanged (only an update inserted into the very same minute renumbers that minute's suffixes).
 * Links sent in notifications and feeds stay valid when an update is inserted before others.
 */

const made = new WeakMap<readonly { at: number }[], string[]>();

/** `20261120T1402Z`: a minute in UTC, in ISO 8601's basic format. */
function minuteStamp(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace(/[-:]/g, '')}Z`;
}

/** The anchors of a list of updates, in its order; made once per list. */
export function updateAnchors(updates: readonly { at: number }[]): string[] {
  let anchors = made.get(updates);
  if (!anchors) {
    const seen = new Map<string, number>();
    anchors = updates.map((update) => {
      const anchor = `update-${minuteStamp(update.at)}`;
      const count = (seen.get(anchor) ?? 0) + 1;
      seen.set(anchor, count);
      return count === 1 ? anchor : `${anchor}-${count}`;
    });
    made.set(updates, anchors);
  }
  return anchors;
}

/** The page anchor of `updates[index]`, such as `update-20261120T1402Z`. */
export function updateAnchor(updates: readonly { at: number }[], index: number): string {
  const anchor = updateAnchors(updates)[index];
  if (anchor === undefined) throw new Error(`no update ${index} in a list of ${updates.length}`);
  return anchor;
}
