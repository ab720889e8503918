import type { NodeNonRetryableErrorType } from '../contract.js';

/**
 * A tenant account problem that retrying cannot fix (a name or UID held by someone else, a
 * malformed spec). The activity layer turns it into a non-retryable ApplicationFailure whose
 * `type` is `type`, so the workflow can report the message as the tenant's statusMessage.
 */
export class TenantUserError extends Error {
  override readonly name = 'TenantUserError';
  constructor(
    readonly type: NodeNonRetryableErrorType,
    message: string,
  ) {
    super(message);
  }
}
