/**
 * `npx tsx bench/profile-summary.ts <file.cpuprofile> [rows]`: where a CPU profile's time went, by self
 * time — summed by kind (file system, garbage collection, Astro's runtime, the site's bundled pages,
 * Statusmark's own source, YAML/Zod, the bundler, Node), then the costliest functions. Profiles come
 * from `node --cpu-prof --cpu-prof-dir=<dir> bench/build-child.mjs` (BENCHMARKS.md, "build").
 */
import { readFileSync } from 'node:fs';

const [file, rows = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [rows]');
  process.exit(2);
}
interface CallFrame {
  url: string;
  functionName: string;
  lineNumber: number;
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas: number[];
};
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<number, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  self.set(id, (self.get(id) ?? 0) + delta);
  total += delta;
});

const FS = new Set([
  'mkdir',
  'openFileHandle',
  'close',
  'writeBuffer',
  'writeString',
  'read',
  'readdir',
  'fstat',
  'open',
  'lstat',
  'stat',
  'rmSync',
  'realpath',
]);
function kind({ url, functionName }: CallFrame): string {
  if (!url) {
    if (['(garbage collector)', '(idle)', '(program)'].includes(functionName)) return functionName;
    return FS.has(functionName) ? 'file system (native)' : `native: ${functionName}`;
  }
  if (/\/\.prerender\/(chunks\/server_|prerender-entry)/.test(url)) return "Astro's runtime (bundled)";
  if (url.includes('/.prerender/')) return "the site's pages (bundled)";
  if (/\/src\/[^/]+\//.test(url) && !url.includes('node_modules')) return "Statusmark's source";
  if (url.includes('node_modules/astro/')) return 'astro package';
  if (/node_modules\/(vite|rolldown|@rolldown|esbuild)\//.test(url)) return 'bundler';
  if (/node_modules\/(yaml|js-yaml|zod)\//.test(url)) return 'YAML and Zod';
  if (/^node:internal\/(deps\/undici|webstreams|encoding|buffer)/.test(url))
    return "Node's responses, streams, encoding";
  if (url.startsWith('node:internal/crypto')) return 'crypto';
  if (url.startsWith('node:')) return 'Node, other';
  return url.replace(/.*node_modules\//, '').split('/')[0] ?? url;
}

const byKind = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, time] of self) {
  const { callFrame } = nodes.get(id)!;
  const k = kind(callFrame);
  byKind.set(k, (byKind.get(k) ?? 0) + time);
  const where = callFrame.url.replace(/.*\/(node_modules|src)\//, '$1/');
  const name = `${callFrame.functionName || '(anonymous)'} ${where}${where ? `:${callFrame.lineNumber}` : ''}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + time);
}
const print = (map: Map<string, number>, count: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .forEach(([name, time]) =>
      console.log(
        `${(time / 1e6).toFixed(2).padStart(7)} s ${((100 * time) / total).toFixed(1).padStart(5)} %  ${name}`,
      ),
    );
console.log(`${(total / 1e6).toFixed(1)} s of samples\n\nby kind:`);
print(byKind, 20);
console.log('\nfunctions, by self time:');
print(byFunction, Number(rows));
