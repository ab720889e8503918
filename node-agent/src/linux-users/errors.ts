import type { NodeNonRetryableErrorType } from '@hostplane/contract/node';
import { NonRetryableError } from '@hostplane/contract/errors';

/**
 * A tenant account problem that retrying cannot fix (a name or UID held by someone else, a
 * malformed spec). The activity layer turns it into a non-retryable ApplicationFailure whose
 * `type` is `type`, so the workflow can report the message as the tenant's statusMessage.
 */
export class TenantUserError extends NonRetryableError {
  override readonly name = 'TenantUserError';
  constructor(
    override readonly type: NodeNonRetryableErrorType,
    message: string,
  ) {
    super(type, message);
  }
}
