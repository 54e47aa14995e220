import { isoTime, parseZonedTime, PLAUSIBLE_FROM } from '../schemas/common.ts';

/** Where the build's "now" came from; pages say so when it is not the real clock. */
export type ClockSource = 'STATUSMARK_NOW' | 'SOURCE_DATE_EPOCH' | 'demo' | 'clock';

export interface BuildClock {
  /** UTC epoch milliseconds. */
  now: number;
  source: ClockSource;
}

export interface ClockInput {
  /** Value of STATUSMARK_NOW: an ISO time with a zone. */
  statusmarkNow?: string | undefined;
  /** Value of SOURCE_DATE_EPOCH: seconds since 1970 (reproducible-builds.org). */
  sourceDateEpoch?: string | undefined;
  /** site.yaml's demo.now, already parsed. */
  demoNow?: number | undefined;
  /** The machine's clock, read by the caller. */
  realNow: number;
}

export class ClockError extends Error {}

/**
 * The build clock: STATUSMARK_NOW, else SOURCE_DATE_EPOCH, else the demo clock of site.yaml, else the
 * real time. Environment values that do not parse are errors, never silently ignored.
 */
export function resolveBuildClock(input: ClockInput): BuildClock {
  const clock = pickClock(input);
  const name =
    clock.source === 'demo'
      ? 'site.yaml demo.now'
      : clock.source === 'clock'
        ? 'the machine clock'
        : clock.source;
  if (clock.now < PLAUSIBLE_FROM)
    throw new ClockError(
      `${name} is ${isoTime(clock.now)}, before 2000; a status page's clock is the present`,
    );
  if (clock.now > input.realNow + LATEST_AHEAD)
    throw new ClockError(
      `${name} is ${isoTime(clock.now)}, more than a day after the real time (${isoTime(input.realNow)}); set it to a time that has come, such as the present`,
    );
  return clock;
}

/** How far a clock may run ahead of the machine's: a day, for zones and slightly fast clocks. */
const LATEST_AHEAD = 86_400_000;

function pickClock(input: ClockInput): BuildClock {
  if (input.statusmarkNow) {
    // The same strict reading as content times: a zone, a real calendar date, nothing else.
    const ms = parseZonedTime(input.statusmarkNow.trim());
    if (ms === undefined) {
      throw new ClockError(
        `STATUSMARK_NOW="${input.statusmarkNow}" is not an ISO time with a zone; use for example STATUSMARK_NOW=2026-11-20T14:30:00Z`,
      );
    }
    return { now: ms, source: 'STATUSMARK_NOW' };
  }
  if (input.sourceDateEpoch) {
    if (!/^\d{1,12}$/.test(input.sourceDateEpoch)) {
      throw new ClockError(
        `SOURCE_DATE_EPOCH="${input.sourceDateEpoch}" is not a whole number of seconds since 1970`,
      );
    }
    return { now: Number(input.sourceDateEpoch) * 1000, source: 'SOURCE_DATE_EPOCH' };
  }
  if (input.demoNow !== undefined) return { now: input.demoNow, source: 'demo' };
  return { now: input.realNow, source: 'clock' };
}
