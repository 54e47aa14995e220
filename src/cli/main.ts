import v8 from 'node:v8';
import { run } from './run.ts';

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
  loaded: () => v8.setFlagsFromString('--lazy'),
});
