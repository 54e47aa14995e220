import type { AlertSource } from '../schemas/alert.ts';
import type { Alert, AlertGroup } from './alert-payload.ts';
import type { Proposal } from './rule-match.ts';

/**
 * What one alert notification does to the content, decided from the content alone (the `alert:`
 * record of each incident): a new draft, an update of the group's draft, a resolution proposed to a
 * person, or nothing. Calm by design: a group makes one draft; firing again, more alerts of the group
 * or a resolution update it; a group that fires again within its window of resolving (flapping)
 * makes no second draft; a published incident is never changed by an alert.
 */

/** An alert group's record as a draft keeps it, times in UTC milliseconds. */
export interface AlertState {
  source: AlertSource;
  group: string;
  fingerprints: string[];
  first_seen: number;
  last_seen: number;
  resolved_at?: number | undefined;
  issue?: number | undefined;
}

/** An incident as the plan needs it. */
export interface KnownIncident {
  id: string;
  draft: boolean;
  /** When a published incident was resolved. */
  resolved?: number | undefined;
  alert?: AlertState | undefined;
}

export type DraftPlan =
  | { kind: 'create'; alert: AlertState }
  | {
      kind: 'update';
      id: string;
      alert: AlertState;
      /** What changed, for the person reading the issue. */
      change: 'fired again' | 'grew' | 'still fires' | 'resolved';
    }
  | { kind: 'propose-resolution'; id: string; at: number; issue?: number | undefined }
  | { kind: 'nothing'; id?: string; reason: string };

const latest = (times: number[]) => Math.max(...times);

/** The group's record as of this notification (matched alerts only), on top of what a draft had. */
function nextState(group: AlertGroup, alerts: Alert[], now: number, before?: AlertState): AlertState {
  const fingerprints = [...new Set([...(before?.fingerprints ?? []), ...alerts.map((a) => a.fingerprint)])];
  // An alert's start after the clock (a sender's clock ahead of ours) is taken as now.
  const started = Math.min(now, ...alerts.map((a) => a.startsAt));
  const state: AlertState = {
    source: group.source,
    group: group.group,
    fingerprints,
    first_seen: Math.min(before?.first_seen ?? started, started),
    last_seen: group.status === 'firing' ? now : (before?.last_seen ?? now),
    ...(before?.issue !== undefined ? { issue: before.issue } : {}),
  };
  if (group.status === 'resolved')
    state.resolved_at = Math.min(now, latest(alerts.map((a) => a.endsAt ?? now)));
  return state;
}

/** The incident of this group: the one it last proposed (by when its alerts began). */
function groupIncident(incidents: readonly KnownIncident[], group: string): KnownIncident | undefined {
  return incidents
    .filter((incident) => incident.alert?.group === group)
    .reduce<KnownIncident | undefined>(
      (a, b) => (!a || b.alert!.first_seen >= a.alert!.first_seen ? b : a),
      undefined,
    );
}

function planFiring(
  group: AlertGroup,
  proposal: Proposal,
  found: KnownIncident | undefined,
  now: number,
): DraftPlan {
  const alerts = proposal.matched.map((m) => m.alert);
  if (!found) return { kind: 'create', alert: nextState(group, alerts, now) };
  const before = found.alert!;
  if (!found.draft) {
    if (found.resolved === undefined)
      return {
        kind: 'nothing',
        id: found.id,
        reason: `${found.id} is published and open; the alert still fires`,
      };
    if (now - found.resolved < proposal.window)
      return {
        kind: 'nothing',
        id: found.id,
        reason: `${found.id} was resolved less than the rule's window ago; a flapping alert proposes no second incident`,
      };
    return { kind: 'create', alert: nextState(group, alerts, now) };
  }
  if (before.resolved_at !== undefined && now - before.resolved_at >= proposal.window)
    return { kind: 'create', alert: nextState(group, alerts, now) };
  const alert = nextState(group, alerts, now, before);
  const change =
    before.resolved_at !== undefined
      ? 'fired again'
      : alert.fingerprints.length > before.fingerprints.length
        ? 'grew'
        : 'still fires';
  return { kind: 'update', id: found.id, alert, change };
}

function planResolved(
  group: AlertGroup,
  proposal: Proposal,
  found: KnownIncident | undefined,
  now: number,
): DraftPlan {
  if (!found)
    return { kind: 'nothing', reason: 'no incident was proposed for this alert group; nothing to resolve' };
  if (!found.draft) {
    if (found.resolved !== undefined)
      return { kind: 'nothing', id: found.id, reason: `${found.id} is resolved already` };
    const at = Math.min(now, latest(proposal.matched.map((m) => m.alert.endsAt ?? now)));
    return { kind: 'propose-resolution', id: found.id, at, issue: found.alert?.issue };
  }
  if (found.alert!.resolved_at !== undefined)
    return { kind: 'nothing', id: found.id, reason: `the draft ${found.id} records the resolution already` };
  const alerts = proposal.matched.map((m) => m.alert);
  return {
    kind: 'update',
    id: found.id,
    alert: nextState(group, alerts, now, found.alert),
    change: 'resolved',
  };
}

/** What this notification does, given every incident of the content and the clock. */
export function planDraft(
  group: AlertGroup,
  proposal: Proposal,
  incidents: readonly KnownIncident[],
  now: number,
): DraftPlan {
  const found = groupIncident(incidents, group.group);
  return group.status === 'firing'
    ? planFiring(group, proposal, found, now)
    : planResolved(group, proposal, found, now);
}
