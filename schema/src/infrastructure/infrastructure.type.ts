import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
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
  /** The node agent's last report as stored (CapabilityReport[]), null before the first. */
  capabilities: unknown;
  capabilitiesReportedAt: Date | null;
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

@ObjectType({ description: 'A program the node agent is configured to use, as its node has it.' })
export class NodeCapability {
  @Field({ description: 'What it is: `nginx`, `php-fpm 8.2`, `node 20`, `python 3.11`, `redis-server`, …' })
  name!: string;

  @Field({ description: 'Whether the node has it; the features that need it fail on this node while it does not.' })
  available!: boolean;

  @Field(() => String, { nullable: true, description: 'The version it reports; null when missing or unknown.' })
  version!: string | null;

  @Field({ description: 'The path the agent tried (its configuration) or found.' })
  path!: string;

  @Field({ description: 'The Debian package that provides it.' })
  package!: string;

  @Field(() => String, { nullable: true, description: 'Why it is not available; null when it is.' })
  reason!: string | null;
}

@ObjectType({
  description:
    'A mail node’s certificate for its host name, from the platform’s ACME CA: IMAP, POP3 and submission serve it.',
})
export class MailHostCertificate {
  @Field({ description: 'The host name it is (or is to be) for.' })
  hostname!: string;

  @Field(() => Date, { nullable: true, description: 'When it expires; null until the first order succeeded.' })
  notAfter!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the next order is due (two thirds of its life, later after failures).',
  })
  renewAfter!: Date | null;

  @Field(() => Int, { description: 'Orders that failed in a row since the last one that succeeded.' })
  renewFailures!: number;

  @Field(() => String, { nullable: true, description: 'Why the last order failed; null once one succeeds.' })
  lastError!: string | null;
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

  @Field(() => [NodeCapability], {
    description: 'Every program its node agent uses, as last reported (empty before the first report).',
  })
  capabilities!: NodeCapability[];

  @Field(() => [NodeCapability], { description: 'The capabilities the node lacks, each with its Debian package.' })
  missingCapabilities!: NodeCapability[];

  @Field(() => Date, { nullable: true, description: 'When its node agent last reported; null if it never did.' })
  capabilitiesReportedAt!: Date | null;

  @Field(() => MailHostCertificate, {
    nullable: true,
    description:
      'A mail node’s certificate for its host name (platform administrators only); null on other nodes and before its first order.',
  })
  mailCertificate!: MailHostCertificate | null;
}
