import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Node } from '../common/node.js';
import { AsyncResource } from '../resources/async-resource.type.js';
import { ResourceStatus } from '../common/status.js';
import { UserError } from '../common/user-error.js';

/** A row of the FQDNs table as the FQDNs port hands it out. */
export interface FqdnRecord {
  id: string;
  hostname: string;
  webrootId: string;
  tenantId: string;
  /** The tenant's brand (what authorization scopes by). */
  brandId: string;
  status: ResourceStatus;
  statusMessage: string | null;
  verification: FqdnVerificationRecord;
  createdAt: Date;
  updatedAt: Date;
}

export interface FqdnVerificationRecord {
  verified: boolean;
  verifiedAt: Date | null;
  recordName: string | null;
  recordValue: string | null;
}

@ObjectType({
  description:
    'Proof of control of the host name. A binding routes only once it is verified: at once when it needs no proof (bound by a platform administrator, or under a suffix the tenant’s brand reserved), else when DNS publishes the TXT record below (looked up again and again while the bind is PENDING).',
})
export class FqdnVerification {
  @Field({ description: 'Whether control is proven (or needed no proof).' })
  verified!: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was verified.' })
  verifiedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Name of the TXT record to publish, `_hostplane-challenge.<hostname>` (null when no proof is asked).',
  })
  recordName!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the TXT record must hold, `hostplane-verify=<token>` (this binding’s own).',
  })
  recordValue!: string | null;
}

@ObjectType({
  implements: [Node, AsyncResource],
  description:
    'A host name bound to a webroot: nginx serves it on every node of the web shard and the load balancer routes it there. Unique platform-wide; DELETED once unbound.',
})
export class Fqdn extends AsyncResource {
  @Field({ description: 'Lowercase host name, e.g. `shop.example.com`.' })
  hostname!: string;

  @Field(() => FqdnVerification, { description: 'Proof of control of the name; it routes only once verified.' })
  verification!: FqdnVerification;

  @Field({ description: 'When it was bound.' })
  createdAt!: Date;

  @Field({ description: 'When the row last changed.' })
  updatedAt!: Date;
}

@InputType({ description: 'Bind a host name to a webroot.' })
export class BindFqdnInput {
  @Field(() => ID, { description: 'The webroot (its tenant must not be suspended).' })
  webrootId!: string;

  @Field({
    description: 'Host name, e.g. `shop.example.com` (case-insensitive; a trailing dot is dropped).',
  })
  hostname!: string;
}

@InputType({ description: 'Refer to one FQDN.' })
export class FqdnIdInput {
  @Field(() => ID, { description: 'The FQDN.' })
  id!: string;
}

@ObjectType({ description: 'Result of an FQDN mutation.' })
export class FqdnPayload {
  @Field(() => Fqdn, { nullable: true, description: 'The FQDN, as written (null on userErrors).' })
  fqdn!: Fqdn | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}
