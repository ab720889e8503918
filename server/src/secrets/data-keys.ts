import { Prisma, type Db, type DbTx } from '../db/index.js';
import type { SecretsVault } from './vault.js';

/**
 * The tenant's data key in clear, made (and stored wrapped) on its first secret. Inside the
 * caller's transaction; a concurrent first secret of the same tenant loses the insert race and
 * reads the winner's key.
 */
export async function dataKeyOf(tx: DbTx, vault: SecretsVault, tenantId: string): Promise<Buffer> {
  const existing = await tx.tenantDataKey.findUnique({ where: { tenantId } });
  if (existing) return vault.unwrap(tenantId, existing);
  const made = vault.newDataKey(tenantId);
  const inserted = await tx.$queryRaw<Array<{ tenantId: string }>>(Prisma.sql`
    INSERT INTO "TenantDataKey" ("tenantId", "wrappedKey", "masterKeyId")
    VALUES (${tenantId}::uuid, ${Buffer.from(made.wrappedKey)}, ${made.masterKeyId})
    ON CONFLICT ("tenantId") DO NOTHING RETURNING "tenantId"`);
  if (inserted.length > 0) return vault.unwrap(tenantId, made);
  return vault.unwrap(tenantId, await tx.tenantDataKey.findUniqueOrThrow({ where: { tenantId } }));
}

/**
 * Master key rotation: every data key wrapped by an older master key (one listed in
 * HOSTPLANE_SECRETS_DECRYPT_KEYS) is re-wrapped by the current one — the tenants', the ACME
 * accounts' and the mail nodes' certificates' (each of those keys has a data key of its own). Values are untouched. Runs at the
 * API's start; returns how many keys it re-wrapped.
 */
export async function rewrapDataKeys(db: Db, vault: SecretsVault): Promise<number> {
  // Only keys an older master key we hold wrapped: one of an unknown key stays as it is (and
  // fails, with its key id, where it is opened) rather than stop the API's start.
  const older = { masterKeyId: { in: [...vault.olderKeyIds] } };
  const stale = await db.tenantDataKey.findMany({ where: older });
  for (const row of stale) {
    const next = vault.rewrap(row.tenantId, row)!;
    await db.tenantDataKey.updateMany({
      where: { tenantId: row.tenantId, masterKeyId: row.masterKeyId },
      data: { wrappedKey: new Uint8Array(next.wrappedKey), masterKeyId: next.masterKeyId, rewrappedAt: new Date() },
    });
  }
  const accounts = await db.acmeAccount.findMany({ where: older });
  for (const row of accounts) {
    // The account's data key is bound to its place, not to a tenant (worker/src/certificates/acme.ts).
    const next = vault.rewrap(acmeAccountPlace(row.directoryUrl), row)!;
    await db.acmeAccount.updateMany({
      where: { directoryUrl: row.directoryUrl, masterKeyId: row.masterKeyId },
      data: { wrappedKey: new Uint8Array(next.wrappedKey), masterKeyId: next.masterKeyId },
    });
  }
  const mailCertificates = await db.mailNodeCertificate.findMany({ where: older });
  for (const row of mailCertificates) {
    const next = vault.rewrap(mailTlsPlace(row.nodeId), row)!;
    await db.mailNodeCertificate.updateMany({
      where: { nodeId: row.nodeId, masterKeyId: row.masterKeyId },
      data: { wrappedKey: new Uint8Array(next.wrappedKey), masterKeyId: next.masterKeyId },
    });
  }
  return stale.length + accounts.length + mailCertificates.length;
}

/** What an ACME account's data key and sealed key are bound to (never a tenant id: those are UUIDs). */
export const acmeAccountPlace = (directoryUrl: string) => `acme-account:${directoryUrl}`;

/** What a mail node's certificate key and its data key are bound to (worker/src/mail/mail-tls.activities.ts). */
export const mailTlsPlace = (nodeId: string) => `mail-tls:${nodeId}`;
