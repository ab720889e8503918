// Valkey workflows (names in the server's Temporal contract): instances and their ACL users.
import type { EvictionPolicy, ValkeyInstanceSpec } from '@hostplane/contract/data-stores';
import type { DataStoreWorkflowInput } from '@hostplane/server/temporal';
import type { ResourceRef } from '../activities/data-store.activities.js';
import type { ValkeyPlan } from '../activities/valkey-plan.activities.js';
import { control, onNodes, whenActive } from './data-store-steps.js';
import { deleting, provisioning } from './steps.js';

/** The agent's spec of the planned instance (on `port`, with every user that should exist). */
export function instanceSpec(plan: ValkeyPlan, port = plan.instance.port): ValkeyInstanceSpec {
  const { name, maxMemoryMb, evictionPolicy, ownerUid } = plan.instance;
  return { name, port, maxMemoryMb, evictionPolicy: evictionPolicy as EvictionPolicy, ownerUid, users: plan.users };
}

const usersOf = (plan: ValkeyPlan) => JSON.stringify(plan.users);

/** The instance's complete user list on every node, re-read until no concurrent change slipped in. */
export async function syncUsers(ref: ResourceRef, instanceId: string): Promise<void> {
  let plan = await control.loadValkeyPlan(instanceId);
  for (let round = 0; round < 5; round++) {
    await onNodes(ref, plan.nodeIds, 'ACL users applied', (node) =>
      node.ensureValkeyUsers({ name: plan.instance.name, users: plan.users }),
    );
    const again = await control.loadValkeyPlan(instanceId);
    if (usersOf(again) === usersOf(plan)) return;
    plan = again;
  }
}

/** Create and update: PROVISIONING → process, config, ACL file and limits on every node → ACTIVE. */
export async function syncValkeyInstanceWorkflow({ id }: DataStoreWorkflowInput): Promise<void> {
  const ref: ResourceRef = { type: 'ValkeyInstance', id };
  await provisioning(ref, async () => {
    const plan = await control.loadValkeyPlan(id);
    await onNodes(ref, plan.nodeIds, 'valkey instance running', (node) =>
      node.ensureValkeyInstance(instanceSpec(plan)),
    );
  });
}

/** DELETING → process stopped, files and data removed on every node → users and instance DELETED. */
export async function deleteValkeyInstanceWorkflow({ id }: DataStoreWorkflowInput): Promise<void> {
  const ref: ResourceRef = { type: 'ValkeyInstance', id };
  await deleting(ref, async () => {
    const plan = await control.loadValkeyPlan(id, { requireNodes: false });
    const nodes = [...new Set([...plan.nodeIds, ...plan.targetNodeIds])];
    await onNodes(ref, nodes, 'valkey instance removed', (node) =>
      node.removeValkeyInstance({ name: plan.instance.name }),
    );
    await control.markChildrenDeleted(ref);
  });
}

/** PENDING → PROVISIONING → (instance ACTIVE) → ACL file with the user, loaded live → ACTIVE. */
export async function syncValkeyUserWorkflow({ id }: DataStoreWorkflowInput): Promise<void> {
  const ref: ResourceRef = { type: 'ValkeyUser', id };
  await provisioning(ref, async () => {
    const instanceId = await control.instanceOfUser(id);
    await whenActive({ type: 'ValkeyInstance', id: instanceId }, 'instance');
    await syncUsers(ref, instanceId);
  });
}

/** DELETING → ACL file without the user, loaded live (it can no longer AUTH) → DELETED. */
export async function deleteValkeyUserWorkflow({ id }: DataStoreWorkflowInput): Promise<void> {
  const ref: ResourceRef = { type: 'ValkeyUser', id };
  await deleting(ref, async () => {
    const instanceId = await control.instanceOfUser(id);
    await whenActive({ type: 'ValkeyInstance', id: instanceId }, 'instance');
    await syncUsers(ref, instanceId);
  });
}
