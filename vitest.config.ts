// One vitest run for the whole repository (`npm test`). The workspaces' own vitest configs are for
// running one package alone; this one adds the shared platform (globalSetup) that e2e-style tests
// across packages inject.
import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  plugins: [
    // type-graphql needs decorator metadata, which esbuild/oxc drop (NoExplicitTypeError);
    // swc keeps it with the same settings tsc uses.
    swc.vite({
      include: /\.[cm]?tsx?$/,
      tsconfigFile: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        keepClassNames: true,
        target: 'es2022',
      },
    }),
  ],
  resolve: {
    // One graphql module for everyone: otherwise type-graphql (CommonJS, loaded by Node) and our
    // code (loaded by vite) can get different copies — "Cannot use GraphQLSchema from another
    // module or realm".
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql/index.js') }],
  },
  test: {
    // Sources only: `tsc -b` also emits compiled tests into dist/.
    include: ['*/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['e2e/src/harness/global-setup.ts'],
    setupFiles: ['e2e/vitest.setup.ts'],
    pool: 'forks',
    maxWorkers: 2, // the CI machine has 2 cores; files run side by side, tests within a file in order
    testTimeout: 30_000,
    hookTimeout: 60_000, // some files start their own Temporal dev server or database
    teardownTimeout: 60_000,
  },
});
