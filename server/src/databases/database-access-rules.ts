import {
  UserErrorCode,
  type CreateDatabaseAccessRuleInput,
  type DatabaseAccessRuleMutationResult,
  type Viewer,
} from '@hostplane/schema';
import { optionalText } from '../common/validation.js';
import { insertWithEvent, isUniqueViolation } from '../data-stores/insert.js';
import { isGone } from '../resources/gone.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import { parseAccessRule } from './access-rule.js';
import type { DatabaseReads } from './database-reads.js';
import type { ServiceDeps } from '../services.js';
import { accessRuleRecord, withDatabaseBrand } from './database-records.js';

type RuleResult = DatabaseAccessRuleMutationResult;

/** Database access rules (hosts a database's users may log in from): create, delete, retry. */
export class DatabaseAccessRules {
  private readonly ruleKit;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly reads: DatabaseReads,
  ) {
    this.ruleKit = lifecycleOf(
      deps,
      'DatabaseAccessRule',
      async (id) =>
        accessRuleRecord(
          await deps.db.databaseAccessRule.findUniqueOrThrow({ where: { id }, include: withDatabaseBrand }),
        ),
      {
        scope: 'databases:write',
        find: (viewer, id) => this.reads.findAccessRule(viewer, id),
        notFound: 'Access rule not found.',
      },
    );
  }

  async createAccessRule(viewer: Viewer, input: CreateDatabaseAccessRuleInput): Promise<RuleResult> {
    viewer.require('databases:write');
    const database = await this.reads.findDatabase(viewer, input.databaseId);
    if (!database) return refuse('databaseAccessRule', 'databaseId', 'Database not found.', UserErrorCode.NOT_FOUND);
    if (isGone(database.status))
      return refuse('databaseAccessRule', 'databaseId', `Database is ${database.status}.`, UserErrorCode.INVALID_STATE);
    const cidr = parseAccessRule(input.cidr);
    if (!cidr)
      return refuse(
        'databaseAccessRule',
        'cidr',
        'cidr must be an IPv4 address, an IPv4 CIDR (a.b.c.d/n, n ≥ 1) or an IPv6 address.',
      );
    const description = optionalText(input.description);
    if (description && description.length > 200)
      return refuse('databaseAccessRule', 'description', 'description must be at most 200 characters.');
    try {
      const row = await insertWithEvent(this.deps.db, 'DatabaseAccessRule', database.brandId, async (tx) => {
        await tx.databaseAccessRule.deleteMany({ where: { databaseId: database.id, cidr, status: 'DELETED' } });
        return tx.databaseAccessRule.create({
          data: { databaseId: database.id, tenantId: database.tenantId, cidr, description },
        });
      });
      return this.ruleKit.started(row.id, 'CREATE');
    } catch (error) {
      if (isUniqueViolation(error))
        return refuse(
          'databaseAccessRule',
          'cidr',
          `The database already has a rule for ${cidr}.`,
          UserErrorCode.TAKEN,
        );
      throw error;
    }
  }

  deleteAccessRule(viewer: Viewer, id: string): Promise<RuleResult> {
    return this.ruleKit.operateById(viewer, id, 'DELETE');
  }

  retryAccessRule(viewer: Viewer, id: string): Promise<RuleResult> {
    return this.ruleKit.retry(viewer, id);
  }
}
