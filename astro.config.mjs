// @ts-check
// The demo site of this repository: the same integration a team installs, taken from source.
// STATUSMARK_CONTENT points the build at another content tree (tests, benchmarks), STATUSMARK_OUT_DIR
// at another output folder, STATUSMARK_BASE serves it under a path (docs/configuration.md).
import { defineConfig } from 'astro/config';
import statusmark from './src/integration/index.ts';

export default defineConfig({
  integrations: [statusmark()],
});
