import { ResourceStatus, ShardRole, AuditOutcome, EventKind } from '@hostplane/schema';
import { describe, expect, it } from 'vitest';
import * as prisma from '../generated/prisma/enums.js';

// Records pass from Prisma rows to GraphQL types by cast (common/records.ts): the members must match.
describe('Prisma and GraphQL enums', () => {
  it.each([
    ['ResourceStatus', ResourceStatus, prisma.ResourceStatus],
    ['ShardRole', ShardRole, prisma.ShardRole],
    ['AuditOutcome', AuditOutcome, prisma.AuditOutcome],
    ['EventKind', EventKind, prisma.EventKind],
  ])('%s has the same members', (_name, graphql, db) => {
    expect(Object.values(graphql).sort()).toEqual(Object.values(db).sort());
  });
});
