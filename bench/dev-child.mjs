// @ts-check
/**
 * `astro dev` on a content tree: saves an edit to one incident (its title) and times how long until
 * the page shows it, as an author previewing a change sees it (the watcher, the content's reload and
 * the page's render). Prints {"ms": [...]} as the last line. Plain JavaScript, run by plain Node, in
 * the project folder, with STATUSMARK_CONTENT and STATUSMARK_NOW set.
 */
import { dev } from 'astro';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const [id, port] = [process.env.BENCH_INCIDENT ?? '', Number(process.env.BENCH_PORT)];
const file = join(process.env.STATUSMARK_CONTENT ?? 'content', 'incidents', `${id}.md`);
const server = await dev({ root: process.cwd(), logLevel: 'error', server: { host: '127.0.0.1', port } });
const page = `http://127.0.0.1:${port}/incidents/${id}/`;
const text = async () => (await fetch(page)).text();

const original = readFileSync(file, 'utf8');
const times = [];
try {
  // The first request compiles the page's modules, which an author's first look pays once.
  if (!(await text()).includes('<html')) throw new Error(`${page} did not answer with a page`);
  for (let edit = 1; edit <= 3; edit++) {
    const title = `Edited title ${edit}`;
    writeFileSync(file, original.replace(/^title: .*$/m, `title: "${title}"`));
    const saved = performance.now();
    while (!(await text()).includes(title)) {
      if (performance.now() - saved > 60_000) throw new Error(`the edit never showed on ${page}`);
      await sleep(10);
    }
    times.push(performance.now() - saved);
    // Let the watcher settle before the next save, as between a person's edits.
    await sleep(500);
  }
} finally {
  writeFileSync(file, original);
  await server.stop();
}
console.log(JSON.stringify({ ms: times }));
process.exit(0);
