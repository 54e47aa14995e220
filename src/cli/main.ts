import { run } from './run.ts';

// Prompts need a person at both ends: with stdout piped, stdin is not offered, as before.
process.exitCode = await run(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdout.isTTY ? process.stdin : undefined,
});
