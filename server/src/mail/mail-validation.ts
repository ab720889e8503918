// Field checks of the mail inputs, before anything is read or written: the contract's address
// rules (the agent checks the same again before writing a map), and the bounds the API promises.
import { userError, type UserError } from '@hostplane/schema';
import type { MailAutoReplySpec } from '@hostplane/contract/mail';
import { localPartProblem, MAX_MAIL_TARGETS, mailTargetsProblem } from '@hostplane/contract/mail/addresses';
import { autoReplyProblem } from '@hostplane/contract/mail/auto-reply';

export const MIB = 1024 * 1024;
export const MIN_QUOTA_BYTES = MIB;
export const MAX_QUOTA_BYTES = 100 * 1024 * MIB;
export const DEFAULT_QUOTA_BYTES = 1024 * MIB;
export const MAX_ALIAS_TARGETS = MAX_MAIL_TARGETS;
export const MAX_FORWARD_TARGETS = 20;

export const localPartErrors = (local: string): UserError[] => {
  const problem = localPartProblem(local);
  return problem ? [userError('localPart', problem)] : [];
};

export function passwordErrors(password: string | null | undefined, field = 'password'): UserError[] {
  if (password == null) return [];
  if (password.length < 10 || password.length > 200) return [userError(field, 'A password has 10 to 200 characters.')];
  // Dovecot's passwd-file and SASL take any byte but NUL; control characters are only typos.
  if (/[\x00-\x1f\x7f]/.test(password)) return [userError(field, 'A password holds no control characters.')];
  return [];
}

export function quotaErrors(quota: number | null | undefined): UserError[] {
  if (quota == null) return [];
  if (!Number.isInteger(quota) || quota < MIN_QUOTA_BYTES || quota > MAX_QUOTA_BYTES)
    return [
      userError(
        'quotaBytes',
        `A quota is a whole number of bytes from ${MIN_QUOTA_BYTES} (1 MiB) to ${MAX_QUOTA_BYTES} (100 GiB).`,
      ),
    ];
  return [];
}

/** Addresses as stored (trimmed, lowercase, each once), checked by the contract's target rules; or the problem at `field`. */
export function addressList(
  raw: readonly string[],
  field: string,
  bounds: { min: 0 | 1; max: number },
  self = '',
): { addresses: string[] } | { errors: UserError[] } {
  const addresses = [...new Set(raw.map((a) => a.trim().toLowerCase()))];
  if (addresses.length === 0 && bounds.min === 0) return { addresses };
  const problem = mailTargetsProblem(self, addresses, bounds.max);
  return problem ? { errors: [userError(field, problem)] } : { addresses };
}

export interface AutoReplyFields {
  subject: string;
  body: string;
  startDate?: string | null | undefined;
  endDate?: string | null | undefined;
  intervalDays?: number | null | undefined;
}

/** The auto-reply as the node spec carries it, or its problem (fields under `autoReply.`), by the contract's rules. */
export function autoReplyOf(input: AutoReplyFields): { autoReply: MailAutoReplySpec } | { errors: UserError[] } {
  const autoReply: MailAutoReplySpec = {
    subject: input.subject.trim(),
    body: input.body,
    ...(input.startDate ? { startDate: input.startDate } : {}),
    ...(input.endDate ? { endDate: input.endDate } : {}),
    intervalDays: input.intervalDays ?? 7,
  };
  const problem = autoReplyProblem(autoReply);
  return problem ? { errors: [userError(`autoReply.${problem.field}`, problem.message)] } : { autoReply };
}
