import { inject } from 'vitest';
import { waitForSharedBuild } from './shared-builds.ts';

// Before each test file of the site and end-to-end tiers: the shared builds its tier was given have
// ended (they run in the background from the global setup on).
for (const dist of [inject('siteDist'), inject('demoDist')]) if (dist) await waitForSharedBuild(dist);
