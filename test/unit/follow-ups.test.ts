import { describe, expect, test } from 'vitest';
import { decideFollowUp, type ItemState, type TrackerState } from '../../src/domain/tracker-states.ts';
import { parseLinks, readTrackerLink } from '../../src/cli/follow-ups-github.ts';

const TODAY = '2026-11-24';
const issue = (
  state: 'open' | 'closed',
  stateReason: string | null,
  closedAt: string | null = null,
): TrackerState => ({
  kind: 'issue',
  state,
  stateReason,
  closedAt,
  mergedAt: null,
});
const pull = (
  state: 'open' | 'closed',
  mergedAt: string | null,
  closedAt: string | null = null,
): TrackerState => ({
  kind: 'pull_request',
  state,
  stateReason: null,
  closedAt,
  mergedAt,
});
const item = (status: ItemState['status'], completed?: string): ItemState => ({ status, completed });
const CLOSED = '2026-07-07T23:30:00Z';

describe('what an action item becomes, given its issue', () => {
  test.each([
    [
      'open',
      issue('closed', 'completed', CLOSED),
      { status: 'done', asOf: '2026-07-07', completed: '2026-07-07' },
    ],
    [
      'in_progress',
      issue('closed', null, CLOSED),
      { status: 'done', asOf: '2026-07-07', completed: '2026-07-07' },
    ],
    ['open', issue('closed', 'not_planned', CLOSED), { status: 'wont_do', asOf: '2026-07-07' }],
    ['wont_do', issue('open', 'reopened'), { status: 'open', asOf: TODAY }],
    ['done', issue('open', 'reopened'), { status: 'open', asOf: TODAY }],
    [
      'in_progress',
      pull('closed', CLOSED, CLOSED),
      { status: 'done', asOf: '2026-07-07', completed: '2026-07-07' },
    ],
  ] as const)('%s, and the tracker says %o → %o', (status, tracker, change) => {
    expect(decideFollowUp(item(status), tracker, TODAY).change).toEqual(change);
  });

  test('the closing date is the UTC date of closed_at', () => {
    const change = decideFollowUp(
      item('open'),
      issue('closed', 'completed', '2026-07-07T22:30:00-05:00'),
      TODAY,
    ).change;
    expect(change?.asOf).toBe('2026-07-08');
  });

  test('a completed date the author wrote is kept; one on an item that is no longer done is removed', () => {
    expect(
      decideFollowUp(item('in_progress', '2026-07-01'), issue('closed', 'completed', CLOSED), TODAY).change
        ?.completed,
    ).toBe('2026-07-01');
    expect(
      decideFollowUp(item('done', '2026-07-01'), issue('open', 'reopened'), TODAY).change?.completed,
    ).toBeNull();
    expect(
      decideFollowUp(item('done', '2026-07-01'), issue('closed', 'not_planned', CLOSED), TODAY).change
        ?.completed,
    ).toBeNull();
  });

  test.each([
    ['done', issue('closed', 'completed', CLOSED)],
    ['wont_do', issue('closed', 'not_planned', CLOSED)],
    ['open', issue('open', null)],
    ['in_progress', issue('open', 'reopened')],
    ['done', pull('closed', CLOSED, CLOSED)],
  ] as const)('an item already %s with the tracker saying %o stays, with no note', (status, tracker) => {
    const verdict = decideFollowUp(item(status), tracker, TODAY);
    expect(verdict.change).toBeUndefined();
    expect(verdict.note).toBeUndefined();
  });

  test.each([
    ['open', pull('closed', null, CLOSED), /replaced by another one/],
    ['open', issue('closed', 'duplicate', CLOSED), /another issue/],
    ['done', issue('open', null), /never closed/],
    ['done', pull('open', null), /not merged/],
    ['open', issue('closed', 'completed', null), /no closing time/],
    ['open', issue('closed', 'resolved_elsewhere', CLOSED), /does not know that reason/],
  ] as const)(
    'what could mean two things is left as written, with why: %s and %o',
    (status, tracker, why) => {
      const verdict = decideFollowUp(item(status), tracker, TODAY);
      expect(verdict.change).toBeUndefined();
      expect(verdict.note).toMatch(why);
    },
  );
});

describe('which links are GitHub issues', () => {
  test.each([
    ['https://github.com/acme/api/issues/12', { owner: 'acme', repo: 'api', number: 12 }],
    ['https://github.com/acme/api/pull/7/files#diff', { owner: 'acme', repo: 'api', number: 7 }],
    ['https://www.github.com/acme/my.repo/issues/3?x=1', { owner: 'acme', repo: 'my.repo', number: 3 }],
  ])('%s is %o', (link, ref) => {
    expect(readTrackerLink(link, 'https://github.com')).toEqual({ ref });
  });

  test('another host, or a page that is no issue, is skipped with why', () => {
    expect(readTrackerLink('https://jira.acme.example/browse/OPS-1', 'https://github.com')).toEqual({
      skip: 'the link is on jira.acme.example, not github.com; only GitHub issues are synced',
    });
    expect(readTrackerLink('https://github.com/acme/api/discussions/4', 'https://github.com')).toMatchObject({
      skip: expect.stringContaining('not an issue or pull request') as string,
    });
    expect(readTrackerLink('https://git.acme.example/acme/api/issues/4', 'https://git.acme.example')).toEqual(
      {
        ref: { owner: 'acme', repo: 'api', number: 4 },
      },
    );
  });

  test("a Link header's next and last pages", () => {
    expect(
      parseLinks(
        '<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"',
      ),
    ).toEqual({ next: 'https://api.github.com/x?page=2', last: 'https://api.github.com/x?page=5' });
    expect(parseLinks(null)).toEqual({});
  });
});
