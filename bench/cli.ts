/**
 * The command line as a team runs it during an outage: the installed package's `statusmark`, in a
 * site of 100 generated incidents, each command timed several times (the median counts: the machine
 * these run on is shared and noisy). CPU time is the process's own (user + system), read from
 * /proc, which load on the machine does not inflate as it does wall time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_NOW } from './generate.ts';

export interface CommandTiming {
  command: string;
  /** Median wall time of the runs, in ms. */
  wallMs: number;
  /** Median CPU time (user + system) of the runs, in ms; NaN where /proc is not there. */
  cpuMs: number;
  runs: number;
}

/** CPU time of this process's finished children so far, in ms (Linux: /proc/self/stat). */
function childrenCpuMs(): number {
  if (!existsSync('/proc/self/stat')) return Number.NaN;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // cutime and cstime, in clock ticks of 1/100 s.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const minutesAfter = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString().replace('.000Z', 'Z');

// The site's own content/ folder, as in a team's repository.
const withoutContent = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name !== 'STATUSMARK_CONTENT'),
);

/** Runs the site's installed `statusmark` once; throws with its output when it fails. */
function statusmark(site: string, args: string[], now: string, okCodes = [0]) {
  const bin = join(site, 'node_modules', 'statusmark', 'bin', 'statusmark.mjs');
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: site,
    encoding: 'utf8',
    env: { ...withoutContent, STATUSMARK_NOW: now },
  });
  const wallMs = performance.now() - started;
  const cpuMs = childrenCpuMs() - cpuBefore;
  if (!okCodes.includes(result.status ?? -1))
    throw new Error(
      `statusmark ${args.join(' ')} exited ${result.status}:\n${result.stdout}${result.stderr}`,
    );
  return { wallMs, cpuMs, stdout: result.stdout };
}

interface Run {
  wallMs: number;
  cpuMs: number;
}

function summary(command: string, results: Run[]): CommandTiming {
  return {
    command,
    wallMs: median(results.map((r) => r.wallMs)),
    cpuMs: median(results.map((r) => r.cpuMs)),
    runs: results.length,
  };
}

function timed(command: string, runs: number, once: () => Run): CommandTiming {
  once(); // a first run warms the disk cache, as a person's second command finds it
  return summary(
    command,
    Array.from({ length: runs }, () => once()),
  );
}

/**
 * Times each command in `site` (whose content/ holds the 100-incident archive): the read-only ones
 * first, then each run opens an incident, updates and resolves it, a few minutes apart.
 */
export function timeCommands(site: string, runs = 5): CommandTiming[] {
  const readOnly = (command: string, args: string[]) =>
    timed(command, runs, () => statusmark(site, args, BENCH_NOW, [0, 3]));
  const timings = [
    readOnly('--help', ['--help']),
    readOnly('status', ['status']),
    readOnly('check', ['check']),
  ];
  // Each run opens an incident ten minutes after the last one's, updates it a minute later and
  // resolves it a minute after that: no time goes backwards, and every write passes the check.
  const at = (run: number, minute: number) => minutesAfter(BENCH_NOW, (run + 1) * 10 + minute);
  const writes = { 'new incident': [] as Run[], update: [] as Run[], resolve: [] as Run[] };
  for (let run = 0; run <= runs; run++) {
    const opened = statusmark(
      site,
      ['new', 'incident', `Bench outage ${run}`, '--severity', 'P3', '--component', 'api:partial_outage'],
      at(run, 0),
    );
    const id = /incidents\/([^/\s]+)\.md/.exec(opened.stdout)![1]!;
    const updated = statusmark(
      site,
      ['update', id, '--status', 'identified', '--message', 'We found the cause.'],
      at(run, 1),
    );
    const resolved = statusmark(site, ['resolve', id], at(run, 2));
    // The first run warms the disk cache, as a person's second command finds it.
    if (run === 0) continue;
    writes['new incident'].push(opened);
    writes.update.push(updated);
    writes.resolve.push(resolved);
  }
  for (const [command, results] of Object.entries(writes)) timings.push(summary(command, results));
  return timings;
}

/** `statusmark check` of another content folder (the 1,000-incident archive), from the same site. */
export function timeCheck(site: string, content: string, runs = 3): CommandTiming {
  return timed('check', runs, () => statusmark(site, ['check', '--content', content], BENCH_NOW));
}
