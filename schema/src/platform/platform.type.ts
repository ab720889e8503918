import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { ResourceStatus } from '../common/status.js';
import { UserError } from '../common/user-error.js';

@ObjectType({ description: 'Platform-wide settings.' })
export class PlatformConfig {
  @Field({ description: 'Base domain of the platform’s own hostnames.' })
  baseDomain!: string;

  @Field(() => [String], { description: 'Default name servers for zones of brands without their own.' })
  nameservers!: string[];

  @Field({ description: 'Default hostmaster e-mail.' })
  hostmasterEmail!: string;
}

@InputType({ description: 'Change platform settings; omitted fields stay as they are.' })
export class UpdatePlatformConfigInput {
  @Field(() => String, { nullable: true, description: 'Base domain.' })
  baseDomain?: string | null;

  @Field(() => [String], { nullable: true, description: 'Default name servers (at least two).' })
  nameservers?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Default hostmaster e-mail.' })
  hostmasterEmail?: string | null;
}

@ObjectType({ description: 'Result of updatePlatformConfig.' })
export class PlatformConfigPayload {
  @Field(() => PlatformConfig, { nullable: true, description: 'The settings as they now are.' })
  platformConfig!: PlatformConfig | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'How many resources of a type are in a status.' })
export class ResourceCount {
  @Field({ description: 'GraphQL type name, e.g. `Tenant`.' })
  resourceType!: string;

  @Field(() => ResourceStatus, { description: 'Status.' })
  status!: ResourceStatus;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@ObjectType({ description: 'Counts for the dashboard, within the caller’s brands.' })
export class DashboardStats {
  @Field(() => [ResourceCount], { description: 'Counts by type and status.' })
  resourceCounts!: ResourceCount[];

  @Field(() => Int, { description: 'Brands visible to the caller.' })
  brands!: number;
}
