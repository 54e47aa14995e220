import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './run.ts';

/**
 * node_modules/.cache/statusmark/<version> beside the installed package, where commands keep what
 * they parsed for the next run (src/cli/yaml-cache.ts); none for a checkout of the repository.
 */
function cacheDir(): string | undefined {
  const pkg = fileURLToPath(new URL('../../', import.meta.url));
  const modules = dirname(pkg);
  if (basename(modules) !== 'node_modules') return undefined;
  try {
    const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string };
    return join(modules, '.cache', 'statusmark', version);
  } catch {
    return undefined;
  }
}

// Zod compiles each object schema into a function (`new Function`) the first time it parses with it,
// which pays off over thousands of files and costs a command of a hundred more than it saves. Set
// before any schema is made (Zod reads this shared setting when it loads); the same checks either way.
(globalThis as { __zod_globalConfig?: Record<string, unknown> }).__zod_globalConfig = {
  ...(globalThis as { __zod_globalConfig?: Record<string, unknown> }).__zod_globalConfig,
  jitless: true,
};

// Prompts need a person at both ends: with stdout piped, stdin is not offered, as before.
process.exitCode = await run(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdout.isTTY ? process.stdin : undefined,
  // The installed command line compiles its code whole as it loads (bin/statusmark.mjs), so that
  // Node's compile cache holds all of it; what the command compiles from here on, on first call.
  loaded: () => process.getBuiltinModule('node:v8').setFlagsFromString('--lazy'),
  cacheDir: cacheDir(),
});
