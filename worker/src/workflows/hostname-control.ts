// The wait for proof of control of a host name, before a bind may route it (SECURITY.md,
// hostname squatting). Deterministic: durable timers and the check activity only.
import { proxyLocalActivities, sleep } from '@temporalio/workflow';
import type { HostnameControlActivities } from '../activities/hostname-control.activities.js';
import type { ResourceRef } from '../activities/resource.activities.js';
import { recorderOf } from './steps.js';

const control = proxyLocalActivities<HostnameControlActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

const STEP = 'hostname verification';
/** The first looks come quickly (a record published just before the bind), then back off. */
const FIRST_PAUSE_SECONDS = 1;

/**
 * Resolves true once the FQDN's name is proven (at once when it needed no proof), false when
 * the binding stopped waiting (unbound meanwhile). Throws when the wait gives up: the bind ends
 * FAILED naming the record, and `retryFqdn` waits again.
 */
export async function hostnameControlProven(ref: ResourceRef & { type: 'Fqdn' }): Promise<boolean> {
  const record = recorderOf(ref);
  let waited = 0;
  let pause = FIRST_PAUSE_SECONDS;
  let lastSaid = '';
  for (;;) {
    const check = await control.checkHostnameControl(ref.id);
    if (check.outcome === 'GONE') return false;
    if (check.outcome === 'TAKEN') throw new Error(`${check.hostname} is bound to another webroot now`);
    if (check.outcome === 'VERIFIED') {
      if (lastSaid)
        await record(STEP, 'SUCCEEDED', `control of the host name proven by ${check.by ?? 'its TXT record'}`);
      return true;
    }
    const wanted = `TXT ${check.record.name} = "${check.record.value}"`;
    if (waited >= check.giveUpSeconds) {
      throw new Error(
        `control of ${check.hostname} not proven within ${check.giveUpSeconds} s: publish ${wanted} (DNS shows ${check.seen}), then retry`,
      );
    }
    // One event per change of what DNS shows, not one per look.
    const said = `waiting for ${wanted} (DNS shows ${check.seen})`;
    if (said !== lastSaid) await record(STEP, 'STARTED', said);
    lastSaid = said;
    await sleep(pause * 1_000);
    waited += pause;
    pause = Math.min(pause * 2, check.pollSeconds);
  }
}
