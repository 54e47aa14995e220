// `npm run dev`, `build` and `preview` start Astro through this file, with Astro's telemetry off
// (Astro's CLI reference, "astro telemetry"), as the workflows have it.
// A variable set in front of a package.json script (ASTRO_TELEMETRY_DISABLED=1 astro dev) does not
// work in Windows' shell; set here, in Node.js, it works everywhere.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
const astro = dirname(createRequire(import.meta.url).resolve('astro/package.json'));
// Astro's own command, in this process: it reads its arguments (dev, build …) from process.argv.
await import(pathToFileURL(join(astro, 'bin', 'astro.mjs')).href);
