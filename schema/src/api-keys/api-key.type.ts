import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Node } from '../common/node.js';

export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  brandIds: string[];
  tenantId: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

@ObjectType({
  implements: Node,
  description: 'An API key. The secret is shown once, at creation, and stored only as a hash.',
})
export class ApiKey extends Node {
  @Field({ description: 'Label.' })
  name!: string;

  @Field({ description: 'Public, recognizable start of the key (`hp_…`): find a leaked key by it.' })
  prefix!: string;

  @Field(() => [String], { description: 'Scopes: `resource:action`, `resource:*` or `*`.' })
  scopes!: string[];

  @Field(() => [String], { description: 'Global ids of the brands it may act on, or `*` for every brand.' })
  brandIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Global id of the tenant it is bound to, if any.' })
  tenantId!: string | null;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was last used (minute precision).' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; a revoked key authenticates nothing.' })
  revokedAt!: Date | null;
}

export const ApiKeyConnection = ConnectionType(ApiKey, 'ApiKey');
