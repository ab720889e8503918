import { Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context.js';
import { toGlobalId } from '../common/ids.js';
import { AuditEntry, AuditEntryConnection, AuditLogsArgs, type AuditEntryRecord } from './audit.type.js';

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description: 'Mutations recorded in the audit log, newest first (needs audit_logs:read; brand-filtered).',
  })
  auditLogs(@Args() args: AuditLogsArgs, @Ctx() ctx: Context) {
    return ctx.ports.audit.list(ctx.viewer, args);
  }

  @FieldResolver(() => String, { description: 'Sequential id.' })
  id(@Root() entry: AuditEntryRecord): string {
    return entry.id.toString();
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Global id of the API key that ran it.' })
  apiKeyId(@Root() entry: AuditEntryRecord): string | null {
    return entry.apiKeyId ? toGlobalId('ApiKey', entry.apiKeyId) : null;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Global id of the brand it touched.' })
  brandId(@Root() entry: AuditEntryRecord): string | null {
    return entry.brandId ? toGlobalId('Brand', entry.brandId) : null;
  }
}
