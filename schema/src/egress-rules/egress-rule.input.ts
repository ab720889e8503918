import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.js';
import { EgressProtocol, EgressRule } from './egress-rule.type.js';

@InputType({ description: 'Allow a tenant’s processes one more outbound destination.' })
export class CreateEgressRuleInput {
  @Field(() => ID, { description: 'The tenant whose processes it allows.' })
  tenantId!: string;

  @Field({
    description:
      'IPv4 or IPv6 address or CIDR (`203.0.113.7`, `198.51.100.0/24`, `2001:db8::/32`); host bits are cleared. `0.0.0.0/0` and `::/0` mean any address (useful with a port).',
  })
  cidr!: string;

  @Field(() => EgressProtocol, { nullable: true, description: 'Default ANY.' })
  protocol?: EgressProtocol | null;

  @Field(() => Int, { nullable: true, description: 'First destination port, 1–65535 (omitted: every port).' })
  portFrom?: number | null;

  @Field(() => Int, { nullable: true, description: 'Last destination port (omitted: portFrom alone).' })
  portTo?: number | null;

  @Field(() => String, { nullable: true, description: 'What the destination is, up to 200 characters.' })
  description?: string | null;
}

@InputType({ description: 'Refer to one egress rule.' })
export class EgressRuleIdInput {
  @Field(() => ID, { description: 'The rule.' })
  id!: string;
}

@ObjectType({ description: 'Result of an egress rule mutation.' })
export class EgressRulePayload {
  @Field(() => EgressRule, { nullable: true, description: 'The rule, as written (null on userErrors).' })
  egressRule!: EgressRule | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}
