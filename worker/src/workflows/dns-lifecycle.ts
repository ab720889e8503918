// DNS workflows (names in the server's Temporal contract): zones written whole, records as the
// PATCH of their name and type's whole rrset, managed records following FQDN binds, and the DNS
// shard's convergence. Everything is read from the database each time, so retries and reordered
// runs converge on it. Deterministic code: types, workflow APIs and the plain-data contracts only.
import { patched, proxyLocalActivities } from '@temporalio/workflow';
import { CAPABILITY_MISSING } from '@hostplane/contract/capabilities';
import { DNS_ERROR_TYPES, type DnsActivities, type DnsZoneSpec } from '@hostplane/contract/dns';
import type { DnsControlActivities, DnsPatch } from '../dns/dns.activities.js';
import {
  deleting,
  describeFailure,
  nodeActivities,
  onEveryNode,
  provisioning,
  recorderOf,
  type StepRecorder,
} from './steps.js';
import { applyUntilStable } from './whole-set-sync.js';

const control = proxyLocalActivities<DnsControlActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

const onNode = (nodeId: string) =>
  nodeActivities<DnsActivities>(nodeId, {
    // A zone of many thousand records is one POST or PATCH: minutes at worst.
    startToCloseTimeout: '10 minutes',
    nonRetryableErrorTypes: [...DNS_ERROR_TYPES, CAPABILITY_MISSING],
  });

/**
 * The zone on every DNS node: the first signs it with keys of its own (when DNSSEC is on), the
 * others import those, so every node answers with the same DNSKEY and the registrar's DS fits all.
 */
async function writeZone(record: StepRecorder, zoneId: string, nodeIds: string[], spec: DnsZoneSpec): Promise<void> {
  const [first, ...rest] = nodeIds;
  if (!first) return;
  const [signed] = await onEveryNode(record, 'zone written', [first], async (nodeId) => {
    const result = await onNode(nodeId).ensureDnsZone(spec);
    await control.recordDnsAnswer({ nodeId, endpoint: result.endpoint, zoneId, keys: result.keys });
    return result;
  });
  await onEveryNode(record, 'zone written', rest, async (nodeId) => {
    const { endpoint } = await onNode(nodeId).ensureDnsZone({ ...spec, keys: signed?.keys ?? [] });
    await control.recordDnsAnswer({ nodeId, endpoint });
  });
}

/** One PATCH of the zone's changed rrsets on every DNS node. */
async function patchEverywhere(record: StepRecorder, step: string, patch: DnsPatch): Promise<void> {
  await onEveryNode(record, step, patch.nodeIds, async (nodeId) => {
    const { endpoint } = await onNode(nodeId).patchDnsRrsets({ zone: patch.zone, rrsets: patch.rrsets });
    await control.recordDnsAnswer({ nodeId, endpoint });
  });
}

/** PENDING (or FAILED, on retry) → PROVISIONING → the whole zone on every DNS node → ACTIVE; also a DNSSEC change. */
export async function syncDnsZoneWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'DnsZone', id } as const;
  await provisioning(ref, async () => {
    // Again while it changes meanwhile (an FQDN bound under it while it was being written).
    await applyUntilStable(
      () => control.loadDnsZone(id),
      (plan) => writeZone(recorderOf(ref), id, plan.nodeIds, plan.spec),
    );
  });
}

/** DELETING → the zone gone from every DNS node → its records DELETED → DELETED. */
export async function deleteDnsZoneWorkflow({ id }: { id: string }): Promise<void> {
  await deleteZone(id);
}

/** The tenant delete's step: each of its zones goes as its own delete would (a failure leaves that zone FAILED, retryable). */
export async function removeTenantDnsZones(tenantId: string): Promise<void> {
  for (const id of await control.liveDnsZonesOf(tenantId)) await deleteZone(id);
}

async function deleteZone(id: string): Promise<void> {
  const ref = { type: 'DnsZone', id } as const;
  await deleting(ref, async () => {
    const { zone, nodeIds } = await control.loadDnsZoneTarget(id);
    await onEveryNode(recorderOf(ref), 'zone removed', nodeIds, async (nodeId) => {
      const { endpoint } = await onNode(nodeId).removeDnsZone({ zone });
      await control.recordDnsAnswer({ nodeId, endpoint });
    });
    await control.markDnsZoneRecordsDeleted(id);
  });
}

/** Writes the record's whole rrset on every DNS node, again while it changes meanwhile (a neighbour's create or delete). */
function syncRrset(record: StepRecorder, step: string, recordId: string): Promise<void> {
  return applyUntilStable(
    () => control.loadDnsRrset(recordId),
    (patch) => patchEverywhere(record, step, patch),
  );
}

/** PENDING (or FAILED, on retry) → PROVISIONING → its rrset on every DNS node → ACTIVE. */
export async function syncDnsRecordWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'DnsRecord', id } as const;
  await provisioning(ref, () => syncRrset(recorderOf(ref), 'record written', id));
}

