import type { NodeNonRetryableErrorType } from '../contract.js';
import { NonRetryableError } from '../non-retryable-error.js';

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
