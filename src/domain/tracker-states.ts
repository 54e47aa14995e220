import type { ActionItemStatus } from './postmortems.ts';

/**
 * What a tracker says about an action item's issue or pull request, and what that makes the item.
 * Only what the tracker states plainly moves an item: closed as completed or merged is `done`, closed
 * as not planned is `wont_do`, reopened is `open`. Anything that could mean two things (a pull request
 * closed without merging, an issue closed as a duplicate, an issue open while the item says done) is
 * left as the author wrote it and reported, so the public ledger never claims more than is known.
 */

/** An issue or pull request as GitHub's REST API describes it, reduced to what decides an item. */
export interface TrackerState {
  kind: 'issue' | 'pull_request';
  state: 'open' | 'closed';
  /** `completed`, `not_planned`, `reopened`, `duplicate`, or null (never closed, or closed before reasons existed). */
  stateReason: string | null;
  /** Zoned ISO times, as the API gives them. */
  closedAt: string | null;
  /** Pull requests only. */
  mergedAt: string | null;
}

/** An action item as written: its status and the dates that go with it. */
export interface ItemState {
  status: ActionItemStatus;
  asOf?: string | undefined;
  completed?: string | undefined;
}

/** New values for an item; `completed: null` removes the field (only a done item may have one). */
export interface ItemChange {
  status: ActionItemStatus;
  asOf: string;
  completed?: string | null;
}

export interface FollowUpVerdict {
  /** Absent when the item stays as it is. */
  change?: ItemChange;
  /** What the tracker says, in a few words: "closed as completed on 2026-07-07". */
  tracker: string;
  /** Why an item that disagrees with the tracker was left alone, and what to do about it. */
  note?: string;
}

/** The UTC date of an API time, or undefined when it is not one. */
function dateOf(time: string | null): string | undefined {
  const match = time ? /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}/.exec(time) : null;
  if (!match || Number.isNaN(Date.parse(time!))) return undefined;
  return new Date(Date.parse(time!)).toISOString().slice(0, 10);
}

/**
 * What an item becomes, given its tracker's state and today's date (UTC, `YYYY-MM-DD`): the closing
 * date is the "as of" date of a closed item, today that of a reopened one (the day it was read open).
 */
export function decideFollowUp(item: ItemState, tracker: TrackerState, today: string): FollowUpVerdict {
  if (tracker.kind === 'pull_request') return decidePullRequest(item, tracker);
  if (tracker.state === 'open') return decideOpen(item, tracker, today);
  const closed = dateOf(tracker.closedAt);
  if (!closed) return { tracker: 'closed, without a closing time', note: UNREADABLE };
  const reason = tracker.stateReason;
  // Closed without a reason: closed before GitHub had reasons, or by a client that gave none; GitHub
  // shows it as completed, the default reason.
  if (reason === 'completed' || reason === null) {
    const words = `closed as completed on ${closed}`;
    if (item.status === 'done') return { tracker: words };
    return { tracker: words, change: { status: 'done', asOf: closed, completed: item.completed ?? closed } };
  }
  if (reason === 'not_planned') {
    const words = `closed as not planned on ${closed}`;
    if (item.status === 'wont_do') return { tracker: words };
    return {
      tracker: words,
      change: { status: 'wont_do', asOf: closed, ...(item.completed !== undefined && { completed: null }) },
    };
  }
  if (reason === 'duplicate')
    return {
      tracker: `closed as a duplicate on ${closed}`,
      note: 'the work goes on in another issue; point link: at that one',
    };
  return {
    tracker: `closed on ${closed} with the reason "${reason}"`,
    note: 'this version of statusmark does not know that reason; set the status by hand',
  };
}

const UNREADABLE = 'GitHub gave no closing time; set the status by hand';

function decideOpen(item: ItemState, tracker: TrackerState, today: string): FollowUpVerdict {
  if (item.status === 'open' || item.status === 'in_progress') return { tracker: 'open' };
  if (tracker.stateReason === 'reopened')
    return {
      tracker: 'reopened',
      change: { status: 'open', asOf: today, ...(item.completed !== undefined && { completed: null }) },
    };
  // Open and never closed: the item may have been finished by hand with the issue forgotten.
  return {
    tracker: 'open',
    note: `the item says ${item.status} but the issue was never closed; close the issue, or set the status by hand`,
  };
}

function decidePullRequest(item: ItemState, tracker: TrackerState): FollowUpVerdict {
  const merged = dateOf(tracker.mergedAt);
  if (tracker.mergedAt !== null && !merged)
    return { tracker: 'merged, without a merge time', note: UNREADABLE };
  if (merged) {
    const words = `pull request merged on ${merged}`;
    if (item.status === 'done') return { tracker: words };
    return { tracker: words, change: { status: 'done', asOf: merged, completed: item.completed ?? merged } };
  }
  if (tracker.state === 'closed') {
    const words = `pull request closed without merging on ${dateOf(tracker.closedAt) ?? 'an unknown date'}`;
    // Not merged is not "won't do": the change may have moved to another pull request.
    if (item.status === 'wont_do') return { tracker: words };
    return {
      tracker: words,
      note: 'it may have been replaced by another one; link the pull request or issue that carries the work, or set wont_do by hand',
    };
  }
  if (item.status === 'open' || item.status === 'in_progress') return { tracker: 'pull request open' };
  return {
    tracker: 'pull request open',
    note: `the item says ${item.status} but the pull request is open and not merged; set the status by hand`,
  };
}
