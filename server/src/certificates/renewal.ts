// When a certificate is renewed: at two thirds of its lifetime (Let's Encrypt's 90 days → day 60),
// and after failed attempts again with a growing pause, never later than its last week.

const HOUR = 3_600_000;

/** The first renewal time of a certificate valid from `notBefore` to `notAfter`. */
export function renewAfterOf(notBefore: Date, notAfter: Date): Date {
  const lifetime = notAfter.getTime() - notBefore.getTime();
  return new Date(notBefore.getTime() + (lifetime * 2) / 3);
}

/** The next attempt after `failures` failed ones in a row: 1 h, 2 h, 4 h … at most 24 h later. */
export function retryRenewalAt(now: Date, failures: number): Date {
  return new Date(now.getTime() + Math.min(24, 2 ** Math.max(0, failures - 1)) * HOUR);
}
