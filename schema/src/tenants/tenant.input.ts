import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import { ResourceStatus, SortDirection } from '../common/status.js';
import { UserError } from '../common/user-error.js';
import { Tenant } from './tenant.type.js';

@InputType({ description: 'Create a tenant; its Linux user is provisioned on every node of the shard.' })
export class CreateTenantInput {
  @Field(() => ID, { description: 'Brand the tenant belongs to.' })
  brandId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Web shard to place the tenant on; omitted = the least-loaded web shard.',
  })
  shardId?: string | null;

  @Field(() => String, { nullable: true, description: 'Free-form label (at most 100 characters).' })
  displayName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Client-chosen key: repeating a create with the same key returns the first tenant.',
  })
  idempotencyKey?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Plan of the same brand limiting what it may create; omitted = none.',
  })
  planId?: string | null;
}

@InputType({ description: 'Change a tenant’s editable fields.' })
export class UpdateTenantInput {
  @Field(() => ID, { description: 'The tenant.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New label; empty string clears it.' })
  displayName?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'New plan (of the tenant’s brand); omitted = unchanged, empty string = none. Never with a tenant-bound key.',
  })
  planId?: string | null;
}

@InputType({ description: 'Suspend a tenant: its account is locked on every node.' })
export class SuspendTenantInput {
  @Field(() => ID, { description: 'The tenant.' })
  id!: string;

  @Field({ description: 'Why (shown to operators and the tenant; 1 to 500 characters).' })
  reason!: string;
}

@InputType({ description: 'Refer to one tenant.' })
export class TenantIdInput {
  @Field(() => ID, { description: 'The tenant.' })
  id!: string;
}

@ObjectType({ description: 'Result of a tenant mutation.' })
export class TenantPayload {
  @Field(() => Tenant, { nullable: true, description: 'The tenant, as written (null on userErrors).' })
  tenant!: Tenant | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

export enum TenantOrderField {
  CREATED_AT = 'CREATED_AT',
  NAME = 'NAME',
}
registerEnumType(TenantOrderField, { name: 'TenantOrderField', description: 'Tenant sort keys.' });

@InputType({ description: 'How to sort tenants.' })
export class TenantOrder {
  @Field(() => TenantOrderField, { description: 'Sort key.' })
  field!: TenantOrderField;

  @Field(() => SortDirection, { description: 'Direction.' })
  direction!: SortDirection;
}

@InputType({ description: 'Narrow a tenant list.' })
export class TenantFilter {
  @Field(() => [ResourceStatus], { nullable: true, description: 'Only these statuses (default: all but DELETED).' })
  status?: ResourceStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Substring of the name or display name.' })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this brand.' })
  brandId?: string | null;
}

@ArgsType()
export class TenantsArgs extends PageArgs {
  @Field(() => TenantFilter, { nullable: true, description: 'Filter.' })
  filter?: TenantFilter | null;

  @Field(() => TenantOrder, { nullable: true, description: 'Sort (default: newest first).' })
  orderBy?: TenantOrder | null;
}
