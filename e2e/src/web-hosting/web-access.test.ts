// Webroots and FQDNs across brands, tenants and scopes: a key of brand A reaches nothing of
// brand B by any path (list, get, node, search, nested, mutation, subscription), and every
// operation needs its scope.
import { randomUUID } from 'node:crypto';
import {
  BindFqdnDocument,
  ConvergeShardDocument,
  CreateWebrootDocument,
  DeleteWebrootDocument,
  EventsDocument,
  FqdnChangedDocument,
  GetFqdnDocument,
  GetNodeDocument,
  GetShardDocument,
  GetWebrootDocument,
  ListShardsDocument,
  ListWebrootsDocument,
  RetryFqdnDocument,
  RetryWebrootDocument,
  SearchDocument,
  ShardChangedDocument,
  UnbindFqdnDocument,
  UpdateWebrootDocument,
  WebrootChangedDocument,
  type HostplaneClient,
  type ResourceEventFieldsFragment,
  type HostplaneApiError,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, client, closeClients, createBrand, createKey, createTenant } from '../support/clients.js';
import { expectCode } from '../support/expect-error.js';
import { watchTenant } from '../support/watch.js';
import { convergeAndWait } from '../support/convergence.js';
import { bindActive, createActiveWebroot, watchFqdn, watchWebroot } from '../support/web.js';

interface Site {
  tenant: { id: string; name: string };
  webroot: { id: string; name: string };
  fqdn: { id: string; hostname: string };
}

async function site(brandId: string, hostname: string): Promise<Site> {
  const tenant = await createTenant(admin(), brandId, 'access tenant');
  await watchTenant(admin(), tenant.id, ['ACTIVE']);
  const webroot = await createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'STATIC' });
  return { tenant, webroot, fqdn: await bindActive(admin(), webroot.id, hostname) };
}

/** Webroot and FQDN events `c` receives (replayed from the start, then live) while `act` runs, until its own webroot is ACTIVE again. */
async function eventsDuring(
  c: HostplaneClient,
  ownId: string,
  act: () => Promise<unknown>,
): Promise<ResourceEventFieldsFragment[]> {
  const received: ResourceEventFieldsFragment[] = [];
  let stop = () => {};
  const sawOwn = new Promise<void>((resolve, reject) => {
    stop = c.subscribe(
      EventsDocument,
      { after: '0', filter: { resourceTypes: ['Webroot', 'Fqdn'] } },
      ({ events }) => {
        received.push(events);
        if (events.resourceId === ownId && events.kind === 'STATUS' && events.status === 'ACTIVE') resolve();
      },
      reject,
    );
  });
  await act();
  await sawOwn;
  stop();
  return received;
}

