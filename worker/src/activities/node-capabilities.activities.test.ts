import { createDb, type Db } from '@hostplane/server/db';
import type { CapabilityReport } from '@hostplane/contract/capabilities';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { createNodeCapabilityActivities } from './node-capabilities.activities.js';

const nginx = (available: boolean): CapabilityReport => ({
  name: 'nginx',
  available,
  version: available ? '1.22.1' : null,
  path: '/usr/sbin/nginx',
  package: 'nginx',
  reason: available ? null : '/usr/sbin/nginx not found',
});

describe('recordNodeCapabilities', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase('hostplane_captest');
    db = createDb(database.url, { max: 2 });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it('stores the newest report of a node; an older one arriving late changes nothing', async () => {
    const region = await db.region.create({ data: { name: 'r' } });
    const cluster = await db.cluster.create({ data: { name: 'c', regionId: region.id } });
    const node = await db.node.create({ data: { clusterId: cluster.id, hostname: 'n1' } });
    const { recordNodeCapabilities } = createNodeCapabilityActivities({ db, logger: pino({ level: 'silent' }) });
    const report = (at: string, available: boolean) => ({
      nodeId: node.id,
      reportedAt: at,
      capabilities: [nginx(available)],
    });

    await expect(recordNodeCapabilities(report('2026-12-04T10:00:00.000Z', true))).resolves.toEqual({ stored: true });
    await expect(recordNodeCapabilities(report('2026-12-04T09:00:00.000Z', false))).resolves.toEqual({
      stored: false,
    });
    const row = await db.node.findUniqueOrThrow({ where: { id: node.id } });
    expect(row.capabilities).toEqual([nginx(true)]);
    expect(row.capabilitiesReportedAt?.toISOString()).toBe('2026-12-04T10:00:00.000Z');
    // A node deleted meanwhile is nothing to store, not an error to retry.
    const gone = { ...report('2026-12-04T11:00:00.000Z', true), nodeId: '00000000-0000-4000-8000-000000000009' };
    await expect(recordNodeCapabilities(gone)).resolves.toEqual({ stored: false });
  });
});
