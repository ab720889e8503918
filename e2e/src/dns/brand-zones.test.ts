// Issue 12 (DNS): zones a brand holds itself, for names under its own host names. Its admin key
// creates one and its records on the platform's PowerDNS (asked with `dig`); its tenants' keys
// cannot see nor change it, another brand's keys get NOT_FOUND on every path (subscriptions and
// node(id) included) and cannot take its names; its tenants' service host names keep resolving,
// a tenant's suspension and delete leave it answering, and the brand's delete waits for it.
import { randomUUID } from 'node:crypto';
import {
  CreateDnsRecordDocument,
  CreateDnsZoneDocument,
  DeleteBrandDocument,
  DeleteDnsRecordDocument,
  DeleteDnsZoneDocument,
  DeleteTenantDocument,
  DnsZoneChangedDocument,
  EventsDocument,
  GetDnsZoneDocument,
  GetNodeDocument,
  ListBrandDnsZonesDocument,
  RetryDnsZoneDocument,
  SetDnsZoneDnssecDocument,
  SuspendTenantDocument,
  UpdateBrandDocument,
  type CreateDnsRecordInput,
  type CreateDnsZoneInput,
  type HostplaneApiError,
  type HostplaneClient,
  type ResourceEventFieldsFragment,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyPair } from '../ssh/ssh-client.js';
import { addKey } from '../ssh/tenant-keys.js';
import { admin, client, closeClients, createBrand, createKey, createTenant, withDatabase } from '../support/clients.js';
import { convergeAndWait } from '../support/convergence.js';
import { expectCode } from '../support/expect-error.js';
import { watchStatus } from '../support/watch.js';
import { lookup, lookupUntil } from './resolver.js';

async function createZone(c: HostplaneClient, input: CreateDnsZoneInput) {
  return (await c.mutate(CreateDnsZoneDocument, { input })).createDnsZone;
}

async function activeZone(c: HostplaneClient, input: CreateDnsZoneInput) {
  const { dnsZone, userErrors } = await createZone(c, input);
  if (!dnsZone) throw new Error(JSON.stringify(userErrors));
  const watched = await watchStatus(c, dnsZone.id, ['ACTIVE', 'FAILED']);
  if (watched.status !== 'ACTIVE') throw new Error(`zone ${input.name} ${watched.status}`);
  return dnsZone;
}

