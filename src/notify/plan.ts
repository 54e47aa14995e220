import type { SubscriberEvent } from '../events/subscriber-events.ts';
import type { Channel } from '../schemas/site.ts';
import { fingerprintOf } from './event-identity.ts';
import { FIRST_RUN_MS, NEWS_WINDOW_MS, RETRY_FOR_MS, type ChannelState, type NotifyState } from './state.ts';

/**
 * What each channel is due this run: the events it wants and has not had, oldest first. Nothing
 * here sends; the state is brought up to date with what is settled without sending (events older
 * than a channel's horizon, renamed files' events, messages given up on), unless it is a dry run.
 */

export interface Plan {
  channel: Channel;
  due: SubscriberEvent[];
}

export interface PlanInput {
  /** Every event of the published site, oldest first. */
  events: SubscriberEvent[];
  /** The build clock. */
  now: number;
  /** `--since`: how far back to look, for every channel. */
  since: number | undefined;
  dryRun: boolean;
}

/** Whether a channel wants an event: its kinds, and its components (an event with none goes to all). */
export function wants(channel: Channel, event: SubscriberEvent): boolean {
  // Status changes of single components are for machines (Statuspage's component_update), not people.
  if (event.type === 'component_status' && channel.type !== 'webhook') return false;
  if (channel.events && !channel.events.includes(event.kind)) return false;
  if (!channel.components || event.components.length === 0) return true;
  return event.components.some((id) => channel.components!.includes(id));
}

/** Records an event as delivered to a channel, with its fingerprint (src/notify/event-identity.ts). */
export function recordSent(mine: ChannelState, event: SubscriberEvent): void {
  mine.sent[event.id] = event.at;
  const fingerprint = fingerprintOf(event);
  if (fingerprint !== undefined) (mine.fingerprints ??= {})[event.id] = fingerprint;
}

/**
 * Each channel's due events. A channel the state has no record of (every channel on the first run,
 * and one added to site.yaml since) starts where a first run starts, two hours back: a new channel
 * must not get the week's history. Later runs send whatever is new within the week, back-dated
 * updates included.
 */
export function planDeliveries(
  input: PlanInput,
  channels: Channel[],
  state: NotifyState,
  lines: string[],
): Plan[] {
  const current = new Set(input.events.map((e) => e.id));
  // A channel taken out of site.yaml is forgotten: put back, it starts afresh like any new channel,
  // rather than being sent the week it missed.
  if (!input.dryRun)
    for (const name of Object.keys(state.channels))
      if (!channels.some((c) => c.name === name)) delete state.channels[name];
  return channels.map((channel) => {
    const known = state.channels[channel.name];
    const mine: ChannelState = known ?? { sent: {}, pending: {} };
    if (!known && !input.dryRun) state.channels[channel.name] = mine;
    const horizon = input.since ?? input.now - (known ? NEWS_WINDOW_MS : FIRST_RUN_MS);
    const due = dueEvents(input, channel, mine, horizon, current, lines);
    if (!input.dryRun)
      for (const id of Object.keys(mine.pending)) if (!current.has(id)) delete mine.pending[id];
    return { channel, due };
  });
}

/**
 * Sent events whose event is gone from the content, by fingerprint: what a renamed file's events
 * are recognised by (their ids changed with the file's name, their times did not). An update sent
 * before fingerprints were kept (by 0.5) is known by its anchor and exact time instead.
 */
function vanished(mine: ChannelState, current: Set<string>): Map<string, string> {
  const gone = new Map<string, string>();
  for (const [id, at] of Object.entries(mine.sent)) {
    if (current.has(id)) continue;
    const fingerprint = mine.fingerprints?.[id] ?? anchorKey(id, at);
    if (fingerprint !== undefined) gone.set(fingerprint, id);
  }
  return gone;
}

/** An update's kind, anchor and time: `incident update-20261124T0100Z 1795482000000`. */
function anchorKey(id: string, at: number): string | undefined {
  const match = /^(incident|maintenance)\/[^/]+\/(update-[^/]+)$/.exec(id);
  return match ? `${match[1]} ${match[2]} ${at}` : undefined;
}

/** The sent event a new event is, renamed, if any. */
function renamedFrom(renamed: Map<string, string>, event: SubscriberEvent): string | undefined {
  for (const key of [fingerprintOf(event), anchorKey(event.id, event.at)]) {
    const was = key === undefined ? undefined : renamed.get(key);
    if (was === undefined) continue;
    renamed.delete(key!);
    return was;
  }
  return undefined;
}

function dueEvents(
  input: PlanInput,
  channel: Channel,
  mine: ChannelState,
  horizon: number,
  current: Set<string>,
  lines: string[],
): SubscriberEvent[] {
  const { now, since, dryRun } = input;
  const record = (event: SubscriberEvent) => {
    if (!dryRun) recordSent(mine, event);
  };
  const renamed = vanished(mine, current);
  const due: SubscriberEvent[] = [];
  for (const event of input.events) {
    if (!wants(channel, event)) continue;
    if (mine.sent[event.id] !== undefined) {
      record(event); // its fingerprint kept up to date, for a rename to come
      continue;
    }
    if (since === undefined && event.at < now - NEWS_WINDOW_MS) continue;
    if (event.at < horizon) {
      record(event); // before the horizon: recorded, not sent
      continue;
    }
    const was = renamedFrom(renamed, event);
    if (was !== undefined) {
      lines.push(`${channel.name}: ${event.id} was sent as ${was} (its file was renamed); not sent again`);
      record(event);
      if (!dryRun) {
        delete mine.sent[was];
        delete mine.fingerprints?.[was];
      }
      continue;
    }
    if (!givenUp(channel, mine, event, now, dryRun, lines)) due.push(event);
  }
  return due;
}

/** A message that has failed for a day is dropped, with a line that says so. */
function givenUp(
  channel: Channel,
  mine: ChannelState,
  event: SubscriberEvent,
  now: number,
  dryRun: boolean,
  lines: string[],
): boolean {
  const pending = mine.pending[event.id];
  if (!pending || now - pending.since <= RETRY_FOR_MS) return false;
  lines.push(
    `${channel.name}: dropped ${event.id} after failing for more than 24 hours (last answer: ${pending.error})`,
  );
  if (!dryRun) {
    delete mine.pending[event.id];
    recordSent(mine, event);
  }
  return true;
}
