// Flat ESLint config for the whole repository (`npm run lint`).
// Type-aware rules on the TypeScript sources; workflow files may not import Node built-ins
// (Temporal runs workflows in a deterministic sandbox where they are unavailable or unsafe).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'fetch',
    'performance',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/generated/**',
      '**/node_modules/**',
      '.data/**',
      '.tools/**',
      'test-artifacts/**',
      'coverage/**',
      'web/.next/**',
    ],
  },
  {
    // The set-up scripts and config files: plain Node ESM.
    files: ['**/*.{js,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: nodeGlobals },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
  {
    files: ['*/src/**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      // Matching control characters is how we reject them in user input (names, paths, config
      // values); that is deliberate here, not a typo.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware linting needs the file in a tsconfig; the packages' tsconfigs exclude tests.
    files: ['*/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    files: ['worker/src/workflows/**/*.ts'],
    ignores: ['**/*.test.ts'], // tests run in Node, outside the workflow sandbox
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({
            name,
            message: 'Workflows are deterministic: no Node built-ins (use an activity).',
            allowTypeImports: true,
          })),
          patterns: [
            {
              group: ['node:*'],
              message: 'Workflows are deterministic: no Node built-ins (use an activity).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