describe('webroot and FQDN access', () => {
  const tag = randomUUID().slice(0, 8);
  let a: Site;
  let b: Site;
  let keyA: string;
  let brandA: string;

  beforeAll(async () => {
    const brands = await Promise.all([createBrand(), createBrand()]);
    brandA = brands[0].id;
    [a, b] = await Promise.all([site(brandA, `a-${tag}.example.test`), site(brands[1].id, `b-${tag}.example.test`)]);
    keyA = await createKey(['webroots:*', 'tenants:read'], [brandA]);
  }, 90_000);
  afterAll(closeClients);

  it('lists, gets, resolves and finds only brand A’s webroots and FQDNs', async () => {
    const c = client(keyA);
    const { webroots } = await c.query(ListWebrootsDocument, {
      first: 100,
      filter: { status: null },
    });
    expect(webroots.edges.map((e) => e.node.id)).toEqual([a.webroot.id]);
    expect(webroots.edges[0]?.node.fqdns.map((f) => f.hostname)).toEqual([a.fqdn.hostname]);
    await expectCode(c.query(GetWebrootDocument, { id: b.webroot.id }), 'NOT_FOUND');
    await expectCode(c.query(GetFqdnDocument, { id: b.fqdn.id }), 'NOT_FOUND');
    await expectCode(c.query(GetNodeDocument, { id: b.webroot.id }), 'NOT_FOUND');
    await expectCode(c.query(GetNodeDocument, { id: b.fqdn.id }), 'NOT_FOUND');
    expect((await c.query(GetNodeDocument, { id: a.fqdn.id })).node.id).toBe(a.fqdn.id);
    const byTenant = (tenantId: string) => c.query(ListWebrootsDocument, { first: 10, filter: { tenantId } });
    expect((await byTenant(b.tenant.id)).webroots.totalCount).toBe(0);
    expect((await byTenant(a.tenant.id)).webroots.edges.map((e) => e.node.id)).toEqual([a.webroot.id]);
    expect((await c.query(SearchDocument, { query: tag })).search.map((r) => r.id)).toEqual([a.fqdn.id]);
    expect((await c.query(SearchDocument, { query: b.webroot.name })).search).toEqual([]);
    expect((await admin().query(SearchDocument, { query: tag })).search.map((r) => r.id).sort()).toEqual(
      [a.fqdn.id, b.fqdn.id].sort(),
    );
  });

  it('cannot change brand B’s webroots and FQDNs, nor use its tenant or webroot', async () => {
    const c = client(keyA);
    const notFound = (errors: { code: string }[]) => expect(errors[0]?.code).toBe('NOT_FOUND');
    notFound(
      (await c.mutate(UpdateWebrootDocument, { input: { id: b.webroot.id, documentRoot: 'x' } })).updateWebroot
        .userErrors,
    );
    notFound((await c.mutate(DeleteWebrootDocument, { input: { id: b.webroot.id } })).deleteWebroot.userErrors);
    notFound((await c.mutate(RetryWebrootDocument, { input: { id: b.webroot.id } })).retryWebroot.userErrors);
    notFound((await c.mutate(UnbindFqdnDocument, { input: { id: b.fqdn.id } })).unbindFqdn.userErrors);
    notFound((await c.mutate(RetryFqdnDocument, { input: { id: b.fqdn.id } })).retryFqdn.userErrors);
    notFound(
      (
        await c.mutate(CreateWebrootDocument, {
          input: { tenantId: b.tenant.id, runtime: 'STATIC' },
        })
      ).createWebroot.userErrors,
    );
    const bind = await c.mutate(BindFqdnDocument, {
      input: { webrootId: b.webroot.id, hostname: `x-${tag}.example.test` },
    });
    expect(bind.bindFqdn.userErrors[0]).toMatchObject({
      field: ['input', 'webrootId'],
      code: 'NOT_FOUND',
    });
    expect((await admin().query(GetWebrootDocument, { id: b.webroot.id })).webroot.status).toBe('ACTIVE');
  });

  it('receives no brand B or shard event, replayed or live, on events, webrootChanged, fqdnChanged, shardChanged', async () => {
    const c = client(keyA);
    const leaked: ResourceEventFieldsFragment[] = [];
    const keep = ({ webrootChanged, fqdnChanged, shardChanged }: Record<string, ResourceEventFieldsFragment>) =>
      leaked.push((webrootChanged ?? fqdnChanged ?? shardChanged)!);
    const lbShard = (await admin().query(ListShardsDocument, { role: 'LB' })).shards.find(
      (s) => s.name === 'local-lb',
    )!;
    // Each foreign subscription is refused outright, with its own code: brand B's resources do not
    // exist for key A, and shards are infrastructure, which a tenant key may not read.
    const refused: Record<string, string[]> = {};
    const refusal = (name: string) => (error: HostplaneApiError) => (refused[name] = error.codes);
    const stops = [
      c.subscribe(WebrootChangedDocument, { id: b.webroot.id, after: '0' }, keep, refusal('webrootChanged')),
      c.subscribe(FqdnChangedDocument, { id: b.fqdn.id, after: '0' }, keep, refusal('fqdnChanged')),
      c.subscribe(ShardChangedDocument, { id: lbShard.id, after: '0' }, keep, refusal('shardChanged')),
    ];
    const received = await eventsDuring(c, a.webroot.id, async () => {
      await admin().mutate(UpdateWebrootDocument, { input: { id: b.webroot.id } });
      await admin().mutate(UnbindFqdnDocument, { input: { id: b.fqdn.id } });
      await Promise.all([
        watchWebroot(admin(), b.webroot.id, ['ACTIVE']),
        watchFqdn(admin(), b.fqdn.id, ['DELETED']),
        convergeAndWait(lbShard.id),
      ]);
      await admin().mutate(UpdateWebrootDocument, { input: { id: a.webroot.id } });
    });
    stops.forEach((stop) => stop());
    expect(received.length).toBeGreaterThan(1);
    expect(received.some((e) => e.tenantId === b.tenant.id)).toBe(false);
    expect(leaked).toEqual([]);
    expect(refused).toEqual({
      webrootChanged: ['NOT_FOUND'],
      fqdnChanged: ['NOT_FOUND'],
      shardChanged: ['FORBIDDEN'],
    });
  }, 60_000); // two webroot workflows, an unbind and a load balancer convergence, under load

  it('needs webroots:read to read, webroots:write to change, infrastructure:write (platform-wide) to converge', async () => {
    const shardId = Buffer.from(`Shard:${getPlatform().shardId}`).toString('base64url');
    const tenantsOnly = client(await createKey(['tenants:*'], ['*']));
    await expectCode(tenantsOnly.query(ListWebrootsDocument, { first: 5 }), 'FORBIDDEN');
    await expectCode(tenantsOnly.query(GetWebrootDocument, { id: a.webroot.id }), 'FORBIDDEN');
    const reader = client(await createKey(['webroots:read'], ['*']));
    expect((await reader.query(GetWebrootDocument, { id: a.webroot.id })).webroot.id).toBe(a.webroot.id);
    await expectCode(
      reader.mutate(CreateWebrootDocument, { input: { tenantId: a.tenant.id, runtime: 'STATIC' } }),
      'FORBIDDEN',
    );
    await expectCode(reader.mutate(UnbindFqdnDocument, { input: { id: a.fqdn.id } }), 'FORBIDDEN');
    await expectCode(client(keyA).mutate(ConvergeShardDocument, { input: { shardId } }), 'FORBIDDEN');
    const brandInfra = client(await createKey(['infrastructure:*'], [(await createBrand()).id]));
    await expectCode(brandInfra.mutate(ConvergeShardDocument, { input: { shardId } }), 'FORBIDDEN');
    await expectCode(client(keyA).query(GetShardDocument, { id: shardId }), 'FORBIDDEN');
  });

  it('binds a tenant key to its own tenant’s webroots', async () => {
    const sibling = await createTenant(admin(), brandA, 'sibling tenant');
    await watchTenant(admin(), sibling.id, ['ACTIVE']);
    const theirs = await createActiveWebroot(admin(), { tenantId: sibling.id, runtime: 'STATIC' });
    const own = client(await createKey(['webroots:*', 'tenants:read'], [brandA], a.tenant.id));
    const list = await own.query(ListWebrootsDocument, { first: 100 });
    expect(list.webroots.edges.map((e) => e.node.id)).toEqual([a.webroot.id]);
    await expectCode(own.query(GetWebrootDocument, { id: theirs.id }), 'NOT_FOUND');
    const create = await own.mutate(CreateWebrootDocument, {
      input: { tenantId: sibling.id, runtime: 'STATIC' },
    });
    expect(create.createWebroot.userErrors[0]?.code).toBe('NOT_FOUND');
  });
});
