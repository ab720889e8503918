import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Node } from '../common/node.js';
import { AsyncResource } from '../resources/async-resource.type.js';
import { ResourceStatus } from '../common/status.js';

/** What the tenants port returns: a row of the tenants table. */
export interface TenantRecord {
  id: string;
  name: string;
  displayName: string | null;
  uid: number;
  brandId: string;
  shardId: string;
  /** Its plan (null: no limits). */
  planId: string | null;
  status: ResourceStatus;
  statusMessage: string | null;
  suspendReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

@ObjectType({
  implements: [Node, AsyncResource],
  description: 'A customer account: a Linux user (same name and UID) on every node of its web shard.',
})
export class Tenant extends AsyncResource {
  @Field({ description: 'System name, `t_` + 10 random characters; the Linux user name. Globally unique.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Free-form label shown in panels.' })
  displayName!: string | null;

  @Field(() => Int, { description: 'Linux UID, unique across the platform.' })
  uid!: number;

  @Field(() => String, { nullable: true, description: 'Why the tenant is SUSPENDED.' })
  suspendReason!: string | null;

  @Field({ description: 'When the tenant was created.' })
  createdAt!: Date;

  @Field({ description: 'When the tenant row last changed.' })
  updatedAt!: Date;
}

export const TenantConnection = ConnectionType(Tenant, 'Tenant');
