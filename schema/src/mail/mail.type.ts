import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Node } from '../common/node.js';
import { AsyncResource, type OwnedResourceRecord } from '../resources/async-resource.type.js';

/** A row of the mail domains table, as the mail port hands it out (never the private key). */
export interface MailDomainRecord extends OwnedResourceRecord {
  zoneId: string;
  name: string;
  dkimSelector: string;
  dkimPublicKey: string;
  catchAllTargets: string[];
}

/** An auto-reply as stored (Sieve vacation). */
export interface MailAutoReplyRecord {
  subject: string;
  body: string;
  startDate: string | null;
  endDate: string | null;
  intervalDays: number;
}

/** A row of the mailboxes table, as the mail port hands it out (never the password hash). */
export interface MailboxRecord extends OwnedResourceRecord {
  domainId: string;
  localPart: string;
  address: string;
  quotaBytes: number;
  enabled: boolean;
  forwardTo: string[];
  forwardKeepCopy: boolean;
  autoReply: MailAutoReplyRecord | null;
}

/** A row of the mail aliases table, as the mail port hands it out. */
export interface MailAliasRecord extends OwnedResourceRecord {
  domainId: string;
  localPart: string;
  address: string;
  targets: string[];
}

/** Where a mail node answers (its MX host name and ports). */
export interface MailServerRecord {
  hostname: string;
  address: string;
  smtpPort: number;
  submissionPort: number;
  imapPort: number;
}

@ObjectType({ description: 'A mail node serving a domain: where clients submit (SMTP AUTH) and read (IMAP).' })
export class MailServer {
  @Field({ description: 'Its host name (what the MX record names).' })
  hostname!: string;

  @Field({ description: 'Its address.' })
  address!: string;

  @Field(() => Int, { description: 'Incoming SMTP (port 25 in production).' })
  smtpPort!: number;

  @Field(() => Int, { description: 'Submission with authentication (587).' })
  submissionPort!: number;

  @Field(() => Int, { description: 'IMAP.' })
  imapPort!: number;
}

@ObjectType({
  implements: [Node, AsyncResource],
  description:
    'Mail on a DNS zone the tenant holds here (the zone’s apex is the domain): the platform writes MX, SPF, DKIM and DMARC as managed records of the zone, and signs submitted mail with the domain’s DKIM key.',
})
export class MailDomain extends AsyncResource {
  @Field({ description: 'The domain (`example.com`), the zone’s name.' })
  name!: string;

  @Field({ description: 'The DKIM selector: the key is published at `<selector>._domainkey.<domain>`.' })
  dkimSelector!: string;

  @Field({
    description: 'The DKIM public key (SubjectPublicKeyInfo, base64). The private key never leaves the platform.',
  })
  dkimPublicKey!: string;

  @Field(() => [String], {
    description:
      'Where mail to any address of the domain that no mailbox or alias holds goes; empty: such mail bounces.',
  })
  catchAllTargets!: string[];

  @Field({ description: 'When mail was enabled on the domain.' })
  createdAt!: Date;

  @Field({ description: 'When the row last changed.' })
  updatedAt!: Date;
}

export const MailDomainConnection = ConnectionType(MailDomain, 'MailDomain');

@ObjectType({ description: 'An auto-reply (Sieve vacation), answered at most once per sender per `intervalDays`.' })
export class MailAutoReply {
  @Field({ description: 'Subject of the reply.' })
  subject!: string;

  @Field({ description: 'Plain-text body of the reply.' })
  body!: string;

  @Field(() => String, { nullable: true, description: 'First day it answers (`YYYY-MM-DD`, UTC); null: from now.' })
  startDate!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day it answers (`YYYY-MM-DD`, UTC); null: until removed.' })
  endDate!: string | null;

  @Field(() => Int, { description: 'Days before the same sender is answered again (1–30).' })
  intervalDays!: number;
}

@ObjectType({
  implements: [Node, AsyncResource],
  description:
    'A mailbox: IMAP and authenticated submission with its address as login. Its password is write-only (stored as an Argon2id hash, never returned).',
})
export class Mailbox extends AsyncResource {
  @Field({ description: 'The local part (`alice`).' })
  localPart!: string;

  @Field({ description: 'The address and login (`alice@example.com`).' })
  address!: string;

  @Field(() => Float, { description: 'Storage quota in bytes: mail over it bounces.' })
  quotaBytes!: number;

  @Field({ description: 'Logins allowed (mail is delivered either way).' })
  enabled!: boolean;

  @Field(() => [String], { description: 'Forward targets; empty: no forward.' })
  forwardTo!: string[];

  @Field({ description: 'A forward keeps a copy in this mailbox too.' })
  forwardKeepCopy!: boolean;

  @Field(() => MailAutoReply, { nullable: true, description: 'Its auto-reply, if any.' })
  autoReply!: MailAutoReply | null;

  @Field({ description: 'When the mailbox was created.' })
  createdAt!: Date;

  @Field({ description: 'When the row last changed.' })
  updatedAt!: Date;
}

export const MailboxConnection = ConnectionType(Mailbox, 'Mailbox');

@ObjectType({
  implements: [Node, AsyncResource],
  description: 'An alias: mail to its address goes to each target (mailboxes here or outside addresses).',
})
export class MailAlias extends AsyncResource {
  @Field({ description: 'The local part (`sales`).' })
  localPart!: string;

  @Field({ description: 'The address (`sales@example.com`).' })
  address!: string;

  @Field(() => [String], { description: 'Where its mail goes (1–50 addresses).' })
  targets!: string[];

  @Field({ description: 'When the alias was created.' })
  createdAt!: Date;

  @Field({ description: 'When the row last changed.' })
  updatedAt!: Date;
}

export const MailAliasConnection = ConnectionType(MailAlias, 'MailAlias');
