// @ts-check
/**
 * `npm run build:cli`: the command line compiled for the package (dist-cli/cli/), bundled so that a
 * command loads a handful of files instead of some 300 modules, whose resolution cost every command
 * a quarter of a second. Each command stays its own chunk, loaded only when it runs (src/cli/run.ts).
 * Plain JavaScript, run by plain Node: it runs at `npm pack`.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';

const root = resolve('.');
const out = process.argv[2] ?? 'dist-cli';

/**
 * A bundled module keeps its source file's own `import.meta.url` (dist-cli/cli/x.js is two folders
 * down, like src/<layer>/x.ts), so paths to the package's locales/ and templates/ stay right.
 */
const keepSourceUrl = {
  name: 'keep-source-url',
  /** @param {import('esbuild').PluginBuild} setup */
  setup(setup) {
    setup.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const source = JSON.stringify(`../../${relative(root, path).split('\\').join('/')}`);
      return {
        contents: text.replaceAll('import.meta.url', `new URL(${source}, import.meta.url).href`),
        loader: 'ts',
      };
    });
  },
};

/**
 * `astro/zod` is all of Zod, whose parts a command never uses are most of its size: the error messages
 * of its 60 languages (Statusmark writes its own, and the English ones come with the schemas), the
 * JSON Schema reader and the schema compiler. The command line gets Zod without them: what they
 * export is there, undefined (nothing in Statusmark uses it; a name another part of Zod imports is
 * a build error, not a surprise at run time).
 */
const ZOD_PARTS_LEFT_OUT =
  /[\\/]zod[\\/]v4[\\/](locales[\\/]index|core[\\/]compile|classic[\\/]from-json-schema)\.js$/;

const zodWithoutUnusedParts = {
  name: 'zod-without-unused-parts',
  /** @param {import('esbuild').PluginBuild} setup */
  setup(setup) {
    setup.onLoad({ filter: ZOD_PARTS_LEFT_OUT }, ({ path }) => {
      const names = [
        ...readFileSync(path, 'utf8').matchAll(
          /^export (?:async )?(?:function\*?|class|const|let|var) ([\w$]+)/gm,
        ),
      ];
      return {
        contents: names.map(([, name]) => `export const ${name} = undefined;`).join('\n'),
        loader: 'js',
      };
    });
  },
};

/**
 * Libraries a command needs only now and then are files of their own, loaded when a command first
 * uses one: yaml (the line-aware parser: for the line of a problem, and for the commands that edit
 * a file) and rrule-temporal (a Temporal polyfill: for recurring maintenance). Every other command
 * starts without compiling or loading their half a megabyte.
 */
const LAZY_LIBRARIES = { yaml: 'yaml.cjs', 'rrule-temporal': 'rrule-temporal.cjs' };

const lazyLibraries = {
  name: 'lazy-libraries',
  /** @param {import('esbuild').PluginBuild} setup */
  setup(setup) {
    const names = Object.keys(LAZY_LIBRARIES).join('|');
    setup.onResolve({ filter: new RegExp(`^(${names})$`) }, ({ path, importer }) =>
      importer.startsWith(resolve(root, 'src')) ? { path, namespace: 'lazy-library' } : undefined,
    );
    setup.onLoad({ filter: /.*/, namespace: 'lazy-library' }, ({ path }) => {
      const file = LAZY_LIBRARIES[/** @type {keyof typeof LAZY_LIBRARIES} */ (path)];
      // What the CommonJS module exports (`require` returns any).
      // eslint-disable-next-line @typescript-eslint/no-unsafe-argument
      const exported = Object.keys(createRequire(resolve(root, 'package.json'))(path));
      return {
        // CommonJS, whose exports esbuild reads when used (import_yaml.parseDocument), not when loaded.
        contents: [
          'let library;',
          `const load = () => (library ??= __statusmarkRequireWhole('./${file}'));`,
          ...exported.map(
            (name) =>
              `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => load()[${JSON.stringify(name)}] });`,
          ),
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

/**
 * Each chunk may need `require` (for a Node module, or a lazy library); making one costs each chunk a
 * path resolution at load, so it is made when first called. A lazy library is compiled whole as it
 * loads, as the chunks are (bin/statusmark.mjs), for Node's compile cache to keep all of it.
 */
const lazyRequire = [
  "import { createRequire as __statusmarkCreateRequire } from 'node:module';",
  'let __statusmarkRequire;',
  'const require = (id) => (__statusmarkRequire ??= __statusmarkCreateRequire(import.meta.url))(id);',
  'const __statusmarkRequireWhole = (id) => {',
  "  const v8 = process.getBuiltinModule('node:v8');",
  "  v8.setFlagsFromString('--no-lazy');",
  "  try { return require(id); } finally { v8.setFlagsFromString('--lazy'); }",
  '};',
].join(' ');

await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22.12',
  outdir: `${out}/cli`,
  chunkNames: '[name]-[hash]',
  // Mailing loads its own files at run time; only `notify` needs it, from node_modules as installed.
  external: ['nodemailer'],
  // CommonJS dependencies (yaml) call require(): give every chunk one.
  banner: { js: lazyRequire },
  plugins: [keepSourceUrl, zodWithoutUnusedParts, lazyLibraries],
  logLevel: 'warning',
});

// The lazy libraries, each bundled whole into one CommonJS file beside the chunks.
for (const [library, file] of Object.entries(LAZY_LIBRARIES)) {
  await build({
    entryPoints: [createRequire(resolve(root, 'package.json')).resolve(library)],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22.12',
    outfile: `${out}/cli/${file}`,
    logLevel: 'warning',
  });
}