async function activeRecord(c: HostplaneClient, input: CreateDnsRecordInput) {
  const { createDnsRecord } = await c.mutate(CreateDnsRecordDocument, { input });
  if (!createDnsRecord.dnsRecord) throw new Error(JSON.stringify(createDnsRecord.userErrors));
  expect((await watchStatus(c, createDnsRecord.dnsRecord.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
  return createDnsRecord.dnsRecord;
}

const codes = (p: { userErrors: Array<{ code: string }> }) => p.userErrors.map((e) => e.code);
/** Each userError as [its input field, its code] (fields are paths: `['input', 'brandId']`). */
const fieldCodes = (p: { userErrors: Array<{ field: string[]; code: string }> }) =>
  p.userErrors.map((e) => [e.field.at(-1), e.code]);

describe('DNS: zones a brand holds itself', () => {
  let brand: { id: string; nsHostnames: string[]; baseHostname: string };
  let brandKey: HostplaneClient;
  let tenant: { id: string; name: string };
  let tenantKey: HostplaneClient;
  let otherBrand: { id: string; baseHostname: string };
  let otherKey: HostplaneClient;
  let zone: { id: string; name: string };
  let record: { id: string };
  const tag = randomUUID().slice(0, 8);

  beforeAll(async () => {
    brand = await createBrand();
    brandKey = client(await createKey(['*'], [brand.id]));
    tenant = await createTenant(admin(), brand.id, 'brand zone tenant');
    expect((await watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    // Every scope, bound to the tenant: the binding alone keeps the brand's zones away.
    tenantKey = client(await createKey(['*'], [brand.id], tenant.id));
    otherBrand = await createBrand();
    otherKey = client(await createKey(['*'], [otherBrand.id]));
    zone = await activeZone(brandKey, { brandId: brand.id, name: `promo-${tag}.${brand.baseHostname}` });
    record = await activeRecord(brandKey, { zoneId: zone.id, name: 'www', type: 'A', value: '192.0.2.21' });
  }, 120_000);
  afterAll(closeClients);

  it('serves the brand’s zone and records with its SOA and name servers, owned by the brand', async () => {
    expect(await lookup(`www.${zone.name}`, 'A')).toEqual(['192.0.2.21']);
    expect(await lookup(zone.name, 'NS')).toEqual(brand.nsHostnames.map((n) => `${n}.`).sort());
    const [soa] = await lookup(zone.name, 'SOA');
    expect(soa?.split(' ')[0]).toBe(`${brand.nsHostnames[0]}.`);
    const shown = await brandKey.query(GetDnsZoneDocument, { id: zone.id });
    expect(shown.dnsZone.brand?.id).toBe(brand.id);
    expect(shown.dnsZone.records.edges.map((e) => e.node.id)).toContain(record.id);
    const listed = await brandKey.query(ListBrandDnsZonesDocument, { brandId: brand.id });
    expect(listed.brand.dnsZones.edges.map((e) => e.node.id)).toEqual([zone.id]);
    // A TXT record too: the same validation and rrset writes as a tenant's zone.
    await activeRecord(brandKey, { zoneId: zone.id, name: '@', type: 'TXT', value: `brand-${tag}` });
    expect(await lookup(zone.name, 'TXT')).toEqual([`"brand-${tag}"`]);
  });

  it('takes exactly one owner, and only the brand’s own names below its base hostname', async () => {
    const base = brand.baseHostname;
    const neither = await createZone(brandKey, { name: `x-${tag}.${base}` });
    expect(fieldCodes(neither)).toEqual([['tenantId', 'INVALID']]);
    const both = await createZone(brandKey, { brandId: brand.id, tenantId: tenant.id, name: `y-${tag}.${base}` });
    expect(fieldCodes(both)).toEqual([['brandId', 'INVALID']]);
    // The base zone itself is the platform's (service host names), and so are a tenant's names
    // below it (`t_…`: no zone name).
    expect(codes(await createZone(brandKey, { brandId: brand.id, name: base }))).toEqual(['HOSTNAME_RESERVED']);
    const tenantNames = await createZone(brandKey, { brandId: brand.id, name: `${tenant.name}.${base}` });
    expect(fieldCodes(tenantNames)).toEqual([['name', 'INVALID']]);
    const elsewhere = await createZone(brandKey, { brandId: brand.id, name: `elsewhere-${tag}.example` });
    expect(fieldCodes(elsewhere)).toEqual([['name', 'INVALID']]);
    expect(codes(await createZone(brandKey, { brandId: brand.id, name: zone.name }))).toEqual(['TAKEN']);
    // A suffix the brand reserved is its own too (at it or below), and no one else's.
    const free = `free-${tag}.e2e.test`;
    const { updateBrand } = await admin().mutate(UpdateBrandDocument, {
      input: { id: brand.id, reservedHostnameSuffixes: [free] },
    });
    expect(updateBrand.userErrors).toEqual([]);
    await activeZone(brandKey, { brandId: brand.id, name: free });
    const squat = await createZone(otherKey, { brandId: otherBrand.id, name: `shop.${free}` });
    expect(codes(squat)).toEqual(['HOSTNAME_RESERVED']);
    expect(both.dnsZone ?? neither.dnsZone ?? tenantNames.dnsZone ?? elsewhere.dnsZone).toBeNull();
  });

  it('is nothing its tenants’ keys can see or change, not even their own brand’s', async () => {
    await expectCode(tenantKey.query(GetDnsZoneDocument, { id: zone.id }), 'NOT_FOUND');
    await expectCode(tenantKey.query(GetNodeDocument, { id: zone.id }), 'NOT_FOUND');
    await expectCode(tenantKey.query(GetNodeDocument, { id: record.id }), 'NOT_FOUND');
    // Its brand may be readable to it (or not at all), but never that brand's own zones.
    const listed = await tenantKey.query(ListBrandDnsZonesDocument, { brandId: brand.id });
    expect(listed.brand?.dnsZones.edges ?? []).toEqual([]);
    const create = await createZone(tenantKey, { brandId: brand.id, name: `mine-${tag}.${brand.baseHostname}` });
    expect(fieldCodes(create)).toEqual([['brandId', 'FORBIDDEN']]);
    await expectMutationsNotFound(tenantKey);
    expect(await lookup(`www.${zone.name}`, 'A')).toEqual(['192.0.2.21']);
    // Its own zone it sees, as do its brand's key and the platform's, which see the brand's too.
    const own = await activeZone(tenantKey, { tenantId: tenant.id, name: `own-${tag}.example` });
    for (const c of [tenantKey, brandKey, admin()]) {
      expect((await c.query(GetNodeDocument, { id: own.id })).node.id).toBe(own.id);
    }
    for (const c of [brandKey, admin()]) {
      expect((await c.query(GetNodeDocument, { id: zone.id })).node.id).toBe(zone.id);
      expect((await c.query(GetNodeDocument, { id: record.id })).node.id).toBe(record.id);
    }
  });

  it('is NOT_FOUND to another brand’s keys on every path, and its names are not theirs to take', async () => {
    await expectCode(otherKey.query(GetDnsZoneDocument, { id: zone.id }), 'NOT_FOUND');
    await expectCode(otherKey.query(GetNodeDocument, { id: zone.id }), 'NOT_FOUND');
    await expectCode(otherKey.query(GetNodeDocument, { id: record.id }), 'NOT_FOUND');
    await expectCode(otherKey.query(ListBrandDnsZonesDocument, { brandId: brand.id }), 'NOT_FOUND');
    await expectMutationsNotFound(otherKey);
    const theirs = await createZone(otherKey, { brandId: brand.id, name: `steal-${tag}.${brand.baseHostname}` });
    expect(fieldCodes(theirs)).toEqual([['brandId', 'NOT_FOUND']]);
    // Under this brand's names as its own zone: reserved, without saying whose.
    const squat = await createZone(otherKey, { brandId: otherBrand.id, name: `steal-${tag}.${brand.baseHostname}` });
    expect(codes(squat)).toEqual(['HOSTNAME_RESERVED']);
    const viaTenant = await createTenant(admin(), otherBrand.id, 'brand zone squatter');
    const tenantSquat = await createZone(otherKey, { tenantId: viaTenant.id, name: `t-${tag}.${brand.baseHostname}` });
    expect(codes(tenantSquat)).toEqual(['HOSTNAME_RESERVED']);
  });

  it('streams its events to its brand’s keys only (dnsZoneChanged, events)', async () => {
    const refused: string[][] = [];
    const leaked: ResourceEventFieldsFragment[] = [];
    const own: ResourceEventFieldsFragment[] = [];
    const ids = new Set([zone.id, record.id]);
    const stops = [tenantKey, otherKey].flatMap((outsider) => [
      outsider.subscribe(
        DnsZoneChangedDocument,
        { id: zone.id, after: '0' },
        ({ dnsZoneChanged }) => leaked.push(dnsZoneChanged),
        (error: HostplaneApiError) => refused.push(error.codes),
      ),
      outsider.subscribe(EventsDocument, { after: '0' }, ({ events }) => {
        if (ids.has(events.resourceId)) leaked.push(events);
      }),
    ]);
    stops.push(brandKey.subscribe(EventsDocument, { after: '0' }, ({ events }) => own.push(events)));
    const streamed = await activeRecord(brandKey, {
      zoneId: zone.id,
      name: 'streamed',
      type: 'A',
      value: '192.0.2.22',
    });
    ids.add(streamed.id);
    await new Promise((r) => setTimeout(r, 300)); // the last events' fan-out to every subscriber
    stops.forEach((stop) => stop());
    expect(own.filter((e) => e.resourceId === streamed.id).map((e) => e.status)).toContain('ACTIVE');
    expect(own.some((e) => e.resourceId === zone.id)).toBe(true);
    expect(refused).toEqual([['NOT_FOUND'], ['NOT_FOUND']]);
    expect(leaked).toEqual([]);
  });

  it('signs on request, its keys kept by PowerDNS (no tenant to seal them under)', async () => {
    const signed = await activeZone(brandKey, { brandId: brand.id, name: `signed-${tag}.${brand.baseHostname}` });
    const { setDnsZoneDnssec } = await brandKey.mutate(SetDnsZoneDnssecDocument, {
      input: { id: signed.id, dnssec: true },
    });
    expect(setDnsZoneDnssec.userErrors).toEqual([]);
    expect((await watchStatus(brandKey, signed.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    const { dnsZone } = await brandKey.query(GetDnsZoneDocument, { id: signed.id });
    expect(dnsZone.dnssecKeys[0]?.dnskey).toMatch(/^257 3 13 /);
    expect((await lookupUntil(signed.name, 'DNSKEY', (v) => v.length > 0, 3_000)).values.length).toBeGreaterThan(0);
  });

  it('leaves the tenants’ service host names resolving, and answers through a tenant’s suspension and delete', async () => {
    const sshName = `ssh.${tenant.name}.${brand.baseHostname}`;
    expect(await lookup(sshName, 'A')).toEqual(['127.0.0.1']);
    expect(await lookup(brand.baseHostname, 'NS')).toEqual(brand.nsHostnames.map((n) => `${n}.`).sort());
    const held = await createTenant(admin(), brand.id, 'brand zone bystander');
    expect((await watchStatus(admin(), held.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    await admin().mutate(SuspendTenantDocument, { input: { id: held.id, reason: 'e2e' } });
    expect((await watchStatus(admin(), held.id, ['SUSPENDED', 'FAILED'])).status).toBe('SUSPENDED');
    expect(await lookup(`www.${zone.name}`, 'A')).toEqual(['192.0.2.21']);
    const { deleteTenant } = await admin().mutate(DeleteTenantDocument, { input: { id: held.id } });
    expect(deleteTenant.userErrors).toEqual([]);
    expect((await watchStatus(admin(), held.id, ['DELETED', 'FAILED'], 90_000)).status).toBe('DELETED');
    expect((await brandKey.query(GetDnsZoneDocument, { id: zone.id })).dnsZone.status).toBe('ACTIVE');
    expect(await lookup(`www.${zone.name}`, 'A')).toEqual(['192.0.2.21']);
    expect(await lookup(sshName, 'A')).toEqual(['127.0.0.1']);
  }, 120_000);

  it('is kept and written whole by the DNS shard’s convergence, not removed as an orphan', async () => {
    const shard = await withDatabase(
      async (db) => (await db.query(`SELECT id FROM "Shard" WHERE name = 'local-dns'`)).rows[0].id as string,
    );
    const convergence = await convergeAndWait(Buffer.from(`Shard:${shard}`).toString('base64url'));
    expect(convergence.status).toBe('SUCCEEDED');
    expect(await lookup(`www.${zone.name}`, 'A')).toEqual(['192.0.2.21']);
    expect(await lookup(zone.name, 'NS')).toEqual(brand.nsHostnames.map((n) => `${n}.`).sort());
  }, 60_000);

  it('keeps its brand from being deleted until its zones are, its deleted tenants’ zones and keys no hindrance', async () => {
    const lone = await createBrand();
    const loneZone = await activeZone(admin(), { brandId: lone.id, name: `only.${lone.baseHostname}` });
    const gone = await createTenant(admin(), lone.id, 'brand zone leaver');
    expect((await watchStatus(admin(), gone.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    const goneZone = await activeZone(admin(), { tenantId: gone.id, name: `leaver-${tag}.example` });
    await activeRecord(admin(), { zoneId: goneZone.id, name: 'www', type: 'A', value: '192.0.2.23' });
    await addKey(admin(), gone.id, await keyPair()); // a deleted tenant's other rows: no hindrance either
    await admin().mutate(DeleteTenantDocument, { input: { id: gone.id } });
    expect((await watchStatus(admin(), gone.id, ['DELETED', 'FAILED'], 90_000)).status).toBe('DELETED');
    const refused = await admin().mutate(DeleteBrandDocument, { input: { id: lone.id } });
    expect(fieldCodes(refused.deleteBrand)).toEqual([['id', 'INVALID_STATE']]);
    expect(refused.deleteBrand.userErrors[0]?.message).toMatch(/DNS zone/);
    const { deleteDnsZone } = await admin().mutate(DeleteDnsZoneDocument, { input: { id: loneZone.id } });
    expect(deleteDnsZone.userErrors).toEqual([]);
    expect((await watchStatus(admin(), loneZone.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    expect((await lookupUntil(`only.${lone.baseHostname}`, 'SOA', (v) => v.length === 0, 3_000)).values).toEqual([]);
    const deleted = await admin().mutate(DeleteBrandDocument, { input: { id: lone.id } });
    expect(deleted.deleteBrand.userErrors).toEqual([]);
  }, 120_000);

  /** Every mutation on the zone and its record answers NOT_FOUND, and nothing changed. */
  async function expectMutationsNotFound(outsider: HostplaneClient) {
    const input = { zoneId: zone.id, name: 'evil', type: 'A' as const, value: '192.0.2.66' };
    expect(codes((await outsider.mutate(CreateDnsRecordDocument, { input })).createDnsRecord)).toEqual(['NOT_FOUND']);
    const id = { input: { id: record.id } };
    expect(codes((await outsider.mutate(DeleteDnsRecordDocument, id)).deleteDnsRecord)).toEqual(['NOT_FOUND']);
    const zoneId = { input: { id: zone.id } };
    expect(codes((await outsider.mutate(DeleteDnsZoneDocument, zoneId)).deleteDnsZone)).toEqual(['NOT_FOUND']);
    expect(codes((await outsider.mutate(RetryDnsZoneDocument, zoneId)).retryDnsZone)).toEqual(['NOT_FOUND']);
    const dnssec = { input: { id: zone.id, dnssec: true } };
    expect(codes((await outsider.mutate(SetDnsZoneDnssecDocument, dnssec)).setDnsZoneDnssec)).toEqual(['NOT_FOUND']);
    expect((await brandKey.query(GetDnsZoneDocument, { id: zone.id })).dnsZone.status).toBe('ACTIVE');
  }
});
