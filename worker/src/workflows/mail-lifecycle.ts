// Mail workflows (names in the server's Temporal contract): a domain's, mailbox's or alias's
// create, update and delete each apply the whole spec of its mail nodes (through the node's one
// sync, ./mail-node-sync.ts), then the zone's managed records follow the domain. Deleted mailboxes'
// stored mail is removed after a grace period by a workflow of its own. Deterministic code.
import { ParentClosePolicy, sleep, startChild } from '@temporalio/workflow';
import type { ResourceRef } from '../activities/resource.activities.js';
import type { MailRef } from '../mail/mail.activities.js';
import { syncZonesManagedRecords } from './dns-lifecycle.js';
import { mailControl, onMailNode, requestMailNodeSync } from './mail-node-sync.js';
import { deleting, onEveryNode, provisioning, recorderOf, type StepRecorder } from './steps.js';

/** Every node serving the resource applies its whole spec; the domain's zone gets its records. */
async function syncMail(record: StepRecorder, ref: MailRef): Promise<{ nodeIds: string[]; zoneId: string }> {
  const target = await mailControl.mailTargetOf(ref);
  await onEveryNode(record, 'mail node applied', target.nodeIds, requestMailNodeSync);
  if (ref.type === 'MailDomain') await syncZonesManagedRecords(record, [target.zoneId]);
  return target;
}

/**
 * Stored mail of these addresses removed after the grace period, by a workflow of its own (the
 * delete is done); its step is recorded on `owner` (the mailbox, domain or tenant deleted).
 */
export async function scheduleMailDataRemoval(
  owner: ResourceRef,
  nodeIds: string[],
  addresses: string[],
): Promise<void> {
  if (addresses.length === 0 || nodeIds.length === 0) return;
  const graceSeconds = await mailControl.mailDataGraceSeconds();
  await startChild(removeMailDataWorkflow, {
    workflowId: `mail-data-removal-${owner.type.toLowerCase()}-${owner.id}`,
    args: [{ owner, nodeIds, addresses, graceSeconds }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
}

/**
 * After `graceSeconds`, deletes the stored mail of the addresses no live mailbox holds again,
 * on every node (a mailbox re-created meanwhile keeps its mail).
 */
export async function removeMailDataWorkflow(input: {
  owner: ResourceRef;
  nodeIds: string[];
  addresses: string[];
  graceSeconds: number;
}): Promise<void> {
  await sleep(input.graceSeconds * 1000);
  const addresses = await mailControl.addressesFreeOfMailboxes(input.addresses);
  if (addresses.length === 0) return;
  await onEveryNode(recorderOf(input.owner), 'stored mail removed', input.nodeIds, async (nodeId) => {
    // The spec without them first: the agent refuses to remove data of an address it still serves.
    await requestMailNodeSync(nodeId);
    await onMailNode(nodeId).removeMailboxData(addresses);
  });
}

/** PENDING (or FAILED, on retry) → PROVISIONING → the mail nodes serve it, MX/SPF/DKIM/DMARC in its zone → ACTIVE. */
export async function syncMailDomainWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'MailDomain', id } as const;
  await provisioning(ref, async () => {
    await syncMail(recorderOf(ref), ref);
  });
}

/** DELETING → out of every node's spec, its records out of the zone, its mailboxes and aliases DELETED → DELETED; mail data later. */
export async function deleteMailDomainWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'MailDomain', id } as const;
  await deleting(ref, async () => {
    const { nodeIds } = await syncMail(recorderOf(ref), ref);
    const addresses = await mailControl.markDomainMailDeleted(id);
    await scheduleMailDataRemoval(ref, nodeIds, addresses);
  });
}

export async function syncMailboxWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'Mailbox', id } as const;
  await provisioning(ref, async () => {
    await syncMail(recorderOf(ref), ref);
  });
}

/** DELETING → out of every node's spec (logins refused at once) → DELETED; its stored mail after the grace period. */
export async function deleteMailboxWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'Mailbox', id } as const;
  await deleting(ref, async () => {
    const { nodeIds } = await syncMail(recorderOf(ref), ref);
    await scheduleMailDataRemoval(ref, nodeIds, [await mailControl.mailboxAddress(id)]);
  });
}

export async function syncMailAliasWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'MailAlias', id } as const;
  await provisioning(ref, async () => {
    await syncMail(recorderOf(ref), ref);
  });
}

export async function deleteMailAliasWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'MailAlias', id } as const;
  await deleting(ref, async () => {
    await syncMail(recorderOf(ref), ref);
  });
}
