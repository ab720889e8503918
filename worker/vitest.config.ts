import { defineConfig } from 'vitest/config';

// Only sources: `tsc -b` also emits compiled tests into dist/. The integration test starts a
// Temporal dev server and a database, hence the long hook timeout.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
});
