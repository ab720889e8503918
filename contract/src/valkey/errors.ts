import { NonRetryableError } from '../non-retryable-error.js';

/** Failure types the Valkey activities raise for problems a retry cannot fix. */
export const VALKEY_ERROR_TYPES = [
  'InvalidValkeySpec',
  'ValkeyPortConflict',
  'ValkeyMemoryAllowanceExceeded',
  'ValkeyInstanceMissing',
  'ValkeyConfigRejected',
  'InvalidValkeyDump',
] as const;

export type ValkeyErrorType = (typeof VALKEY_ERROR_TYPES)[number];

/** A Valkey instance or user problem that retrying cannot fix. */
export class ValkeyError extends NonRetryableError {
  constructor(
    override readonly type: ValkeyErrorType,
    message: string,
  ) {
    super(type, message);
  }
}
