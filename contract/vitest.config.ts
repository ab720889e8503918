import { defineConfig } from 'vitest/config';

// Only sources: `tsc -b` also emits compiled tests into dist/.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 30_000 } });
