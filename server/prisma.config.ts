// Prisma CLI configuration. The JavaScript schema engine (engine: 'js') runs migrations through
// the pg driver adapter, so `migrate deploy` needs no downloaded Rust engine (offline-safe).
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { createMigrationAdapter } from './prisma/migration-adapter.js';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: async () => createMigrationAdapter(process.env.DATABASE_URL ?? ''),
});
