// One address, one holder: a mailbox and an alias (live, any domain of the platform) never share
// an address. Checked under a transaction-scoped advisory lock on the address inside the insert's
// transaction, so two concurrent creates of the same address cannot both pass (the partial unique
// indexes catch a race within one table; the lock covers the two tables together) while creates
// of different addresses never wait for each other.
import { UserErrorCode, type UserError } from '@hostplane/schema';
import { userError } from '@hostplane/schema';
import type { Db, DbTx } from '../db/index.js';
import { loopThrough } from './mail-loops.js';
import { addressList } from './mail-validation.js';

const LIVE = { status: { not: 'DELETED' as const } };

/** A refusal found inside the insert's transaction (rolls it back). */
export class AddressRefused extends Error {
  constructor(readonly userErrors: UserError[]) {
    super('refused');
  }
}

/** Locks the address and throws AddressRefused when a live mailbox or alias holds it. */
export async function claimAddress(tx: DbTx, address: string): Promise<void> {
  // The lock function returns void, which the driver adapter cannot read: select a constant beside it.
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`mail-address:${address}`}, 0))) AS l`;
  const mailbox = await tx.mailbox.findFirst({ where: { address, ...LIVE }, select: { id: true } });
  if (mailbox) throw new AddressRefused([userError('localPart', `A mailbox holds ${address}.`, UserErrorCode.TAKEN)]);
  const alias = await tx.mailAlias.findFirst({ where: { address, ...LIVE }, select: { id: true } });
  if (alias) throw new AddressRefused([userError('localPart', `An alias holds ${address}.`, UserErrorCode.TAKEN)]);
}

/**
 * The targets on domains hosted here that no live mailbox or alias holds: the mail node refuses
 * such a spec (the mail would bounce, or fall into a catch-all and loop), so the API refuses them.
 */
export async function unheldHostedTargets(db: Db, targets: readonly string[]): Promise<string[]> {
  if (targets.length === 0) return [];
  const domains = [...new Set(targets.map((t) => t.slice(t.lastIndexOf('@') + 1)))];
  const hosted = await db.mailDomain.findMany({
    where: { name: { in: domains }, ...LIVE_DOMAIN },
    select: { name: true },
  });
  const onHosted = targets.filter((t) => hosted.some((d) => t.endsWith(`@${d.name}`)));
  if (onHosted.length === 0) return [];
  const where = { address: { in: onHosted }, ...WANTED };
  const [boxes, aliases] = await Promise.all([
    db.mailbox.findMany({ where, select: { address: true } }),
    db.mailAlias.findMany({ where, select: { address: true } }),
  ]);
  const held = new Set([...boxes, ...aliases].map((r) => r.address));
  return onHosted.filter((t) => !held.has(t));
}

const LIVE_DOMAIN = { status: { notIn: ['DELETING' as const, 'DELETED' as const] } };
const WANTED = { status: { notIn: ['DELETING' as const, 'DELETED' as const] } };

/**
 * `addressList`, then the hosted targets nothing holds refused at `field`, and, for an alias or
 * forward (`self`), targets that lead back to it.
 */
export async function checkedTargets(
  db: Db,
  raw: readonly string[],
  field: string,
  bounds: { min: 0 | 1; max: number },
  self?: string,
): Promise<{ addresses: string[] } | { errors: UserError[] }> {
  const list = addressList(raw, field, bounds, self);
  if ('errors' in list) return list;
  const [unheld] = await unheldHostedTargets(db, list.addresses);
  if (unheld) return { errors: [userError(field, `No mailbox or alias holds ${unheld}.`)] };
  // An alias's or forward's own address: these targets must not lead back to it.
  const loop = self ? await loopThrough(db, self, list.addresses) : null;
  if (loop) return { errors: [userError(field, `This would make a loop: ${loop.join(' → ')}.`)] };
  return list;
}
