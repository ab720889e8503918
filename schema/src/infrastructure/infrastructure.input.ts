import { Field, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.js';
import { Cluster, ShardRole } from './infrastructure.type.js';

@InputType({ description: 'A shard of a cluster file.' })
export class ShardSpecInput {
  @Field({ description: 'Name, unique within the cluster.' })
  name!: string;

  @Field(() => ShardRole, { description: 'Role; cannot change once tenants live on it.' })
  role!: ShardRole;
}

@InputType({ description: 'A node of a cluster file.' })
export class NodeSpecInput {
  @Field({ description: 'Hostname, unique within the cluster.' })
  hostname!: string;

  @Field(() => String, { nullable: true, description: 'Primary IP address.' })
  ipAddress?: string | null;

  @Field(() => [String], { description: 'Names of the shards (of this cluster) the node serves.' })
  shards!: string[];
}

@InputType({
  description:
    'Desired state of one cluster: region, cluster, load-balancer addresses, shards, nodes. Applying it twice changes nothing.',
})
export class ApplyClusterInput {
  @Field({ description: 'Region name (created when missing).' })
  region!: string;

  @Field({ description: 'Cluster name (created when missing).' })
  cluster!: string;

  @Field(() => [String], { defaultValue: [], description: 'Load-balancer addresses; replaces the current list.' })
  lbAddresses!: string[];

  @Field(() => [ShardSpecInput], { defaultValue: [], description: 'Shards to create or update.' })
  shards!: ShardSpecInput[];

  @Field(() => [NodeSpecInput], { defaultValue: [], description: 'Nodes to create or update.' })
  nodes!: NodeSpecInput[];
}

@ObjectType({ description: 'Result of applying a cluster file.' })
export class ApplyClusterPayload {
  @Field(() => Cluster, { nullable: true, description: 'The cluster as it now is.' })
  cluster!: Cluster | null;

  @Field(() => [String], { description: 'What changed, one line each (empty when nothing did).' })
  changes!: string[];

  @Field(() => [UserError], { description: 'Why the input was refused; nothing was written.' })
  userErrors!: UserError[];
}
