import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.js';
import { MailAlias, MailDomain, Mailbox } from './mail.type.js';

@InputType({ description: 'Enable mail on a DNS zone the tenant holds here.' })
export class CreateMailDomainInput {
  @Field(() => ID, { description: 'The zone (ACTIVE, without mail yet): its apex becomes the mail domain.' })
  zoneId!: string;

  @Field(() => [String], { nullable: true, description: 'Catch-all targets (default none).' })
  catchAllTargets?: string[] | null;
}

@InputType({ description: 'Change a mail domain’s catch-all.' })
export class UpdateMailDomainInput {
  @Field(() => ID, { description: 'The mail domain.' })
  id!: string;

  @Field(() => [String], { description: 'Catch-all targets; empty removes the catch-all.' })
  catchAllTargets!: string[];
}

@InputType({ description: 'Refer to one mail domain.' })
export class MailDomainIdInput {
  @Field(() => ID, { description: 'The mail domain.' })
  id!: string;
}

@ObjectType({ description: 'Result of a mail domain mutation.' })
export class MailDomainPayload {
  @Field(() => MailDomain, { nullable: true, description: 'The mail domain, as written (null on userErrors).' })
  mailDomain!: MailDomain | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'A forward: where a mailbox’s mail also (or only) goes.' })
export class MailForwardInput {
  @Field(() => [String], { description: 'Target addresses (1–20); empty removes the forward.' })
  to!: string[];

  @Field(() => Boolean, { nullable: true, description: 'Keep a copy in the mailbox (default true).' })
  keepCopy?: boolean | null;
}

@InputType({ description: 'An auto-reply (Sieve vacation).' })
export class MailAutoReplyInput {
  @Field({ description: 'Subject, 1–200 characters.' })
  subject!: string;

  @Field({ description: 'Plain-text body, 1–10,000 characters.' })
  body!: string;

  @Field(() => String, { nullable: true, description: 'First day (`YYYY-MM-DD`, UTC).' })
  startDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day (`YYYY-MM-DD`, UTC), not before startDate.' })
  endDate?: string | null;

  @Field(() => Int, { nullable: true, description: 'Days before the same sender is answered again, 1–30 (default 7).' })
  intervalDays?: number | null;
}

@InputType({ description: 'Create a mailbox.' })
export class CreateMailboxInput {
  @Field(() => ID, { description: 'The mail domain.' })
  domainId!: string;

  @Field({
    description: 'The local part: lowercase a-z, 0-9, `.`, `_`, `+`, `=`, `-`; no leading, trailing or double dot.',
  })
  localPart!: string;

  @Field({ description: 'The password, 10–200 characters. Write-only: stored as an Argon2id hash.' })
  password!: string;

  @Field(() => Float, { nullable: true, description: 'Quota in bytes, 1 MiB – 100 GiB (default 1 GiB).' })
  quotaBytes?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Logins allowed (default true).' })
  enabled?: boolean | null;

  @Field(() => MailForwardInput, { nullable: true, description: 'A forward (default none).' })
  forward?: MailForwardInput | null;

  @Field(() => MailAutoReplyInput, { nullable: true, description: 'An auto-reply (default none).' })
  autoReply?: MailAutoReplyInput | null;
}

@InputType({ description: 'Change a mailbox; absent fields stay as they are.' })
export class UpdateMailboxInput {
  @Field(() => ID, { description: 'The mailbox.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'A new password, 10–200 characters.' })
  password?: string | null;

  @Field(() => Float, { nullable: true, description: 'Quota in bytes, 1 MiB – 100 GiB.' })
  quotaBytes?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Logins allowed.' })
  enabled?: boolean | null;

  @Field(() => MailForwardInput, { nullable: true, description: 'The forward (`to: []` removes it).' })
  forward?: MailForwardInput | null;

  @Field(() => MailAutoReplyInput, { nullable: true, description: 'The auto-reply.' })
  autoReply?: MailAutoReplyInput | null;

  @Field(() => Boolean, { nullable: true, description: 'True removes the auto-reply.' })
  removeAutoReply?: boolean | null;
}

@InputType({ description: 'Refer to one mailbox.' })
export class MailboxIdInput {
  @Field(() => ID, { description: 'The mailbox.' })
  id!: string;
}

@ObjectType({ description: 'Result of a mailbox mutation.' })
export class MailboxPayload {
  @Field(() => Mailbox, { nullable: true, description: 'The mailbox, as written (null on userErrors).' })
  mailbox!: Mailbox | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'Create an alias.' })
export class CreateMailAliasInput {
  @Field(() => ID, { description: 'The mail domain.' })
  domainId!: string;

  @Field({ description: 'The local part (rules as a mailbox’s); no mailbox or alias may hold the address.' })
  localPart!: string;

  @Field(() => [String], { description: 'Where its mail goes: 1–50 addresses.' })
  targets!: string[];
}

@InputType({ description: 'Change an alias’s targets.' })
export class UpdateMailAliasInput {
  @Field(() => ID, { description: 'The alias.' })
  id!: string;

  @Field(() => [String], { description: 'Where its mail goes: 1–50 addresses.' })
  targets!: string[];
}

@InputType({ description: 'Refer to one alias.' })
export class MailAliasIdInput {
  @Field(() => ID, { description: 'The alias.' })
  id!: string;
}

@ObjectType({ description: 'Result of an alias mutation.' })
export class MailAliasPayload {
  @Field(() => MailAlias, { nullable: true, description: 'The alias, as written (null on userErrors).' })
  mailAlias!: MailAlias | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}
