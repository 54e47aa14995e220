// @ts-check
/**
 * Builds the site in this process and prints {"ms", "maxRssKb"} as the last line, so the benchmark
 * can read the build's own peak memory (process.resourceUsage) without any OS tool. Plain JavaScript,
 * run by plain Node: a TypeScript runner's loader would slow every module the build loads.
 */
import { build } from 'astro';

const started = performance.now();
await build({ root: process.cwd(), logLevel: 'error' });
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS }));
