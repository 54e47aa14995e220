// @ts-check
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const VIEWS = ['**/routes/*', '**/components/*', '**/layouts/*', '../site-*.ts', '../paths.ts'];
const ABOVE_LOADER = [...VIEWS, '**/cli/*', '**/integration/*'];
const ABOVE_LIB = [...ABOVE_LOADER, '**/loader/*'];

/** Import patterns a layer may not use, each with the rule in words. */
function layer(/** @type {string} */ name, /** @type {string[]} */ group) {
  return [{ group, message: `${name} may only import from the layers below it (see docs/architecture.md).` }];
}

export default defineConfig(
  {
    ignores: ['dist/', 'dist-cli/', '.astro/', 'node_modules/', 'test/fixtures/', 'artifacts/', '**/*.astro'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
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
    // Domain code takes "now" and the environment as arguments (STYLE.md, habit 1).
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'src/lib is pure: take "now" as a parameter.',
        },
        {
          selector: "MemberExpression[object.name='process']",
          message: 'src/lib is pure: take settings as parameters.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'src/lib is pure: take "now" as a parameter.',
        },
      ],
      'no-restricted-imports': ['error', { patterns: layer('src/lib', ['astro:*', 'astro', ...ABOVE_LIB]) }],
    },
  },
  // Layers that run one way: schemas at the bottom, then the pure domain (src/lib), then reading content
  // (src/loader), then views, routes, the integration and the command line on top.
  {
    files: ['src/schemas/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: layer('src/schemas', ['../*', 'astro:*']) }] },
  },
  {
    files: ['src/loader/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: layer('src/loader', ['astro:*', ...ABOVE_LOADER]) }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: layer('src/cli', ['astro:*', ...VIEWS, '**/integration/*']) },
      ],
    },
  },
);
