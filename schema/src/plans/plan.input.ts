import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import { UserError } from '../common/user-error.js';
import { Plan } from './plan.type.js';

// Limits: a whole number ≥ 0, or null for unlimited. On update an omitted limit is unchanged and
// an explicit null lifts it, so each limit is declared once here and shared by both inputs.
const LIMIT = (description: string) => ({
  nullable: true,
  description: `${description} A whole number ≥ 0; null = unlimited.`,
});

@InputType({ description: 'The limits of a plan.' })
export class PlanLimitsInput {
  @Field(() => Int, LIMIT('Most webroots a tenant may have.'))
  maxWebroots?: number | null;

  @Field(() => Int, LIMIT('Most FQDNs, over all its webroots.'))
  maxFqdns?: number | null;

  @Field(() => Int, LIMIT('Most databases.'))
  maxDatabases?: number | null;

  @Field(() => Int, LIMIT('Most database users, over all its databases.'))
  maxDatabaseUsers?: number | null;

  @Field(() => Int, LIMIT('Most Valkey instances.'))
  maxValkeyInstances?: number | null;

  @Field(() => Int, LIMIT('Most Valkey ACL users, over all its instances.'))
  maxValkeyUsers?: number | null;

  @Field(() => Int, LIMIT('Most Valkey memory in MiB (sum of its instances’ maxMemoryMb).'))
  maxValkeyMemoryMb?: number | null;

  @Field(() => Int, LIMIT('Most cron jobs, over all its webroots.'))
  maxCronJobs?: number | null;

  @Field(() => Int, LIMIT('Most daemons, over all its webroots.'))
  maxDaemons?: number | null;

  @Field(() => Int, LIMIT('Most DNS zones hosted here.'))
  maxDnsZones?: number | null;

  @Field(() => Int, LIMIT('Most mail domains (zones with mail on).'))
  maxMailDomains?: number | null;

  @Field(() => Int, LIMIT('Most mailboxes, over all its mail domains.'))
  maxMailboxes?: number | null;
}

@InputType({ description: 'Create a plan for a brand’s tenants.' })
export class CreatePlanInput extends PlanLimitsInput {
  @Field(() => ID, { description: 'The brand whose tenants may be put on it.' })
  brandId!: string;

  @Field({ description: 'Name, unique within the brand (1 to 60 characters).' })
  name!: string;
}

@InputType({ description: 'Change a plan: omitted fields stay, a null limit lifts it. Its tenants follow at once.' })
export class UpdatePlanInput extends PlanLimitsInput {
  @Field(() => ID, { description: 'The plan.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;
}

@InputType({ description: 'Refer to one plan.' })
export class PlanIdInput {
  @Field(() => ID, { description: 'The plan.' })
  id!: string;
}

@ObjectType({ description: 'Result of a plan mutation.' })
export class PlanPayload {
  @Field(() => Plan, { nullable: true, description: 'The plan as written (null on userErrors or after delete).' })
  plan!: Plan | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'Narrow a plan list.' })
export class PlanFilter {
  @Field(() => ID, { nullable: true, description: 'Only this brand’s plans.' })
  brandId?: string | null;
}

@ArgsType()
export class PlansArgs extends PageArgs {
  @Field(() => PlanFilter, { nullable: true, description: 'Filter.' })
  filter?: PlanFilter | null;
}
