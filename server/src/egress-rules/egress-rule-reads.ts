import type { EgressRuleRecord } from '@hostplane/schema';
import type { Db } from '../db/index.js';
import { TenantOwnedReads, type OwnedModel } from '../data-stores/tenant-owned-reads.js';

/** The read side of the egress rules port: a tenant-owned resource's reads (../data-stores/tenant-owned-reads.ts). */
export class EgressRuleReads extends TenantOwnedReads<EgressRuleRecord> {
  constructor(db: Db) {
    super(db, { type: 'EgressRule', scope: 'egress_rules:read', model: db.egressRule as unknown as OwnedModel });
  }
}
