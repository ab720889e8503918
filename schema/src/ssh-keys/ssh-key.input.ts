import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.js';
import { Tenant, type TenantRecord } from '../tenants/tenant.type.js';
import { SshAccess, SshKey } from './ssh-key.type.js';

@InputType({ description: 'Add an SSH public key to a tenant.' })
export class CreateSshKeyInput {
  @Field(() => ID, { description: 'The tenant who logs in with it.' })
  tenantId!: string;

  @Field({ description: 'A label for people, 1–64 characters.' })
  name!: string;

  @Field({
    description:
      'One OpenSSH public key line, as in a `.pub` file: `ssh-ed25519 AAAA… comment`. Ed25519, ECDSA or RSA of at least 2048 bits; no options (`command=`, `from=`).',
  })
  publicKey!: string;
}

@InputType({ description: 'Refer to one SSH key.' })
export class SshKeyIdInput {
  @Field(() => ID, { description: 'The key.' })
  id!: string;
}

@ObjectType({ description: 'Result of an SSH key mutation.' })
export class SshKeyPayload {
  @Field(() => SshKey, { nullable: true, description: 'The key, as written (null on userErrors).' })
  sshKey!: SshKey | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'Choose how a tenant’s SSH keys log in.' })
export class SetTenantSshAccessInput {
  @Field(() => ID, { description: 'The tenant.' })
  tenantId!: string;

  @Field(() => SshAccess, { description: 'SHELL or SFTP_ONLY.' })
  access!: SshAccess;
}

@ObjectType({ description: 'Result of setTenantSshAccess.' })
export class SetTenantSshAccessPayload {
  @Field(() => Tenant, { nullable: true, description: 'The tenant (null on userErrors).' })
  tenant!: TenantRecord | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}
