import { ApplicationFailure } from '@temporalio/activity';
import type { Logger } from 'pino';
import { NonRetryableError } from './non-retryable-error.js';

/**
 * Runs one activity step and logs its outcome under `subject` (resource names only: specs carry
 * password hashes, which must never reach a log). Non-retryable errors become non-retryable
 * ApplicationFailures; anything else is rethrown as is, so Temporal retries it.
 */
export async function reconcile<T>(
  logger: Logger,
  action: string,
  subject: Record<string, string>,
  run: () => Promise<T>,
): Promise<T> {
  try {
    const result = await run();
    const changed = (result as { changed?: unknown } | null)?.changed;
    logger.info(
      { action, ...subject, ...(typeof changed === 'boolean' && { changed }) },
      'reconciled',
    );
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
