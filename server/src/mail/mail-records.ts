// Rows of the mail tables as the mail port hands them out. Built field by field: the sealed DKIM
// key and the password hash never enter a record, so no resolver, log or audit entry can show them.
import type { MailAliasRecord, MailAutoReplyRecord, MailboxRecord, MailDomainRecord } from '@hostplane/schema';
import type { MailAutoReplySpec } from '@hostplane/contract/mail';

type Owned = {
  id: string;
  tenantId: string;
  status: string;
  statusMessage: string | null;
  lastOperation: string;
  createdAt: Date;
  updatedAt: Date;
  tenant: { brandId: string };
};

const owned = (row: Owned) => ({
  id: row.id,
  tenantId: row.tenantId,
  brandId: row.tenant.brandId,
  status: row.status as MailDomainRecord['status'],
  statusMessage: row.statusMessage,
  lastOperation: row.lastOperation,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export const withBrand = { tenant: { select: { brandId: true } } } as const;

export function domainRecord(
  row: Owned & { zoneId: string; name: string; dkimSelector: string; dkimPublicKey: string; catchAllTargets: string[] },
): MailDomainRecord {
  return {
    ...owned(row),
    zoneId: row.zoneId,
    name: row.name,
    dkimSelector: row.dkimSelector,
    dkimPublicKey: row.dkimPublicKey,
    catchAllTargets: row.catchAllTargets,
  };
}

export function mailboxRecord(
  row: Owned & {
    domainId: string;
    localPart: string;
    address: string;
    quotaBytes: bigint;
    enabled: boolean;
    forwardTo: string[];
    forwardKeepCopy: boolean;
    autoReply: unknown;
  },
): MailboxRecord {
  const reply = row.autoReply as MailAutoReplySpec | null;
  const autoReply: MailAutoReplyRecord | null = reply
    ? {
        subject: reply.subject,
        body: reply.body,
        startDate: reply.startDate ?? null,
        endDate: reply.endDate ?? null,
        intervalDays: reply.intervalDays,
      }
    : null;
  return {
    ...owned(row),
    domainId: row.domainId,
    localPart: row.localPart,
    address: row.address,
    quotaBytes: Number(row.quotaBytes),
    enabled: row.enabled,
    forwardTo: row.forwardTo,
    forwardKeepCopy: row.forwardKeepCopy,
    autoReply,
  };
}

export function aliasRecord(
  row: Owned & { domainId: string; localPart: string; address: string; targets: string[] },
): MailAliasRecord {
  return {
    ...owned(row),
    domainId: row.domainId,
    localPart: row.localPart,
    address: row.address,
    targets: row.targets,
  };
}
