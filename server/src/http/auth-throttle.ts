// Failed authentications cost their client address: a bucket per address holds FAILURE_BURST
// failures and gets one back every SECONDS_PER_FAILURE. While it is empty, that address is
// refused before its key is even looked at (on HTTP and WebSocket alike), so a list of leaked or
// guessed keys is tried at that pace, and a valid key in the list is not told apart meanwhile.
import { GraphQLError } from 'graphql';
import { RateLimiter } from '../rate-limits/index.js';

/** Failures an address may make at once (a user mistyping a key a few times never meets it). */
export const FAILURE_BURST = 20;
/** Seconds until an address gets one more failure back. */
export const SECONDS_PER_FAILURE = 3;

export class AuthThrottle {
  private readonly failures: RateLimiter;

  constructor(now?: () => number) {
    this.failures = new RateLimiter({ capacity: FAILURE_BURST, restoreRate: 1 / SECONDS_PER_FAILURE }, now);
  }

  /**
   * Authenticates `credential` unless `address` has no failures left (RATE_LIMITED, HTTP 429,
   * with the wait); a refused credential is charged to the address and its error rethrown. A
   * request without any credential costs nothing: it cannot guess.
   */
  async guard<V>(
    address: string | undefined,
    credential: string | undefined,
    authenticate: (credential: string | undefined) => Promise<V>,
  ): Promise<V> {
    const key = address ?? 'unknown';
    const { status } = this.failures.take(key, 0);
    if (status.currentlyAvailable < 1)
      throw throttled(Math.ceil((1 - status.currentlyAvailable) * SECONDS_PER_FAILURE));
    try {
      return await authenticate(credential);
    } catch (error) {
      if (credential) this.failures.take(key, 1);
      throw error;
    }
  }
}

function throttled(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many failed authentications from this address; retry in ${retryAfterSeconds} s.`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}
