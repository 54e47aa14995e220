// @ts-check
import eslint from '@eslint/js';
import astro from 'eslint-plugin-astro';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, from the bottom up (docs/architecture.md). A folder may import from its own layer
 * and the layers below it, never from above: ESLint's no-restricted-imports enforces it for .ts and
 * .astro files alike.
 */
const LAYERS = [
  ['schemas'],
  ['time', 'text'],
  ['i18n'],
  ['domain'],
  ['events'],
  ['views'],
  ['formats', 'ingest'],
  ['loader'],
  ['site', 'theme', 'components', 'layouts'],
  // The top: pages, the integration, and the command line with the capabilities only it runs.
  ['routes', 'integration', 'cli', 'notify', 'import'],
];

/** Folders whose code is pure: "now" and settings are arguments (STYLE.md, habit 1). */
const PURE = ['schemas', 'time', 'text', 'i18n', 'domain', 'events', 'views', 'formats', 'ingest'];

/** The no-restricted-imports rule of one layer: every folder above it is refused. */
/** @returns {import('eslint').Linter.Config} */
function layerRule(/** @type {number} */ index) {
  const above = LAYERS.slice(index + 1).flat();
  const folders = LAYERS[index] ?? [];
  const group = above.flatMap((folder) => [`**/${folder}/*`, `../${folder}/*`, `./${folder}/*`]);
  const message = `src/${folders.join(', src/')} may only import from the layers below (docs/architecture.md).`;
  /** @type {Array<{ group?: string[]; regex?: string; message: string }>} */
  const patterns = [{ group, message }];
  // Pure folders use neither Astro's runtime nor Node's I/O (Zod comes through astro/zod).
  if (PURE.includes(folders[0] ?? ''))
    patterns.push({
      regex: '^(astro(:.*)?|node:.*)$',
      message: `src/${folders[0]} is pure: no Astro runtime, no I/O.`,
    });
  else if (index < LAYERS.length - 2) patterns.push({ regex: '^astro:', message });
  return {
    files: folders.flatMap((folder) => [`src/${folder}/**/*.ts`, `src/${folder}/**/*.astro`]),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns,
        },
      ],
    },
  };
}

export default defineConfig(
  {
    ignores: ['dist/', 'dist-cli/', '.astro/', 'node_modules/', 'test/fixtures/', 'artifacts/'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...astro.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.astro'],
      },
    },
    rules: {
      // TypeScript already knows every global; this rule only misfires on Node's.
      'no-undef': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // astro check type-checks .astro files; typescript-eslint cannot resolve their imports' types.
    files: ['**/*.astro'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // A function longer than a screen is usually two things (STYLE.md, habit 5).
    files: ['src/**/*.ts', 'src/**/*.astro'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    files: PURE.map((folder) => `src/${folder}/**/*.ts`),
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'This folder is pure: take "now" as a parameter.',
        },
        {
          selector: "MemberExpression[object.name='process']",
          message: 'This folder is pure: take settings as parameters.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'This folder is pure: take "now" as a parameter.',
        },
      ],
    },
  },
  ...LAYERS.slice(0, -1).map((_, index) => layerRule(index)),
  {
    // The command line runs without Astro: it reads content through the loader, never through pages.
    files: ['src/cli/**/*.ts', 'src/notify/**/*.ts', 'src/import/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'astro',
                'astro:*',
                ...['routes', 'integration', 'site', 'components', 'layouts'].map((f) => `**/${f}/*`),
              ],
              message:
                'The command line runs without Astro: it may not import pages, the integration or views.',
            },
          ],
        },
      ],
    },
  },
);
