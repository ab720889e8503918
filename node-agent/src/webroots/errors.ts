import { NonRetryableError } from '@hostplane/contract/errors';
import type { WebNonRetryableErrorType } from '@hostplane/contract/webroots';

/**
 * A web or load-balancer problem that retrying cannot fix: an invalid spec, a config the
 * service's own checker rejects, a runtime version this node does not have. The activity layer
 * turns it into a non-retryable ApplicationFailure of type `type` carrying the message.
 */
export class WebError extends NonRetryableError {
  override readonly name = 'WebError';
  constructor(
    override readonly type: WebNonRetryableErrorType,
    message: string,
  ) {
    super(type, message);
  }
}
