import { Field, InterfaceType, ObjectType } from 'type-graphql';
import { Node, type TypedRecord } from '../common/node.js';
import { ResourceStatus } from '../common/status.js';
import type { ResourcePermissionsRecord } from '../common/viewer.js';
import { ResourceEvent } from '../events/event.type.js';

/**
 * What every async resource record carries (a tenant is its own tenant: `tenantId` is absent
 * and its `id` stands in). `lastOperation` is the registry's operation name the row last started.
 */
export interface AsyncResourceRecord {
  id: string;
  brandId: string;
  /** Its tenant; null for what a brand owns itself (a brand's DNS zone and its records). */
  tenantId?: string | null;
  status: ResourceStatus;
  statusMessage: string | null;
  lastOperation?: string;
}

/** A record owned by a tenant (every async resource but the tenant itself). */
export interface OwnedResourceRecord extends AsyncResourceRecord {
  tenantId: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A record owned by a tenant or by a brand itself (`tenantId` null): DNS zones and their records. */
export interface TenantOrBrandOwnedRecord extends AsyncResourceRecord {
  tenantId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

@ObjectType({
  description:
    'What the calling API key may do to this resource, decided by the API from the key’s scopes and its brand/tenant binding (the same rules its mutations apply). Says nothing about the resource’s status: `retry` may be true for an ACTIVE resource, which the mutation then refuses with INVALID_STATE. False also for an operation this type does not have.',
})
export class ResourcePermissions implements ResourcePermissionsRecord {
  @Field({ description: 'Its `update…` mutation (for a tenant: its label).' })
  update!: boolean;

  @Field({ description: 'Its `delete…` mutation (`unbindFqdn` for an FQDN).' })
  delete!: boolean;

  @Field({ description: 'Its `retry…` mutation.' })
  retry!: boolean;

  @Field({ description: '`suspendTenant` (tenants only).' })
  suspend!: boolean;

  @Field({ description: '`unsuspendTenant` (tenants only).' })
  unsuspend!: boolean;

  @Field({ description: 'Its `migrate…` mutation (databases and Valkey instances).' })
  migrate!: boolean;
}

/** The last operation of a resource: its name and the events since it started. */
export interface ResourceOperationRecord {
  name: string;
  events: ResourceEvent[];
  steps: ResourceEvent[];
}

@ObjectType({
  description: 'The operation a resource last started (create, update, suspend, delete, …) and its progress.',
})
export class ResourceOperation {
  @Field({ description: 'Operation name, e.g. `CREATE`, `UPDATE`, `SUSPEND`, `DELETE`, `MIGRATE`, `BIND`, `UNBIND`.' })
  name!: string;

  @Field(() => [ResourceEvent], {
    description:
      'Its events, oldest first: the one that started it (CREATED, or the STATUS move to PENDING/DELETING), then status changes and workflow steps. At most the resource’s newest 100 events; the last one is its newest event (resubscribe `after` its cursor).',
  })
  events!: ResourceEvent[];

  @Field(() => [ResourceEvent], { description: 'Its workflow steps (STEP events), oldest first.' })
  steps!: ResourceEvent[];
}

/**
 * Every resource run by a workflow (DESIGN.md §4): tenants, webroots, FQDNs, databases, their
 * users and access rules, Valkey instances and users. One fragment on this interface follows
 * any of them. Their statuses really coincide (the registry's transitions all move through the
 * one `ResourceStatus` lifecycle), so `status` is that enum rather than a type-specific one.
 */
@InterfaceType({
  implements: Node,
  description:
    'A resource run by a workflow: a status, the operation it last started with its steps, and what the calling key may do to it.',
  resolveType: (value: TypedRecord) => value.__typename,
})
export abstract class AsyncResource extends Node {
  @Field(() => ResourceStatus, { description: 'Lifecycle status.' })
  status!: ResourceStatus;

  @Field(() => String, { nullable: true, description: 'Why the last operation FAILED.' })
  statusMessage!: string | null;
}
