// Tenants' SSH access on a node: what the workflows send the node agent and what it answers.
// Plain data and types only: the workflows import this inside their deterministic bundle (the
// key parser, which hashes, is ./ssh-key-format.ts).

/** One authorized key of a tenant, as the node agent writes it (re-validated there). */
export interface AuthorizedSshKey {
  /** The SshKey row id: the key's comment in the written file (never the user's own comment). */
  id: string;
  /** `<type> <base64>` as the API normalized it. */
  publicKey: string;
}

/**
 * Every key a tenant may log in with on a node: what `ensureTenantSshKeys` makes true. No keys,
 * or `suspended`: no key file at all (nobody logs in), and a suspended tenant's open sessions end.
 */
export interface TenantSshKeys {
  /** The tenant's Linux account (Tenant.name). */
  tenant: string;
  uid: number;
  keys: AuthorizedSshKey[];
  suspended: boolean;
  /** SFTP only (Tenant.sshAccess SFTP_ONLY): no shell, chrooted to a root-owned folder holding its webroots. */
  sftpOnly: boolean;
}

/** A host key of a node's sshd, so users can check what their client is shown on first connect. */
export interface SshHostKey {
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`. */
  type: string;
  /** OpenSSH's `SHA256:…` form (what `ssh` prints). */
  fingerprint: string;
}

/** Where a node's sshd answers and how it proves itself. */
export interface SshEndpoint {
  address: string;
  port: number;
  hostKeys: SshHostKey[];
}

/** What each SSH activity answers: whether it changed the node, and the node's sshd. */
export interface SshKeysResult {
  changed: boolean;
  endpoint: SshEndpoint;
}

/** Failure types of the SSH activities that no retry can fix (a key the agent refuses). */
export const SSH_ERROR_TYPES = ['InvalidSshKey'] as const;

/** The node agent's SSH activities (task queue `node-<id>`), as workflows proxy them. */
export interface SshActivities {
  /** Writes the tenant's whole key file (root-owned; none when empty or suspended); a suspension also ends its sessions. */
  ensureTenantSshKeys(spec: TenantSshKeys): Promise<SshKeysResult>;
  /** Forgets a deleted tenant's keys and ends its sessions. */
  removeTenantSshKeys(input: { tenant: string }): Promise<SshKeysResult>;
  /**
   * A shard convergence's step: every ready tenant of the shard as `ensureTenantSshKeys` writes
   * it, `others` (tenants still being made: their own workflows write them) left as they are, and
   * whatever else the node holds (key files, SFTP jails of accounts in neither list) removed.
   */
  convergeSshKeys(input: { tenants: TenantSshKeys[]; others: string[] }): Promise<SshConvergeResult>;
}

/** What a node's SSH convergence did. */
export interface SshConvergeResult extends SshKeysResult {
  /** Tenants whose key file or access had to be written again. */
  repaired: string[];
  /** Accounts the node held a key file or jail for that the shard no longer has. */
  removed: string[];
}
