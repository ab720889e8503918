// Automatic TLS waits for its name's DNS to point at the load balancers before the first ACME
// order (an order for a name that resolves elsewhere can only fail). Deterministic: durable
// timers and the check activity only; the same backoff as the hostname proof's wait.
import { proxyLocalActivities, sleep } from '@temporalio/workflow';
import type { DnsPointingActivities } from '../certificates/dns-pointing.activities.js';
import { recorderOf, setStatus } from './steps.js';

const pointing = proxyLocalActivities<DnsPointingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

const STEP = 'waiting for DNS';

/**
 * Resolves true once the certificate's name points here (at once for a renewal or a name under
 * a zone held here), false when it stopped waiting (unbound, TLS changed). While it waits the
 * certificate stays PROVISIONING with a status message saying what DNS shows and what it must;
 * throws when the wait gives up (FAILED, its retry waits again).
 */
export async function dnsPointsHere(id: string): Promise<boolean> {
  const ref = { type: 'Certificate' as const, id };
  const record = recorderOf(ref);
  let waited = 0;
  let pause = 1;
  let lastSaid = '';
  for (;;) {
    const check = await pointing.checkDnsPointsHere(id);
    if (check.outcome === 'GONE') return false;
    if (check.outcome === 'HERE') {
      if (lastSaid) {
        await record(STEP, 'SUCCEEDED', `the name points here: ${check.by}`);
        await setStatus(ref, 'PROVISIONING', ['PROVISIONING']);
      }
      return true;
    }
    const wanted = `A/AAAA ${check.hostname} = ${check.wanted.join(', ') || '(the cluster has no load balancer address)'}`;
    if (waited >= check.giveUpSeconds)
      throw new Error(
        `${check.hostname} did not point here within ${check.giveUpSeconds} s: publish ${wanted} (DNS shows ${check.seen}), then retry`,
      );
    // One event per change of what DNS shows, not one per look.
    const said = `waiting for ${wanted} (DNS shows ${check.seen})`;
    if (said !== lastSaid) {
      await record(STEP, 'STARTED', said);
      await setStatus(ref, 'PROVISIONING', ['PROVISIONING'], { statusMessage: said });
    }
    lastSaid = said;
    await sleep(pause * 1_000);
    waited += pause;
    pause = Math.min(pause * 2, check.pollSeconds);
  }
}
