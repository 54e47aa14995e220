/**
 * A status site made the way a team makes one, from the packed package: shared by the package test
 * (test/package/) and the benchmark's installed-package row (bench/run.ts).
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Run {
  status: number | null;
  stdout: string;
  output: string;
}

export function run(command: string, args: string[], options: SpawnSyncOptions = {}): Run {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  return {
    status: result.status,
    stdout: String(result.stdout),
    output: `${String(result.stdout)}${String(result.stderr)}`,
  };
}

function mustRun(what: string, result: Run): Run {
  if (result.status !== 0) throw new Error(`${what} failed:\n${result.output.slice(-4000)}`);
  return result;
}

/** `npm pack` of this repository into a folder; returns the tarball's path. */
export function packPackage(folder: string): string {
  const pack = mustRun('npm pack', run('npm', ['pack', '--json', '--pack-destination', folder]));
  const [{ filename }] = JSON.parse(pack.stdout) as [{ filename: string }];
  return join(folder, filename);
}

/**
 * Runs `statusmark init <site> …` from the unpacked tarball (its compiled command line and templates
 * as shipped), with this repository's installed dependencies standing in for the ones npm would add.
 */
export function initFromTarball(
  tarball: string,
  work: string,
  site: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
): Run {
  const unpacked = join(work, 'unpacked');
  mkdirSync(unpacked, { recursive: true });
  mustRun('tar', run('tar', ['xzf', tarball, '-C', unpacked]));
  symlinkSync(resolve('node_modules'), join(unpacked, 'package/node_modules'));
  return run(process.execPath, [join(unpacked, 'package/bin/statusmark.mjs'), 'init', site, ...args], {
    env,
  });
}

/** `npm install <tarball>` in a site, from npm's cache where it can. */
export function installTarball(site: string, tarball: string): Run {
  return run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: site });
}
