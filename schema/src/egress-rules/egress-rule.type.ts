import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Node } from '../common/node.js';
import { AsyncResource, type OwnedResourceRecord } from '../resources/async-resource.type.js';

/** What a rule lets through to its destination. */
export enum EgressProtocol {
  ANY = 'ANY',
  TCP = 'TCP',
  UDP = 'UDP',
}
registerEnumType(EgressProtocol, {
  name: 'EgressProtocol',
  description:
    'ANY: every protocol to the network (with a port range: TCP and UDP to those ports); TCP or UDP: that protocol only.',
});

/** A row of the egress rules table, as the egress rules port hands it out. */
export interface EgressRuleRecord extends OwnedResourceRecord {
  cidr: string;
  protocol: EgressProtocol;
  portFrom: number | null;
  portTo: number | null;
  description: string | null;
}

@ObjectType({
  implements: [Node, AsyncResource],
  description:
    'A destination a tenant’s processes may connect to. A tenant without rules may connect anywhere the platform’s egress floor allows; once it has one, its processes reach only its rules’ destinations (and the node’s own services: MariaDB, Valkey, its sites, DNS), on every node of its web shard. No rule reopens what the floor closes (the control plane).',
})
export class EgressRule extends AsyncResource {
  @Field({
    description:
      'The destination network, canonical (`203.0.113.0/24`, `2001:db8::/32`; an address is its /32 or /128; `0.0.0.0/0` is any IPv4 address).',
  })
  cidr!: string;

  @Field(() => EgressProtocol, { description: 'What the rule lets through.' })
  protocol!: EgressProtocol;

  @Field(() => Int, { nullable: true, description: 'First destination port (null: every port).' })
  portFrom!: number | null;

  @Field(() => Int, { nullable: true, description: 'Last destination port, inclusive (= portFrom for one port).' })
  portTo!: number | null;

  @Field(() => String, { nullable: true, description: 'What the destination is, for people.' })
  description!: string | null;

  @Field({ description: 'When the rule was created.' })
  createdAt!: Date;

  @Field({ description: 'When the rule row last changed.' })
  updatedAt!: Date;
}

export const EgressRuleConnection = ConnectionType(EgressRule, 'EgressRule');
