import { createDb, type Db } from '@hostplane/server/db';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { createMaintenanceActivities } from './maintenance.activities.js';

const DAY = 24 * 60 * 60 * 1000;

describe('pruneHistory', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase('hostplane_mtest');
    db = createDb(database.url, { max: 2 });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it('deletes only events and audit entries past their retention, and is safe to repeat', async () => {
    const resourceId = '00000000-0000-4000-8000-000000000001';
    const at = (daysOld: number) => new Date(Date.now() - daysOld * DAY);
    await db.event.createMany({
      data: [40, 31, 29, 1].map((days) => ({
        at: at(days),
        resourceType: 'Tenant',
        resourceId,
        kind: 'UPDATED' as const,
      })),
    });
    await db.auditLog.createMany({
      data: [400, 10].map((days) => ({
        at: at(days),
        operation: 'createTenant',
        input: {},
        outcome: 'SUCCESS' as const,
      })),
    });
    const prune = createMaintenanceActivities({ db, logger: pino({ level: 'silent' }) }).pruneHistory;
    expect(await prune({ eventDays: 30, auditDays: 365 })).toEqual({ events: 2, auditEntries: 1 });
    expect(await db.event.count()).toBe(2);
    expect(await db.auditLog.count()).toBe(1);
    expect(await prune({ eventDays: 30, auditDays: 365 })).toEqual({ events: 0, auditEntries: 0 });
  });
});
