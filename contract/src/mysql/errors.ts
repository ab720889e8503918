import { NonRetryableError } from '../non-retryable-error.js';

/** Failure types the MySQL activities raise for problems a retry cannot fix. */
export const DATABASE_ERROR_TYPES = [
  'InvalidDatabaseSpec',
  'UnsupportedCharset',
  'DatabaseMissing',
  'InvalidDatabaseDump',
] as const;

export type DatabaseErrorType = (typeof DATABASE_ERROR_TYPES)[number];

/** A database or database-user problem that retrying cannot fix. */
export class DatabaseError extends NonRetryableError {
  constructor(
    override readonly type: DatabaseErrorType,
    message: string,
  ) {
    super(type, message);
  }
}
