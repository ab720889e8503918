import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Node } from '../common/node.js';
import { AsyncResource, type OwnedResourceRecord } from '../resources/async-resource.type.js';

/** How a tenant's SSH keys log in. */
export enum SshAccess {
  SHELL = 'SHELL',
  SFTP_ONLY = 'SFTP_ONLY',
}
registerEnumType(SshAccess, {
  name: 'SshAccess',
  description:
    'SHELL: a login shell (and SFTP) as the tenant’s Linux user. SFTP_ONLY: SFTP alone, chrooted to a folder holding only the tenant’s webroots (at `/webroots`); no shell, no commands.',
});

/** A row of the SSH keys table, as the SSH keys port hands it out. */
export interface SshKeyRecord extends OwnedResourceRecord {
  name: string;
  publicKey: string;
  keyType: string;
  bits: number;
  fingerprint: string;
  comment: string | null;
}

/** Where a node's sshd answers a tenant, as the SSH keys port hands it out. */
export interface SshEndpointRecord {
  nodeId: string;
  address: string;
  port: number;
  username: string;
  hostKeys: Array<{ type: string; fingerprint: string }>;
}

@ObjectType({
  implements: [Node, AsyncResource],
  description:
    'A public key a tenant logs in with over SSH and SFTP (as its Linux account, `Tenant.name`), on every node of its web shard. Keys only: the nodes’ sshd takes no passwords, no root, no forwarding.',
})
export class SshKey extends AsyncResource {
  @Field({ description: 'A label for people (`laptop`, `ci`).' })
  name!: string;

  @Field({ description: 'The key as stored: `<type> <base64>` (its comment apart).' })
  publicKey!: string;

  @Field({ description: 'Key type: `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`, …' })
  keyType!: string;

  @Field(() => Int, { description: 'Key size in bits.' })
  bits!: number;

  @Field({ description: 'OpenSSH’s `SHA256:…` fingerprint (what `ssh-keygen -lf key.pub` prints).' })
  fingerprint!: string;

  @Field(() => String, { nullable: true, description: 'The comment the key came with (often `user@host`).' })
  comment!: string | null;

  @Field({ description: 'When the key was added.' })
  createdAt!: Date;

  @Field({ description: 'When the key row last changed.' })
  updatedAt!: Date;
}

export const SshKeyConnection = ConnectionType(SshKey, 'SshKey');

@ObjectType({
  description: 'A host key of a node’s sshd: compare it with what your SSH client shows on first connect.',
})
export class SshHostKey {
  @Field({ description: '`ssh-ed25519`, `ecdsa-sha2-nistp256`.' })
  type!: string;

  @Field({ description: 'OpenSSH’s `SHA256:…` fingerprint.' })
  fingerprint!: string;
}

@ObjectType({
  description:
    'Where a tenant logs in over SSH/SFTP: `ssh -p <port> <username>@<address>`. Known once the node’s agent has synced one of the tenant’s keys.',
})
export class SshEndpoint {
  @Field({ description: 'The node’s address.' })
  address!: string;

  @Field(() => Int, { description: 'The port of the node’s sshd.' })
  port!: number;

  @Field({ description: 'The account to log in as (the tenant’s Linux user).' })
  username!: string;

  @Field(() => [SshHostKey], { description: 'The fingerprints of the node’s host keys.' })
  hostKeys!: SshHostKey[];
}
