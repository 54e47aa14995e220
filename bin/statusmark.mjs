#!/usr/bin/env node
// `npx statusmark <command>`: runs the TypeScript CLI through tsx, which the project installs.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(
  join(root, 'node_modules', '.bin', 'tsx'),
  [join(root, 'src', 'cli', 'main.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
