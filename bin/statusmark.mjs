#!/usr/bin/env node
// `npx statusmark <command>`. Written for any Node.js that can start it, so that an old one hears
// which version it needs instead of crashing on syntax it does not know.
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
  // A checkout of the Statusmark repository: run the TypeScript source through its tsx. (Loaded
  // here only: an installed package's every command would pay for starting child_process.)
  const { spawnSync } = await import('node:child_process');
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
  const result = spawnSync(tsx, [fileURLToPath(source), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
// The installed package: the command line compiled when it was packed. Node keeps the compiled
// code between runs (in the system's temporary folder), so each command starts sooner. V8 compiles
// a function when it is first called, and Node's cache keeps only what was compiled with the file:
// compiled whole here, the command's code comes from the cache from the second run on instead of
// being compiled again function by function (src/cli/main.ts goes back to compiling on first call
// once the command is loaded). Without the cache (a read-only temporary folder, or
// NODE_DISABLE_COMPILE_CACHE), compiling all of it would only cost, every time.
const { ENABLED, ALREADY_ENABLED } = module.constants.compileCacheStatus;
const cache = module.enableCompileCache().status;
// The command list (`statusmark`, --help) compiles and allocates next to nothing: it goes without
// both, and without loading node:v8.
const command = process.argv[2];
if (command && !['--help', '-h', 'help'].includes(command)) {
  const v8 = process.getBuiltinModule('node:v8');
  if (cache === ENABLED || cache === ALREADY_ENABLED) v8.setFlagsFromString('--no-lazy');
  // A command allocates some 20 MB in a fraction of a second: the young generation, which starts
  // at 1 MB, grows at once to what it needs instead of doubling over a collection each time (eight
  // collections and a full one for an update, two now).
  v8.setFlagsFromString('--semi-space-growth-factor=16');
}
await import('../dist-cli/cli/main.js');
