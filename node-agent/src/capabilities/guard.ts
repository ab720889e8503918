import { ApplicationFailure } from '@temporalio/activity';
import type { Logger } from 'pino';
import { CapabilityMissingError, type NodeCapabilities } from './node-capabilities.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- activities take any inputs
type Activity = (...args: any[]) => Promise<unknown>;

/** Per activity, the capabilities one call needs (from its input), and what to do once they are there. */
export type CapabilityNeeds<A extends Record<string, Activity>> = {
  [K in keyof A]?: {
    needs: (...args: Parameters<A[K]>) => readonly string[];
    /** Starts what start-up had to skip (a daemon whose program was missing then). */
    whenPresent?: () => Promise<void>;
  };
};

/**
 * Wraps the activities listed in `needs`: each call first re-probes the capabilities it needs
 * and fails fast with a non-retryable `CapabilityMissing` failure naming the program, the path
 * tried and its Debian package, instead of running into a spawn ENOENT (retried until the
 * workflow times out). Activities not listed are returned as they are.
 */
export function requireCapabilities<A extends Record<string, Activity>>(
  capabilities: NodeCapabilities,
  logger: Logger,
  activities: A,
  needs: CapabilityNeeds<A>,
): A {
  const guarded: Record<string, Activity> = { ...activities };
  for (const [name, need] of Object.entries(needs) as Array<[string, NonNullable<CapabilityNeeds<A>[keyof A]>]>) {
    const run = activities[name]!;
    guarded[name] = async (...args: unknown[]) => {
      try {
        await capabilities.require(need.needs(...(args as Parameters<A[keyof A]>)));
      } catch (error) {
        if (!(error instanceof CapabilityMissingError)) throw error;
        logger.warn({ action: name, reason: error.message }, 'capability missing');
        throw ApplicationFailure.create({ type: error.type, message: error.message, nonRetryable: true });
      }
      await need.whenPresent?.();
      return run(...args);
    };
  }
  return guarded as A;
}
