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
  if (input.statusmarkNow) {
    const ms = /(Z|[+-]\d{2}:\d{2})$/.test(input.statusmarkNow) ? Date.parse(input.statusmarkNow) : NaN;
    if (Number.isNaN(ms)) {
      throw new ClockError(
        `STATUSMARK_NOW="${input.statusmarkNow}" is not an ISO time with a zone; use for example STATUSMARK_NOW=2026-11-20T14:30:00Z`,
      );
    }
    return { now: ms, source: 'STATUSMARK_NOW' };
  }
  if (input.sourceDateEpoch) {
    if (!/^\d+$/.test(input.sourceDateEpoch)) {
      throw new ClockError(
        `SOURCE_DATE_EPOCH="${input.sourceDateEpoch}" is not a whole number of seconds since 1970`,
      );
    }
    return { now: Number(input.sourceDateEpoch) * 1000, source: 'SOURCE_DATE_EPOCH' };
  }
  if (input.demoNow !== undefined) return { now: input.demoNow, source: 'demo' };
  return { now: input.realNow, source: 'clock' };
}
