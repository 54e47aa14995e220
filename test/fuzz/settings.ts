/**
 * How long the fuzz tests search. `npm test` runs a short search on every change; `npm run fuzz` sets
 * FUZZ_RUNS (and FUZZ_SECONDS) for a long one. A failure prints the counterexample and its seed, so it
 * can be replayed with `fc.assert(..., { seed, path })`.
 */
export const FUZZ = {
  numRuns: Number(process.env.FUZZ_RUNS ?? 40),
  interruptAfterTimeLimit: Number(process.env.FUZZ_SECONDS ?? 8) * 1000,
  // Reaching the time limit ends the search; it is not a failure.
  markInterruptAsFailure: false,
};

/** Test timeout: the search's own limit, plus room for the last run and the report. */
export const FUZZ_TIMEOUT = FUZZ.interruptAfterTimeLimit + 30_000;
