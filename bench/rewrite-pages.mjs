// @ts-check
/**
 * `node bench/rewrite-pages.mjs <built site> [--write]`: what a pass over every built page costs —
 * reading each `.html` (and, with --write, writing it back unchanged), 64 at a time, as 0.6 did after
 * every build to fix each page's policy. Prints the pages, wall time and this process's CPU time.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const [dir, flag] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/rewrite-pages.mjs <built site> [--write]');
  process.exit(2);
}
const started = performance.now();
const cpu = process.cpuUsage();
const pages = (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.html'));
for (let i = 0; i < pages.length; i += 64)
  await Promise.all(
    pages.slice(i, i + 64).map(async (name) => {
      const html = await readFile(join(dir, name), 'utf8');
      if (flag === '--write') await writeFile(join(dir, name), html);
    }),
  );
const used = process.cpuUsage(cpu);
console.log(
  `${pages.length} pages ${flag === '--write' ? 'read and written' : 'read'}: ${((performance.now() - started) / 1000).toFixed(2)} s wall, ${(used.user / 1e6).toFixed(2)} s user + ${(used.system / 1e6).toFixed(2)} s system`,
);
