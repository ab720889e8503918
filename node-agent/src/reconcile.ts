import { ApplicationFailure } from '@temporalio/activity';
import type { Logger } from 'pino';
import { NonRetryableError } from '@hostplane/contract/errors';

export interface ReconcileOptions {
  /** Add the result's `changed` to the `reconciled` line when it is a boolean (default true). */
  logChanged?: boolean;
}

/**
 * Runs one activity step and logs its outcome under `subject` (resource names and counts only:
 * specs carry password hashes, which must never reach a log). A NonRetryableError (DatabaseError,
 * ValkeyError, TenantUserError, WebError, …) becomes a non-retryable ApplicationFailure with its
 * type and message, so the workflow can show it as the resource's statusMessage; anything else (a
 * busy /etc/passwd lock, a daemon slow to answer, a transient command failure) is rethrown as is,
 * so Temporal retries it.
 */
export async function reconcile<T>(
  logger: Logger,
  action: string,
  subject: Readonly<Record<string, unknown>>,
  run: () => Promise<T>,
  { logChanged = true }: ReconcileOptions = {},
): Promise<T> {
  try {
    const result = await run();
    const changed = logChanged ? (result as { changed?: unknown } | null)?.changed : undefined;
    logger.info({ action, ...subject, ...(typeof changed === 'boolean' && { changed }) }, 'reconciled');
    return result;
  } catch (error) {
    logger.warn({ action, ...subject, err: error }, 'reconcile failed');
    if (error instanceof NonRetryableError) {
      throw ApplicationFailure.create({
        type: error.type,
        message: error.message,
        nonRetryable: true,
      });
    }
    throw error;
  }
}
