import type { Logger } from 'pino';
import { NonRetryableError } from '@hostplane/contract/errors';
import type { SshActivities, SshEndpoint, TenantSshKeys } from '@hostplane/contract/ssh';
import { parseSshPublicKey } from '@hostplane/contract/ssh/key-format';
import { runCommand } from '../linux-users/run-command.js';
import { reconcile } from '../reconcile.js';
import type { KeyFiles } from './key-files.js';
import { authorizedKeyLine } from './sshd-config.js';

/** pkill's "no process matched", and its "syntax error" (which an unknown user name is). */
const NO_PROCESS = 1;
const BAD_ARGUMENT = 2;

/**
 * Ends the account's SSH and SFTP sessions: each runs in an `sshd` process of the tenant's UID
 * (privilege separation), whose end closes the connection and hangs up its shell. An account
 * without a Linux user (a leftover key file of a tenant gone from this node) has no session.
 */
export async function endSessions(account: string): Promise<boolean> {
  const { exitCode, stderr } = await runCommand(
    'pkill',
    ['-KILL', '-u', account, '-x', 'sshd'],
    [0, NO_PROCESS, BAD_ARGUMENT],
  );
  if (exitCode === BAD_ARGUMENT && !/invalid user name/.test(stderr)) {
    throw new Error(`pkill -u ${account} failed: ${stderr.trim()}`);
  }
  return exitCode === 0;
}

/** The file's content for a tenant's keys, each re-checked here: the agent writes no line it did not parse. */
export function keyFileContent(spec: TenantSshKeys): string {
  return spec.keys
    .map((key) => {
      const parsed = parseSshPublicKey(key.publicKey);
      if ('problem' in parsed) throw new NonRetryableError('InvalidSshKey', `key ${key.id}: ${parsed.problem}`);
      if (!/^[0-9a-f-]{36}$/.test(key.id)) throw new NonRetryableError('InvalidSshKey', `bad key id ${key.id}`);
      return `${authorizedKeyLine({ id: key.id, publicKey: parsed.key.publicKey })}\n`;
    })
    .join('');
}

/** Who may only use SFTP on this node: the sshd config's Match block and the jails (./start.ts). */
export interface SftpAccess {
  /** The accounts that are SFTP-only here. */
  accounts(): string[];
  /** Makes `account` SFTP-only (chrooted) or not; true when that changed anything. */
  set(account: string, sftpOnly: boolean): Promise<boolean>;
}

/**
 * The tenants' SSH keys on this node. Each call carries the tenant's whole key list (from the
 * database), so a retry or a reordered call converges on what the database says.
 */

export function createSshActivities(
  files: KeyFiles,
  access: SftpAccess,
  endpoint: SshEndpoint,
  logger: Logger,
): SshActivities {
  /** The tenant's key file and access as `spec` says; true when anything changed. */
  const apply = async (spec: TenantSshKeys): Promise<boolean> => {
    const content = spec.suspended ? '' : keyFileContent(spec);
    // The chroot before the keys: a key never logs in under the access it no longer has.
    const accessChanged = await access.set(spec.tenant, spec.sftpOnly);
    let changed = content ? await files.write(spec.tenant, spec.uid, content) : await files.remove(spec.tenant);
    changed ||= accessChanged;
    // After the file is gone (or the access narrowed): no session goes on with what it no longer has.
    if (spec.suspended || (accessChanged && spec.sftpOnly)) changed = (await endSessions(spec.tenant)) || changed;
    return changed;
  };
  /** Nothing of the account's SSH access is left on the node; true when something was. */
  const forget = async (tenant: string): Promise<boolean> => {
    const removed = await files.remove(tenant);
    const ended = await endSessions(tenant);
    const unjailed = await access.set(tenant, false);
    return removed || ended || unjailed;
  };
  return {
    ensureTenantSshKeys: (spec) =>
      reconcile(logger, 'ensureTenantSshKeys', { tenantUser: spec.tenant, keys: spec.keys.length }, async () => ({
        changed: await apply(spec),
        endpoint,
      })),
    removeTenantSshKeys: ({ tenant }) =>
      reconcile(logger, 'removeTenantSshKeys', { tenantUser: tenant }, async () => ({
        changed: await forget(tenant),
        endpoint,
      })),
    convergeSshKeys: ({ tenants, others }) =>
      reconcile(logger, 'convergeSshKeys', { tenants: tenants.length }, async () => {
        const repaired: string[] = [];
        for (const spec of tenants) if (await apply(spec)) repaired.push(spec.tenant);
        const wanted = new Set([...tenants.map((t) => t.tenant), ...others]);
        const held = new Set([...(await files.accounts()), ...access.accounts()]);
        const removed: string[] = [];
        for (const account of [...held].filter((a) => !wanted.has(a)).sort()) {
          if (await forget(account)) removed.push(account);
        }
        return { changed: repaired.length + removed.length > 0, repaired, removed, endpoint };
      }),
  };
}
