// @ts-check
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', '.astro/', 'node_modules/', 'test/fixtures/', 'artifacts/', '**/*.astro'] },
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
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['astro:*'], message: 'src/lib must not import astro:* modules.' }] },
      ],
    },
  },
);
