import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Node } from '../common/node.js';

export interface BrandRecord {
  id: string;
  name: string;
  baseHostname: string;
  nsHostnames: string[];
  hostmasterEmail: string;
  reservedHostnameSuffixes: string[];
  createdAt: Date;
}

@ObjectType({
  implements: Node,
  description: 'A brand (the hosting company or a reseller): the isolation boundary between customers.',
})
export class Brand extends Node {
  @Field({ description: 'Unique name, lowercase letters, digits and dashes.' })
  name!: string;

  @Field({ description: 'Base hostname for service hostnames, e.g. `hosting.example.com`.' })
  baseHostname!: string;

  @Field(() => [String], { description: 'Name servers of this brand’s DNS zones.' })
  nsHostnames!: string[];

  @Field({ description: 'Hostmaster e-mail for SOA records.' })
  hostmasterEmail!: string;

  @Field(() => [String], {
    description:
      'Host names that, with everything under them, only this brand’s tenants may bind (with the base hostname, which is always reserved). Its tenants bind names under them without a DNS proof: the brand vouches for them (e.g. free subdomains). Set by platform administrators.',
  })
  reservedHostnameSuffixes!: string[];

  @Field({ description: 'When the brand was created.' })
  createdAt!: Date;
}

export const BrandConnection = ConnectionType(Brand, 'Brand');
