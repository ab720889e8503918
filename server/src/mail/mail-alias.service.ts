import {
  UserErrorCode,
  type CreateMailAliasInput,
  type MailAliasMutationResult,
  type UpdateMailAliasInput,
  type UserError,
  type Viewer,
} from '@hostplane/schema';
import { isMailAddress } from '@hostplane/contract/mail/addresses';
import { insertWithEvent, isUniqueViolation } from '../data-stores/insert.js';
import { isGone } from '../resources/gone.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import type { ServiceDeps } from '../services.js';
import { AddressRefused, checkedTargets, claimAddress } from './mail-address-claims.js';
import type { MailReads } from './mail-reads.js';
import { localPartErrors, MAX_ALIAS_TARGETS } from './mail-validation.js';

type Result = MailAliasMutationResult;
const invalid = (userErrors: UserError[]): Result => ({ mailAlias: null, userErrors });
const BOUNDS = { min: 1 as const, max: MAX_ALIAS_TARGETS };

/** Aliases: create (the address free of any mailbox or alias, 1–50 targets), targets' update, delete, retry. */
export class MailAliasService {
  private readonly kit;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly reads: MailReads,
  ) {
    this.kit = lifecycleOf(deps, 'MailAlias', (id) => reads.aliasById(id), {
      scope: 'mail:write',
      find: (viewer, id) => reads.findAlias(viewer, id),
      notFound: 'Alias not found.',
    });
  }

  async create(viewer: Viewer, input: CreateMailAliasInput): Promise<Result> {
    viewer.require('mail:write');
    const domain = await this.reads.findDomain(viewer, input.domainId);
    if (!domain) return refuse('mailAlias', 'domainId', 'Mail domain not found.', UserErrorCode.NOT_FOUND);
    if (isGone(domain.status))
      return refuse(
        'mailAlias',
        'domainId',
        `Mail domain ${domain.name} is ${domain.status}.`,
        UserErrorCode.INVALID_STATE,
      );
    const localPart = input.localPart.trim();
    const address = `${localPart}@${domain.name}`;
    const localErrors = localPartErrors(localPart);
    if (localErrors.length) return invalid(localErrors);
    if (!isMailAddress(address)) return refuse('mailAlias', 'localPart', `${address} is not a mail address.`);
    const targets = await checkedTargets(this.deps.db, input.targets, 'targets', BOUNDS, address);
    if ('errors' in targets) return invalid(targets.errors);
    try {
      const row = await insertWithEvent(this.deps.db, 'MailAlias', domain.brandId, async (tx) => {
        await claimAddress(tx, address);
        return tx.mailAlias.create({
          data: { tenantId: domain.tenantId, domainId: domain.id, localPart, address, targets: targets.addresses },
        });
      });
      return this.kit.started(row.id, 'CREATE');
    } catch (error) {
      if (error instanceof AddressRefused) return invalid(error.userErrors);
      if (isUniqueViolation(error))
        return refuse('mailAlias', 'localPart', `${address} is already taken.`, UserErrorCode.TAKEN);
      throw error;
    }
  }

  async update(viewer: Viewer, input: UpdateMailAliasInput): Promise<Result> {
    const found = await this.kit.find(viewer, input.id);
    if ('refused' in found) return found.refused;
    const targets = await checkedTargets(this.deps.db, input.targets, 'targets', BOUNDS, found.row.address);
    if ('errors' in targets) return invalid(targets.errors);
    if (JSON.stringify(targets.addresses) === JSON.stringify(found.row.targets))
      return { mailAlias: found.row, userErrors: [] };
    return this.kit.operate(found.row, 'UPDATE', { data: { targets: targets.addresses } });
  }

  delete = (viewer: Viewer, id: string) => this.kit.operateById(viewer, id, 'DELETE');
  retry = (viewer: Viewer, id: string) => this.kit.retry(viewer, id);
}
