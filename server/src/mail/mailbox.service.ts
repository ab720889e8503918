import {
  UserErrorCode,
  userError,
  type CreateMailboxInput,
  type MailboxMutationResult,
  type MailForwardInput,
  type UpdateMailboxInput,
  type UserError,
  type Viewer,
} from '@hostplane/schema';
import { isMailAddress } from '@hostplane/contract/mail/addresses';
import { Prisma, type Db } from '../db/index.js';
import { insertWithEvent, isUniqueViolation } from '../data-stores/insert.js';
import { QuotaExceeded } from '../plans/quota.js';
import { isGone } from '../resources/gone.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import type { ServiceDeps } from '../services.js';
import { AddressRefused, checkedTargets, claimAddress } from './mail-address-claims.js';
import type { MailReads } from './mail-reads.js';
import { dovecotArgon2id } from './mail-secrets.js';
import {
  autoReplyOf,
  DEFAULT_QUOTA_BYTES,
  localPartErrors,
  MAX_FORWARD_TARGETS,
  passwordErrors,
  quotaErrors,
} from './mail-validation.js';

type Result = MailboxMutationResult;
const invalid = (userErrors: UserError[]): Result => ({ mailbox: null, userErrors });

/** The forward's columns, or its problems (`to: []` clears it). */
async function forwardColumns(db: Db, forward: MailForwardInput, self: string) {
  const to = await checkedTargets(db, forward.to, 'forward.to', { min: 0, max: MAX_FORWARD_TARGETS }, self);
  if ('errors' in to) return to;
  return { columns: { forwardTo: to.addresses, forwardKeepCopy: forward.keepCopy ?? true } };
}

/**
 * Mailboxes: create (field checks, the address free of any mailbox or alias, the password hashed
 * before the insert: only Dovecot's Argon2id form is stored), update (password, quota, enabled,
 * forward, auto-reply), delete, retry. Each change re-applies the domain's mail nodes.
 */
export class MailboxService {
  private readonly kit;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly reads: MailReads,
  ) {
    this.kit = lifecycleOf(deps, 'Mailbox', (id) => reads.mailboxById(id), {
      scope: 'mail:write',
      find: (viewer, id) => reads.findMailbox(viewer, id),
      notFound: 'Mailbox not found.',
    });
  }

  async create(viewer: Viewer, input: CreateMailboxInput): Promise<Result> {
    viewer.require('mail:write');
    const domain = await this.reads.findDomain(viewer, input.domainId);
    if (!domain) return refuse('mailbox', 'domainId', 'Mail domain not found.', UserErrorCode.NOT_FOUND);
    if (isGone(domain.status))
      return refuse(
        'mailbox',
        'domainId',
        `Mail domain ${domain.name} is ${domain.status}.`,
        UserErrorCode.INVALID_STATE,
      );
    const localPart = input.localPart.trim();
    const address = `${localPart}@${domain.name}`;
    const errors = [...localPartErrors(localPart), ...passwordErrors(input.password), ...quotaErrors(input.quotaBytes)];
    if (errors.length === 0 && !isMailAddress(address))
      errors.push(userError('localPart', `${address} is not a mail address.`));
    if (errors.length) return invalid(errors);
    const forward = input.forward ? await forwardColumns(this.deps.db, input.forward, address) : { columns: {} };
    if ('errors' in forward) return invalid(forward.errors);
    const reply = input.autoReply ? autoReplyOf(input.autoReply) : null;
    if (reply && 'errors' in reply) return invalid(reply.errors);
    const passwordHash = await dovecotArgon2id(input.password);
    try {
      const row = await insertWithEvent(this.deps.db, 'Mailbox', domain.brandId, async (tx) => {
        await claimAddress(tx, address);
        return tx.mailbox.create({
          data: {
            tenantId: domain.tenantId,
            domainId: domain.id,
            localPart,
            address,
            passwordHash,
            quotaBytes: BigInt(input.quotaBytes ?? DEFAULT_QUOTA_BYTES),
            enabled: input.enabled ?? true,
            ...forward.columns,
            ...(reply ? { autoReply: { ...reply.autoReply } } : {}),
          },
        });
      });
      return this.kit.started(row.id, 'CREATE');
    } catch (error) {
      if (error instanceof AddressRefused) return invalid(error.userErrors);
      if (error instanceof QuotaExceeded) return error.refusal('mailbox');
      if (isUniqueViolation(error))
        return refuse('mailbox', 'localPart', `${address} is already taken.`, UserErrorCode.TAKEN);
      throw error;
    }
  }

  /** What changes is written with the move to PENDING; nothing given changes nothing. */
  async update(viewer: Viewer, input: UpdateMailboxInput): Promise<Result> {
    const found = await this.kit.find(viewer, input.id);
    if ('refused' in found) return found.refused;
    const errors = [...passwordErrors(input.password), ...quotaErrors(input.quotaBytes)];
    if (errors.length) return invalid(errors);
    const data: Record<string, unknown> = {};
    if (input.forward) {
      const forward = await forwardColumns(this.deps.db, input.forward, found.row.address);
      if ('errors' in forward) return invalid(forward.errors);
      Object.assign(data, forward.columns);
    }
    if (input.autoReply && input.removeAutoReply)
      return refuse('mailbox', 'removeAutoReply', 'Give an auto-reply or remove it, not both.');
    if (input.autoReply) {
      const reply = autoReplyOf(input.autoReply);
      if ('errors' in reply) return invalid(reply.errors);
      data.autoReply = { ...reply.autoReply };
    }
    // A JSON column's SQL NULL (plain null would be the JSON value null).
    if (input.removeAutoReply) data.autoReply = Prisma.DbNull;
    if (input.quotaBytes != null) data.quotaBytes = BigInt(input.quotaBytes);
    if (input.enabled != null) data.enabled = input.enabled;
    if (input.password != null) data.passwordHash = await dovecotArgon2id(input.password);
    if (Object.keys(data).length === 0) return { mailbox: found.row, userErrors: [] };
    return this.kit.operate(found.row, 'UPDATE', { data });
  }

  delete = (viewer: Viewer, id: string) => this.kit.operateById(viewer, id, 'DELETE');
  retry = (viewer: Viewer, id: string) => this.kit.retry(viewer, id);
}