/** DELETING → its rrset without it on every DNS node → DELETED. */
export async function deleteDnsRecordWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'DnsRecord', id } as const;
  await deleting(ref, () => syncRrset(recorderOf(ref), 'record removed', id));
}

/**
 * The FQDN workflows' step: the managed A/AAAA of the FQDN's name in the zones its tenant holds
 * here follow its bind or unbind (nothing when none holds it).
 */
export async function syncManagedDnsRecords(record: StepRecorder, fqdnId: string): Promise<void> {
  for (const patch of await control.refreshManagedDnsRecords({ fqdnId })) {
    await patchEverywhere(record, 'managed DNS records updated', patch);
  }
}

/** The managed records of these zones follow the database (mail domains' MX, SPF, DKIM, DMARC). */
export async function syncZonesManagedRecords(record: StepRecorder, zoneIds: string[]): Promise<void> {
  for (const patch of await control.refreshZoneManagedRecords(zoneIds)) {
    await patchEverywhere(record, 'managed DNS records updated', patch);
  }
}

/**
 * The tenant's and webroot's create, update and delete step: the service host names
 * (`ssh.<tenant>.<brand base>`, `<webroot>.<tenant>.<brand base>`) in the brand's own zone on
 * every DNS node. Best effort: DNS is not the tenant nor the site, so a failure stays a recorded
 * step (per node), never the owner's status; the DNS shard's convergence writes it again.
 */
export async function syncServiceHostnames(record: StepRecorder, owner: string | { webrootId: string }): Promise<void> {
  const plan = await control.loadBrandZoneOf(owner);
  if (!plan) return;
  await onEveryNode(record, 'service host names', plan.nodeIds, (nodeId) =>
    onNode(nodeId).ensureDnsZone(plan.spec),
  ).catch(() => undefined);
}

/** Every zone's managed records again (a load balancer address changed). */
export async function refreshManagedDnsRecordsWorkflow(): Promise<void> {
  // No resource of its own to record steps on: the records' own events say what changed.
  const unrecorded: StepRecorder = async () => {};
  for (const patch of await control.refreshManagedDnsRecords({ fqdnId: null })) {
    await patchEverywhere(unrecorded, 'managed DNS records updated', patch);
  }
  // The brands' zones too: webroots' service host names point at the load balancers.
  if (patched('dns-brand-zones-refresh')) {
    const { brandIds, nodeIds } = await control.brandZoneTargets();
    for (const brandId of brandIds) {
      const spec = await control.loadBrandZone(brandId);
      if (spec)
        await onEveryNode(unrecorded, 'brand zone written', nodeIds, (nodeId) => onNode(nodeId).ensureDnsZone(spec));
    }
  }
}

/**
 * A DNS shard's convergence (convergeShard): every served zone written whole on each of its
 * nodes — a wiped PowerDNS database comes back from the platform's rows — and zones the
 * database no longer has removed. Null when the shard is not a DNS shard.
 */
export async function convergeDnsShard(
  record: StepRecorder,
  { shardId, convergenceId }: { shardId: string; convergenceId: string },
  failures: Array<{ resource: string; node: string | null; message: string }>,
): Promise<boolean> {
  const plan = await control.loadDnsConvergence(shardId);
  if (!plan) return false;
  await record(
    'convergence',
    'STARTED',
    `run ${convergenceId}: ${plan.zones.length} zones on ${plan.nodes.length} nodes of ${plan.shard}`,
  );
  // The first node to sign a zone hands its keys to the others (as writeZone does).
  const keysOf = new Map<string, DnsZoneSpec['keys']>();
  for (const node of plan.nodes) {
    try {
      for (const zone of plan.zones) {
        const { spec } = await control.loadDnsZone(zone.id);
        const result = await onNode(node.id).ensureDnsZone({ ...spec, keys: keysOf.get(zone.id) ?? [] });
        if (!keysOf.has(zone.id)) keysOf.set(zone.id, result.keys);
        await control.recordDnsAnswer({
          nodeId: node.id,
          endpoint: result.endpoint,
          zoneId: zone.id,
          keys: result.keys,
        });
      }
      for (const brandId of plan.brandIds) {
        const spec = await control.loadBrandZone(brandId);
        if (spec) await onNode(node.id).ensureDnsZone(spec);
      }
      const { zones } = await onNode(node.id).listDnsZones();
      const orphans = zones.filter((z) => !plan.keep.includes(z));
      for (const zone of orphans) await onNode(node.id).removeDnsZone({ zone });
      await record(
        'dns node converged',
        'SUCCEEDED',
        `node ${node.hostname}: ${plan.zones.length} zones and ${plan.brandIds.length} brand zones written, ${orphans.length} orphans removed`,
      );
    } catch (error) {
      const message = describeFailure(error);
      failures.push({ resource: 'dns node', node: node.hostname, message });
      await record('dns node converged', 'FAILED', `node ${node.hostname}: ${message}`);
    }
  }
  return true;
}
