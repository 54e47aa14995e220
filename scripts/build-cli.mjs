// @ts-check
/**
 * `npm run build:cli`: the command line compiled for the package (dist-cli/cli/), bundled so that a
 * command loads a handful of files instead of some 300 modules, whose resolution cost every command
 * a quarter of a second. Each command stays its own chunk, loaded only when it runs (src/cli/run.ts).
 * Plain JavaScript, run by plain Node: it runs at `npm pack`.
 */
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
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
 * `astro/zod` is all of Zod, with the error messages of its 60 languages, half of its size, which
 * every command would load and none uses (Statusmark writes its own messages, and Zod's English ones
 * come with its schemas): the command line gets Zod without the list of languages, `z.locales`
 * (nothing in Statusmark uses it). Everything else of `astro/zod` stays as it is.
 */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  /** @param {import('esbuild').PluginBuild} setup */
  setup(setup) {
    setup.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      /[\\/]zod[\\/]v4[\\/](core|classic)[\\/]/.test(importer)
        ? { path: 'zod-locales', namespace: 'zod-without-locales' }
        : undefined,
    );
    setup.onLoad({ filter: /.*/, namespace: 'zod-without-locales' }, () => ({
      contents: 'export {};',
      loader: 'js',
    }));
  },
};

/**
 * Each chunk may need `require` (yaml is CommonJS); making one costs each chunk a path resolution at
 * load, so it is made when first called.
 */
const lazyRequire = [
  "import { createRequire as __statusmarkCreateRequire } from 'node:module';",
  'let __statusmarkRequire;',
  'const require = (id) => (__statusmarkRequire ??= __statusmarkCreateRequire(import.meta.url))(id);',
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
  plugins: [keepSourceUrl, zodWithoutLocales],
  logLevel: 'warning',
});
