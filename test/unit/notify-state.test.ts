import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { legacyIdMigrator } from '../../src/events/legacy-ids.ts';
import { subscriberEvents } from '../../src/events/subscriber-events.ts';
import { readState, STATE_VERSION } from '../../src/notify/state.ts';
import { incident, maintenance, siteContent } from '../helpers/entries.ts';
import { tempDir } from '../helpers/temp.ts';

const update = (at: string, status: string) => ({ at, status, message: `At ${at}.` });
const ms = (iso: string) => Date.parse(iso);

/** A state file as notify wrote it before update ids were times (version 1: `…/update-<n>`). */
function oldState(channels: Record<string, unknown>): string {
  const path = join(tempDir('notify-state'), 'notify-state.json');
  writeFileSync(path, JSON.stringify({ version: 1, last_run: '2026-11-23T10:40:00.000Z', channels }));
  return path;
}

describe('a notify state file of version 1', () => {
  // When the state was written, the incident had two updates (10:05 and 10:30). Since then an update
  // was back-dated between them (10:15) and one was added (11:00).
  const content = siteContent({
    incidents: [
      incident('api-errors', {
        started: '2026-11-23T10:00:00Z',
        components: [{ id: 'api', impact: 'partial_outage' }],
        updates: [
          update('2026-11-23T10:05:00Z', 'investigating'),
          update('2026-11-23T10:15:00Z', 'investigating'),
          update('2026-11-23T10:30:00Z', 'identified'),
          update('2026-11-23T11:00:00Z', 'monitoring'),
        ],
      }),
    ],
    maintenance: [
      maintenance('db-upgrade', {
        scheduled_start: '2026-11-24T08:00:00Z',
        scheduled_end: '2026-11-24T10:00:00Z',
        updates: [update('2026-11-22T09:00:00Z', 'scheduled')],
      }),
    ],
  });

  test('is migrated when read: nothing it delivered is due again, and nothing new is skipped', () => {
    const path = oldState({
      ops: {
        sent: {
          'incident/api-errors/update-1': ms('2026-11-23T10:05:00Z'),
          'incident/api-errors/update-2': ms('2026-11-23T10:30:00Z'),
          'component/api/2026-11-23T10:00:00.000Z': ms('2026-11-23T10:00:00Z'),
        },
        pending: {
          'maintenance/db-upgrade/update-1': {
            since: ms('2026-11-23T10:40:00Z'),
            runs: 1,
            error: 'HTTP 503',
          },
        },
      },
    });
    const state = readState({ path }, legacyIdMigrator(content))!;
    expect(state.version).toBe(STATE_VERSION);
    const ops = state.channels.ops!;
    expect(Object.keys(ops.sent).sort()).toEqual([
      'component/api/2026-11-23T10:00:00.000Z',
      'incident/api-errors/update-20261123T1005Z',
      // The old update-2 was the 10:30 update; the state says when it happened, so it is found by time.
      'incident/api-errors/update-20261123T1030Z',
    ]);
    expect(Object.keys(ops.pending)).toEqual(['maintenance/db-upgrade/update-20261122T0900Z']);

    const due = subscriberEvents(content)
      .filter((e) => e.type === 'incident_update' && ops.sent[e.id] === undefined)
      .map((e) => e.id);
    expect(due).toEqual([
      'incident/api-errors/update-20261123T1015Z',
      'incident/api-errors/update-20261123T1100Z',
    ]);
  });

  test('an id whose update is gone stays as it was (and is forgotten with the week)', () => {
    const path = oldState({
      ops: { sent: { 'incident/removed/update-1': ms('2026-11-20T10:00:00Z') }, pending: {} },
    });
    expect(Object.keys(readState({ path }, legacyIdMigrator(content))!.channels.ops!.sent)).toEqual([
      'incident/removed/update-1',
    ]);
  });

  test('a file of a newer version is refused with what to do', () => {
    const path = join(tempDir('notify-state'), 'notify-state.json');
    writeFileSync(path, JSON.stringify({ version: 9, last_run: '', channels: {} }));
    expect(() => readState({ path }, legacyIdMigrator(content))).toThrow(
      `${path} is not a notify state file: its version 9 is newer than this Statusmark reads (${STATE_VERSION}); update Statusmark.`,
    );
  });
});

describe('a notify state file that cannot be used', () => {
  const write = (text: string) => {
    const path = join(tempDir('notify-state'), 'notify-state.json');
    writeFileSync(path, text);
    return path;
  };
  const none = () => siteContent({});

  test('read from a state branch, it says how to restore it from the branch’s history', () => {
    const path = write(JSON.stringify({ version: 2, last_run: '', channels: { ops: { sent: { a: 'x' } } } }));
    expect(() => readState({ path, branch: 'statusmark-state' }, legacyIdMigrator(none()))).toThrow(
      `${path} is not a notify state file: channels.ops.sent.a: Invalid input: expected number, received string. Restore an earlier version from the statusmark-state branch (git log origin/statusmark-state lists them; git show <commit>:notify-state.json is one; commit it to the branch), or delete the branch to start over (git push origin --delete statusmark-state): each channel then gets only the events of the last two hours, and older ones are recorded as sent.`,
    );
  });

  test('a file that is not JSON is named, with what the parser said', () => {
    const path = write('{"version": 2,');
    expect(() => readState({ path }, legacyIdMigrator(none()))).toThrow(
      new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not a notify state file: it is not JSON \\(`,
      ),
    );
  });
});
