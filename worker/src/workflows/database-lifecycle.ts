// Database workflows (names in the server's Temporal contract). Each takes `{ id }`, reads the
// rest through activities, and leaves the outcome in the resource's status.
import type { DatabaseUserSpec } from '@hostplane/contract/data-stores';
import type { DataStoreWorkflowInput } from '@hostplane/server/temporal';
import type { DatabasePlan } from '../activities/database-plan.activities.js';
import type { ResourceRef } from '../activities/data-store.activities.js';
import { control, onNodes, whenActive } from './data-store-steps.js';
import { deleting, provisioning } from './steps.js';

/** The agent's spec of a plan's user, with the hosts of the shard it is ensured on. */
export function userSpec(plan: DatabasePlan, user: DatabasePlan['users'][number], hosts: string[]): DatabaseUserSpec {
  return {
    name: user.name,
    database: plan.database.name,
    passwordHash: user.passwordHash,
    privileges: user.privileges,
    hosts,
    locked: plan.locked,
  };
}

/** A fingerprint of what the users' accounts should be: compared after a sync to catch a concurrent change. */
const accountsOf = (plan: DatabasePlan) =>
  JSON.stringify([plan.hosts, plan.locked, plan.users.map((u) => [u.name, u.passwordHash, u.privileges])]);

/**
 * Converges every user of the database to the plan (hosts = internal network + access rules),
 * re-reading until nothing changed meanwhile: two rule changes racing each other both end with
 * the accounts the database now describes.
 */
export async function syncAccounts(ref: ResourceRef, databaseId: string, only?: string): Promise<void> {
  let plan = await control.loadDatabasePlan(databaseId);
  for (let round = 0; round < 5; round++) {
    const users = plan.users.filter((u) => !only || u.id === only);
    await onNodes(ref, plan.nodeIds, 'database user accounts synced', async (node) => {
      for (const user of users) await node.ensureDatabaseUser(userSpec(plan, user, plan.hosts));
    });
    const again = await control.loadDatabasePlan(databaseId);
    if (accountsOf(again) === accountsOf(plan)) return;
    plan = again;
  }
}

/** PENDING (or FAILED, on retry) → PROVISIONING → database on every node → ACTIVE. */
export async function createDatabaseWorkflow({ id }: DataStoreWorkflowInput): Promise<void> {
  const ref: ResourceRef = { type: 'Database', id };
  await provisioning(ref, async () => {
    const { database, nodeIds } = await control.loadDatabasePlan(id);
    const spec = { name: database.name, charset: database.charset, collation: database.collation };
    await onNodes(ref, nodeIds, 'database created', (node) => node.ensureDatabase(spec));
  });
}

/** DELETING → database and its users dropped on every node (and a failed migration's target) → DELETED. */
export async function deleteDatabaseWorkflow({ id }: DataStoreWorkflowInput): Promise<void> {
  const ref: ResourceRef = { type: 'Database', id };
  await deleting(ref, async () => {
    const plan = await control.loadDatabasePlan(id, { requireNodes: false });
    const nodes = [...new Set([...plan.nodeIds, ...plan.targetNodeIds])];
    await onNodes(ref, nodes, 'database dropped', (node) => node.dropDatabase({ name: plan.database.name }));
    await control.markChildrenDeleted(ref);
  });
}

/** PENDING → PROVISIONING → (database ACTIVE) → the user's accounts on every node → ACTIVE. */
export async function syncDatabaseUserWorkflow({ id }: DataStoreWorkflowInput): Promise<void> {
  const ref: ResourceRef = { type: 'DatabaseUser', id };
  await provisioning(ref, async () => {
    const { user } = await control.loadDatabaseUserPlan(id);
    await whenActive({ type: 'Database', id: user.databaseId }, 'database');
    await syncAccounts(ref, user.databaseId, id);
  });
}

/** DELETING → every account of the user dropped, its sessions ended → DELETED. */
export async function deleteDatabaseUserWorkflow({ id }: DataStoreWorkflowInput): Promise<void> {
  const ref: ResourceRef = { type: 'DatabaseUser', id };
  await deleting(ref, async () => {
    const { user, plan } = await control.loadDatabaseUserPlan(id);
    const nodes = [...new Set([...plan.nodeIds, ...plan.targetNodeIds])];
    await onNodes(ref, nodes, 'database user dropped', (node) => node.dropDatabaseUser({ name: user.name }));
  });
}

/** PENDING → PROVISIONING → every user's hosts re-synced with the new rule → ACTIVE. */
export async function syncDatabaseAccessRuleWorkflow({ id }: DataStoreWorkflowInput): Promise<void> {
  const ref: ResourceRef = { type: 'DatabaseAccessRule', id };
  await provisioning(ref, async () => {
    const databaseId = await control.databaseOfRule(id);
    await whenActive({ type: 'Database', id: databaseId }, 'database');
    await syncAccounts(ref, databaseId);
  });
}

/** DELETING → every user's hosts re-synced without the rule (logins from there stop) → DELETED. */
export async function deleteDatabaseAccessRuleWorkflow({ id }: DataStoreWorkflowInput): Promise<void> {
  const ref: ResourceRef = { type: 'DatabaseAccessRule', id };
  await deleting(ref, async () => {
    const databaseId = await control.databaseOfRule(id);
    await whenActive({ type: 'Database', id: databaseId }, 'database');
    await syncAccounts(ref, databaseId);
  });
}
