// SSH key workflows (names in the server's Temporal contract) and the tenant workflows' steps
// for them. A key's create and delete both write its tenant's whole key file, read from the
// database, on every node of the tenant's shard, so retries and reordered runs converge on
// what the database says. Deterministic code: types, workflow APIs and the plain-data contracts only.
import { proxyLocalActivities } from '@temporalio/workflow';
import { CAPABILITY_MISSING } from '@hostplane/contract/capabilities';
import { SSH_ERROR_TYPES, type SshActivities, type TenantSshKeys } from '@hostplane/contract/ssh';
import type { SshKeyActivities } from '../activities/ssh-key.activities.js';
import type { TenantPlan } from '../activities/tenant.activities.js';
import {
  deleting,
  failureType,
  nodeActivities,
  onEveryNode,
  provisioning,
  recorderOf,
  type StepRecorder,
} from './steps.js';
import { tenantRef } from './tenant-steps.js';
import { applyUntilStable } from './whole-set-sync.js';

const control = proxyLocalActivities<SshKeyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

const onNode = (nodeId: string) =>
  nodeActivities<SshActivities>(nodeId, {
    startToCloseTimeout: '1 minute',
    nonRetryableErrorTypes: [...SSH_ERROR_TYPES, CAPABILITY_MISSING, 'SshdConfigInvalid'],
  });

/** Writes the key file on every node and keeps each node's sshd (address, host keys) for the API. */
async function writeOnEveryNode(record: StepRecorder, step: string, nodeIds: string[], spec: TenantSshKeys) {
  await onEveryNode(record, step, nodeIds, async (nodeId) => {
    const { endpoint } = await onNode(nodeId).ensureTenantSshKeys(spec);
    await control.recordSshEndpoint(nodeId, endpoint);
  });
}

/** Writes the tenant's key file on every node, again while keys change meanwhile (./whole-set-sync.ts). */
function syncKeys(record: StepRecorder, keyId: string): Promise<void> {
  return applyUntilStable(
    () => control.loadTenantSshKeys(keyId),
    (plan) => writeOnEveryNode(record, 'key file written', plan.nodeIds, plan.spec),
  );
}

/** PENDING (or FAILED, on retry) → PROVISIONING → the tenant's key file with the key on every node → ACTIVE. */
export async function syncSshKeyWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'SshKey', id } as const;
  await provisioning(ref, async () => {
    await syncKeys(recorderOf(ref), id);
  });
}

/** DELETING → the tenant's key file without the key on every node → DELETED. */
export async function deleteSshKeyWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'SshKey', id } as const;
  await deleting(ref, async () => {
    await syncKeys(recorderOf(ref), id);
  });
}

/**
 * The tenant suspend's and unsuspend's step: a suspended tenant has no key file on any node and
 * its open sessions end; unsuspended, its keys are written back. A tenant without keys has
 * nothing on any node (and no session to end: keys are the only way in).
 */
export async function setTenantSshSuspended(plan: TenantPlan, suspended: boolean): Promise<void> {
  if ((await control.countTenantSshKeys(plan.tenant.id)) === 0) return;
  const spec = await control.loadTenantSshKeysOf(plan.tenant.id, suspended);
  const step = suspended ? 'ssh logins closed' : 'ssh keys restored';
  await writeOnEveryNode(recorderOf(tenantRef(plan)), step, plan.nodeIds, spec);
}

/**
 * A change of the tenant's SSH access (shell or SFTP only): its key file and chroot on every
 * node, again while it changes meanwhile; steps on the tenant. Narrowing to SFTP ends open sessions.
 */
export async function syncTenantSshAccessWorkflow({ tenantId }: { tenantId: string }): Promise<void> {
  const record = recorderOf(tenantRef(tenantId));
  await applyUntilStable(
    () => control.loadTenantSshAccess(tenantId),
    (plan) => writeOnEveryNode(record, 'ssh access applied', plan.nodeIds, plan.spec),
  );
}

/** The tenant delete's step: every node forgets its keys and ends its sessions, then they are marked DELETED. */
export async function removeTenantSshKeys(plan: TenantPlan): Promise<void> {
  const { id, name } = plan.tenant;
  if ((await control.countTenantSshKeys(id)) === 0) return;
  await onEveryNode(recorderOf(tenantRef(plan)), 'ssh keys removed', plan.nodeIds, (nodeId) =>
    onNode(nodeId).removeTenantSshKeys({ tenant: name }),
  );
  await control.markTenantSshKeysDeleted(id);
}

/**
 * A shard convergence's SSH step on one node: every tenant's key file and access written again
 * from the database, leftovers removed, again while keys change meanwhile (./whole-set-sync.ts:
 * a key added during the run is never overwritten by a file read before it). A node without sshd
 * fails it only when some tenant needs one.
 */
export async function convergeSshOnNode(nodeId: string, shardId: string): Promise<string> {
  // What every round did, so a second round (keys changed meanwhile) does not hide the first's repairs.
  const repaired = new Set<string>();
  const removed = new Set<string>();
  let tenants = 0;
  let noSshd = false;
  await applyUntilStable(
    () => control.loadShardSshKeys(shardId),
    async (plan) => {
      tenants = plan.tenants.length;
      try {
        const result = await onNode(nodeId).convergeSshKeys({ tenants: plan.tenants, others: plan.others });
        await control.recordSshEndpoint(nodeId, result.endpoint);
        result.repaired.forEach((t) => repaired.add(t));
        result.removed.forEach((t) => removed.add(t));
      } catch (error) {
        if (plan.needed || failureType(error) !== CAPABILITY_MISSING) throw error;
        noSshd = true;
      }
    },
  );
  if (noSshd) return 'no sshd here, and no tenant needs one';
  const what = repaired.size ? `repaired ${[...repaired].join(', ')}` : 'nothing to repair';
  return `SSH access of ${tenants} tenants: ${what}${removed.size ? `, removed ${[...removed].join(', ')}` : ''}`;
}
