import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../common/node.js';

export enum ShardRole {
  WEB = 'WEB',
  DATABASE = 'DATABASE',
  DNS = 'DNS',
  EMAIL = 'EMAIL',
  VALKEY = 'VALKEY',
  S3 = 'S3',
  GATEWAY = 'GATEWAY',
  LB = 'LB',
}
registerEnumType(ShardRole, { name: 'ShardRole', description: 'What a shard’s nodes serve.' });

export interface RegionRecord {
  id: string;
  name: string;
  createdAt: Date;
}
export interface ClusterRecord {
  id: string;
  regionId: string;
  name: string;
  createdAt: Date;
}
export interface ShardRecord {
  id: string;
  clusterId: string;
  name: string;
  role: ShardRole;
  createdAt: Date;
}
export interface ServerNodeRecord {
  id: string;
  clusterId: string;
  hostname: string;
  ipAddress: string | null;
  createdAt: Date;
}

@ObjectType({ implements: Node, description: 'A geographic region holding clusters.' })
export class Region extends Node {
  @Field({ description: 'Unique name.' })
  name!: string;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;
}

@ObjectType({ implements: Node, description: 'A cluster of nodes in one region, sharing load-balancer addresses.' })
export class Cluster extends Node {
  @Field({ description: 'Name, unique within the region.' })
  name!: string;

  @Field(() => [String], { description: 'Public addresses of the cluster’s load balancers.' })
  lbAddresses!: string[];

  @Field({ description: 'When it was created.' })
  createdAt!: Date;
}

@ObjectType({ implements: Node, description: 'A group of nodes with one role; resources are placed on shards.' })
export class Shard extends Node {
  @Field({ description: 'Name, unique within the cluster.' })
  name!: string;

  @Field(() => ShardRole, { description: 'What the shard serves.' })
  role!: ShardRole;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;
}

@ObjectType({ implements: Node, description: 'A server running the node agent.' })
export class ServerNode extends Node {
  @Field({ description: 'Hostname, unique within the cluster.' })
  hostname!: string;

  @Field(() => String, { nullable: true, description: 'Primary IP address.' })
  ipAddress!: string | null;

  @Field({ description: 'Temporal task queue the node agent polls: `node-{uuid}`.' })
  taskQueue!: string;

  @Field({ description: 'When it was registered.' })
  createdAt!: Date;
}
