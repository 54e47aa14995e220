#!/usr/bin/env node
// `npx statusmark <command>`. Written for any Node.js that can start it, so that an old one hears
// which version it needs instead of crashing on syntax it does not know.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const NEEDED = [22, 12];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < NEEDED[0] || (major === NEEDED[0] && minor < NEEDED[1])) {
  process.stderr.write(
    `Statusmark needs Node.js ${NEEDED.join('.')} or newer (Astro 7 does); this is Node.js ${process.versions.node}.\n` +
      'Install a current Node.js (https://nodejs.org, or `nvm install 24`) and run the command again.\n',
  );
  process.exit(1);
}

const source = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(source)) {
  // A checkout of the Statusmark repository: run the TypeScript source through its tsx.
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
  const result = spawnSync(tsx, [fileURLToPath(source), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
// The installed package: the command line compiled when it was packed. Node keeps the compiled
// code between runs (in the system's temporary folder), so each command starts sooner.
module.enableCompileCache?.();
await import('../dist-cli/cli/main.js');
