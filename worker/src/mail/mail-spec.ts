// A mail node's whole spec, from the database: every domain of the node's mail shards that is
// (or is about to be) served, their mailboxes and aliases, the catch-alls. A suspended tenant's
// domains stop receiving (4xx: senders retry) and its mailboxes' logins are refused; a tenant,
// domain or mailbox being deleted is out of the spec at once.
import { ApplicationFailure } from '@temporalio/activity';
import type {
  MailAliasSpec,
  MailAutoReplySpec,
  MailboxSpec,
  MailDomainSpec,
  MailNodeSpec,
} from '@hostplane/contract/mail';
import type { Db, ResourceStatus } from '@hostplane/server/db';
import { openDkimKey, type SecretsVault } from '@hostplane/server/secrets';
import { intendsSuspended } from '../activities/tenant-suspension.js';
import { routable } from './routable.js';
import { loadMailTls } from './mail-tls.activities.js';

/** Rows that are, or are about to be, served: not being deleted, and not a FAILED delete (it was asked to go). */
export const WANTED = {
  status: { notIn: ['DELETING' as const, 'DELETED' as const] },
  NOT: { status: 'FAILED' as const, lastOperation: 'DELETE' },
};
const LIVE_TENANT = { status: { notIn: ['DELETING' as const, 'DELETED' as const] } };
const ORDER = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

/** The EMAIL shards a node belongs to. */
export async function mailShardsOf(db: Db, nodeId: string): Promise<string[]> {
  const rows = await db.nodeShard.findMany({
    where: { nodeId, shard: { role: 'EMAIL' } },
    select: { shardId: true },
  });
  return rows.map((r) => r.shardId);
}

interface ServedDomain {
  id: string;
  tenantId: string;
  name: string;
  dkimSelector: string;
  dkimPrivateKeySealed: Uint8Array;
  catchAllTargets: string[];
  tenant: { status: ResourceStatus; lastOperation: string };
}

/** The domains the node serves, with their tenants' suspension. */
function servedDomains(db: Db, shardIds: string[]): Promise<ServedDomain[]> {
  return db.mailDomain.findMany({
    where: { shardId: { in: shardIds }, ...WANTED, tenant: LIVE_TENANT },
    select: {
      id: true,
      tenantId: true,
      name: true,
      dkimSelector: true,
      dkimPrivateKeySealed: true,
      catchAllTargets: true,
      tenant: { select: { status: true, lastOperation: true } },
    },
    orderBy: { name: 'asc' },
  });
}

/** Builds the spec; DKIM keys are opened with the tenants' data keys (the worker holds the master key). */
export async function loadMailNodeSpec(db: Db, vault: SecretsVault | undefined, nodeId: string): Promise<MailNodeSpec> {
  const domains = await servedDomains(db, await mailShardsOf(db, nodeId));
  if (domains.length > 0 && !vault)
    throw ApplicationFailure.nonRetryable(
      'the worker has no HOSTPLANE_SECRETS_KEY to open DKIM keys with',
      'NoSecretsKey',
    );
  const keys = await db.tenantDataKey.findMany({
    where: { tenantId: { in: [...new Set(domains.map((d) => d.tenantId))] } },
  });
  const dataKeys = new Map(keys.map((k) => [k.tenantId, vault!.unwrap(k.tenantId, k)]));
  const suspended = new Set(domains.filter((d) => intendsSuspended(d.tenant)).map((d) => d.id));
  const domainIds = domains.map((d) => d.id);
  const [mailboxes, aliases] = await Promise.all([
    db.mailbox.findMany({ where: { domainId: { in: domainIds }, ...WANTED }, orderBy: ORDER }),
    db.mailAlias.findMany({ where: { domainId: { in: domainIds }, ...WANTED }, orderBy: ORDER }),
  ]);
  const domainSpecs: MailDomainSpec[] = domains.map((d) => {
    const dataKey = dataKeys.get(d.tenantId);
    if (!dataKey) throw ApplicationFailure.nonRetryable(`tenant ${d.tenantId} has no data key`, 'NoDataKey');
    return {
      name: d.name,
      receiving: !suspended.has(d.id),
      dkim: { selector: d.dkimSelector, privateKeyPem: openDkimKey(dataKey, d.id, d.dkimPrivateKeySealed) },
    };
  });
  const mailboxSpecs: MailboxSpec[] = mailboxes.map((m) => ({
    address: m.address,
    passwordHash: m.passwordHash,
    quotaBytes: Number(m.quotaBytes),
    loginEnabled: m.enabled && !suspended.has(m.domainId),
    ...(m.forwardTo.length ? { forward: { to: m.forwardTo, keepCopy: m.forwardKeepCopy } } : {}),
    ...(m.autoReply ? { autoReply: m.autoReply as unknown as MailAutoReplySpec } : {}),
  }));
  const aliasSpecs: MailAliasSpec[] = [
    ...aliases.map((a) => ({ address: a.address, targets: a.targets })),
    ...domains
      .filter((d) => d.catchAllTargets.length)
      .map((d) => ({ address: `@${d.name}`, targets: d.catchAllTargets })),
  ];
  const tls = await loadMailTls(db, vault, nodeId);
  return { ...routable({ domains: domainSpecs, mailboxes: mailboxSpecs, aliases: aliasSpecs }), ...(tls && { tls }) };
}
