import { z } from 'astro/zod';

/**
 * The file `statusmark notify` keeps between runs (`.statusmark/notify-state.json`, or
 * `notify-state.json` on the state branch): per channel, what was delivered and what failed. Version 1
 * (before 0.5) had positional update ids; version 2 ids by time. `fingerprints` came later within
 * version 2 and is optional, so a file written by 0.5 reads as it is.
 */

const pendingSchema = z.object({
  /** When it first failed (UTC ms). */
  since: z.number(),
  /** How many runs tried it. */
  runs: z.number().int().nonnegative(),
  /** The receiver's last answer. */
  error: z.string(),
});

const channelStateSchema = z.object({
  /** Event id → when the event happened (UTC ms), to forget it once it is older than the news window. */
  sent: z.record(z.string(), z.number()),
  /** Event id → its failure, retried by later runs for a day. */
  pending: z.record(z.string(), pendingSchema).default({}),
  /**
   * Event id → what the event is, apart from its file's name (src/notify/event-identity.ts), so that
   * a renamed file's events are known as sent.
   */
  fingerprints: z.record(z.string(), z.string()).optional(),
});

export const notifyStateSchema = z.object({
  version: z.union([z.literal(1), z.literal(2)]),
  /** The build clock of the last run (ISO time). */
  last_run: z.string().default(''),
  /** By channel name, as in site.yaml. */
  channels: z.record(z.string(), channelStateSchema),
});

export type ChannelState = z.output<typeof channelStateSchema>;
export type NotifyState = z.output<typeof notifyStateSchema>;
