import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, PageArgs } from '../common/connection.js';

export enum AuditOutcome {
  SUCCESS = 'SUCCESS',
  USER_ERROR = 'USER_ERROR',
  ERROR = 'ERROR',
}
registerEnumType(AuditOutcome, { name: 'AuditOutcome', description: 'How a mutation ended.' });

export interface AuditEntryRecord {
  id: bigint;
  at: Date;
  apiKeyId: string | null;
  operation: string;
  input: Record<string, unknown>;
  outcome: AuditOutcome;
  errorCode: string | null;
  brandId: string | null;
  requestId: string | null;
}

@ObjectType({ description: 'One mutation, as the audit log recorded it.' })
export class AuditEntry {
  @Field({ description: 'Sequential id.' })
  id!: string;

  @Field({ description: 'When it ran.' })
  at!: Date;

  @Field(() => ID, { nullable: true, description: 'Global id of the API key that ran it.' })
  apiKeyId!: string | null;

  @Field({ description: 'Mutation name, e.g. `createTenant`.' })
  operation!: string;

  @Field(() => GraphQLJSONObject, { description: 'Its input, with passwords, keys and secrets redacted.' })
  input!: Record<string, unknown>;

  @Field(() => AuditOutcome, { description: 'How it ended.' })
  outcome!: AuditOutcome;

  @Field(() => String, { nullable: true, description: 'userError or error code, when it did not succeed.' })
  errorCode!: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the brand it touched.' })
  brandId!: string | null;

  @Field(() => String, { nullable: true, description: 'Request id, to match server logs.' })
  requestId!: string | null;
}

export const AuditEntryConnection = ConnectionType(AuditEntry, 'AuditEntry');

@InputType({ description: 'Narrow the audit log; fields combine with AND.' })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: 'Only this mutation name.' })
  operation?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this API key (global id).' })
  apiKeyId?: string | null;

  @Field(() => AuditOutcome, { nullable: true, description: 'Only this outcome.' })
  outcome?: AuditOutcome | null;

  @Field(() => Date, { nullable: true, description: 'At or after this time.' })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this time.' })
  until?: Date | null;
}

@ArgsType()
export class AuditLogsArgs extends PageArgs {
  @Field(() => AuditLogFilter, { nullable: true, description: 'Filter.' })
  filter?: AuditLogFilter | null;
}
