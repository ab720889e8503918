// Flat ESLint config for the whole repository (`npm run lint`).
// Type-aware rules on the TypeScript sources, and the package seams (`no-restricted-imports`):
// - no relative import leaves its package (tests included): another package is imported by name;
// - what crosses Temporal comes from @hostplane/contract, the bottom package, which imports no
//   other; the control plane (server, worker, cli, schema, web) never imports @hostplane/node-agent
//   outside tests, and the node agent never imports the control plane;
// - workflow files (Temporal runs them in a deterministic sandbox) import no Node built-ins, and
//   of our packages only the workflow-safe parts of @hostplane/contract and the server's
//   Temporal contract; so do the workflow-safe contract modules themselves.
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

// ─── Package seams (see the top of this file) ─────────────────────────────────────────────────

/** Tests and their helpers: they may start a real node agent and use the e2e harness. */
const TEST_FILES = ['**/*.test.ts', '**/*.bench.ts', '**/testing/**', '**/testing.ts'];
const CONTROL_PLANE = ['server', 'worker', 'cli', 'schema', 'web'];
/** Contract modules that are plumbing (Node built-ins, Temporal SDK, zod), not for workflows. */
const CONTRACT_PLUMBING = [
  'contract/src/codec/**',
  'contract/src/env.ts',
  'contract/src/temporal-connection.ts',
  'contract/src/temporal-runtime.ts',
  'contract/src/data-stores/validate.ts',
  'contract/src/mysql/password-hash.ts',
  'contract/src/valkey/password-hash.ts',
  'contract/src/valkey/acl.ts',
  'contract/src/ssh-key-format.ts',
  'contract/src/dns/records.ts',
];
/** The @hostplane/contract entry points a workflow may load (plain data, no Node built-ins). */
const WORKFLOW_SAFE_CONTRACT = [
  'node',
  'capabilities',
  'task-queues',
  'webroots',
  'data-stores',
  'egress',
  'ssh',
  'dns',
  'errors',
  'cron-jobs',
  'certificates',
  'daemons',
  'mail',
];

const leavesPackage = {
  patterns: [
    {
      regex: '^(\\.\\./)+(contract|schema|server|worker|node-agent|cli|e2e|web)/(src|dist)/|^(\\.\\./)+scripts/lib/',
      message:
        'No relative import leaves its package: import it by name (@hostplane/e2e/harness, @hostplane/e2e/support/…, @hostplane/scripts/lib, @hostplane/contract/…).',
    },
  ],
};
const noNodeAgent = {
  patterns: [
    {
      group: ['@hostplane/node-agent', '@hostplane/node-agent/*'],
      message:
        'The control plane does not depend on the node agent: what crosses Temporal is in @hostplane/contract (only tests that run a real agent import @hostplane/node-agent).',
    },
  ],
};
const noTestPackages = {
  patterns: [
    {
      group: ['@hostplane/e2e', '@hostplane/e2e/*', '@hostplane/scripts', '@hostplane/scripts/*'],
      message: 'The e2e harness and the set-up scripts are for tests only.',
    },
  ],
};
const noControlPlane = {
  patterns: [
    {
      regex: '^@hostplane/(?!contract(/|$))',
      message: 'The node agent depends on @hostplane/contract only, never on the control plane or the test harness.',
    },
  ],
};
const contractIsTheBottom = {
  patterns: [{ group: ['@hostplane/*'], message: '@hostplane/contract imports no other Hostplane package.' }],
};
const noNodeBuiltins = {
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
};
const contractStaysWorkflowSafe = {
  patterns: [
    {
      group: ['@temporalio/*', 'zod', 'pino'],
      message: 'Workflow-safe contract modules are plain data: no SDK or library at run time.',
      allowTypeImports: true,
    },
    {
      regex: '(^|/)(codec/.*|env|temporal-connection|temporal-runtime|password-hash|acl|data-stores/validate)\\.js$',
      message: 'Workflow-safe contract modules do not load the plumbing ones (see CONTRACT_PLUMBING).',
      allowTypeImports: true,
    },
  ],
};
const workflowSafeOnly = {
  patterns: [
    {
      regex: `^@hostplane/(?!(contract/(${WORKFLOW_SAFE_CONTRACT.join('|')})|server/temporal)$|node-agent(/|$))`,
      message:
        'Workflows load only the workflow-safe parts of @hostplane/contract (and the server Temporal contract); types from elsewhere are fine (import type).',
      allowTypeImports: true,
    },
  ],
};

/** One `@typescript-eslint/no-restricted-imports` setting made of several restriction sets. */
function restrictImports(...sets) {
  return {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { paths: sets.flatMap((set) => set.paths ?? []), patterns: sets.flatMap((set) => set.patterns ?? []) },
    ],
  };
}

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
  // ─── Package seams. A file gets one `no-restricted-imports` setting (the last block that
  // matches wins, options are not merged), so each block below lists every restriction of its files.
  { files: ['*/src/**/*.{ts,tsx}'], rules: restrictImports(leavesPackage) },
  {
    files: CONTROL_PLANE.map((pkg) => `${pkg}/src/**/*.{ts,tsx}`),
    ignores: TEST_FILES,
    rules: restrictImports(leavesPackage, noNodeAgent, noTestPackages),
  },
  { files: ['node-agent/src/**/*.ts'], ignores: TEST_FILES, rules: restrictImports(leavesPackage, noControlPlane) },
  { files: ['contract/src/**/*.ts'], rules: restrictImports(leavesPackage, contractIsTheBottom) },
  {
    files: ['contract/src/**/*.ts'],
    ignores: [...TEST_FILES, ...CONTRACT_PLUMBING],
    rules: restrictImports(leavesPackage, contractIsTheBottom, noNodeBuiltins, contractStaysWorkflowSafe),
  },
  {
    files: ['worker/src/workflows/**/*.ts'],
    ignores: TEST_FILES, // tests run in Node, outside the workflow sandbox
    rules: restrictImports(leavesPackage, noNodeAgent, noTestPackages, noNodeBuiltins, workflowSafeOnly),
  },
);
