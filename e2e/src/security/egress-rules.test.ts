// Issue 10: a tenant's outbound allowlist (egress rules), end to end, and its panel tab. Every
// probe is a real connect() by a process with the tenant's UID; the "outside" is a network
// namespace of the test's own behind a veth pair, so its addresses are remote to the node (every
// address of the node itself is the floor's business: its services for tenants stay open, the
// rest is closed).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { egressTableName } from '@hostplane/contract/egress';
import {
  CreateEgressRuleDocument,
  DeleteEgressRuleDocument,
  DeleteTenantDocument,
  EgressRuleChangedDocument,
  GetEgressRuleDocument,
  GetNodeDocument,
  ListTenantEgressRulesDocument,
  RetryEgressRuleDocument,
  type CreateEgressRuleInput,
  type HostplaneApiError,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import {
  admin,
  client,
  closeClients,
  createBrand,
  createKey,
  createTenant,
  uuidOf,
  withDatabase,
} from '../support/clients.js';
import { expectCode } from '../support/expect-error.js';
import { watchStatus } from '../support/watch.js';
import { badgeHistory, recordBadgeAt } from '../web/support/badge-history.js';
import { screenshot, screenshotOnFailure, startPanel, type Panel } from '../web/support/panel.js';
import { connectAs, endpointOf } from './tenant-process.js';

const run = promisify(execFile);
const PORT = 9443;

/**
 * A network namespace with two listening addresses, reached from the node through a veth pair.
 * The namespace belongs to the listener process (`unshare --net`) and dies with it: no
 * `ip netns` mount under /run/netns (which outlives its namespaces and, in CI's chroot, keeps the
 * machine's folder from being removed), and no `ip netns exec` (it remounts /, which a chroot refuses).
 */
async function outside() {
  const tag = `hpeg${process.pid % 1_000_000}`;
  const net = `198.18.${process.pid % 250}`;
  const hosts = { allowed: `${net}.3`, other: `${net}.2` };
  // Listens once its addresses exist (they are added from outside just after it starts).
  const script = `const net = require('node:net');
for (const h of ${JSON.stringify(Object.values(hosts))}) (function listen() {
  const server = net.createServer((s) => s.end());
  server.once('error', () => setTimeout(listen, 50));
  server.listen(${PORT}, h, () => process.stdout.write('.'));
})();`;
  const listener: ChildProcess = spawn('unshare', ['--net', process.execPath, '-e', script], { stdio: 'pipe' });
  const ready = new Promise<void>((resolve, reject) => {
    let dots = '';
    listener.stdout!.on('data', (chunk: Buffer) => (dots += chunk.toString()) === '..' && resolve());
    listener.once('exit', (code) => reject(new Error(`listener exited ${code}`)));
  });
  const ip = (...args: string[]) => run('ip', args);
  const inside = (...args: string[]) => run('nsenter', [`--net=/proc/${listener.pid}/ns/net`, 'ip', ...args]);
  const close = async () => {
    listener.kill();
    await ip('link', 'del', `${tag}a`).catch(() => undefined); // gone with the namespace anyway
  };
  try {
    await ip('link', 'del', `${tag}a`).catch(() => undefined); // a crashed run's leftover
    await ip('link', 'add', `${tag}a`, 'type', 'veth', 'peer', 'name', `${tag}b`, 'netns', String(listener.pid));
    await ip('addr', 'add', `${net}.1/29`, 'dev', `${tag}a`);
    await ip('link', 'set', `${tag}a`, 'up');
    for (const host of [2, 3]) await inside('addr', 'add', `${net}.${host}/29`, 'dev', `${tag}b`);
    await inside('link', 'set', `${tag}b`, 'up');
    await ready;
  } catch (error) {
    await close();
    throw error;
  }
  return { hosts, close };
}

/** Polls until `uid` gets `want` connecting to host:port (a rule goes live a moment after ACTIVE at most). */
async function connectUntil(uid: number, host: string, port: number, want: string): Promise<string> {
  let got = '';
  for (let i = 0; i < 20 && got !== want; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 250));
    got = await connectAs(uid, host, port);
  }
  return got;
}

async function addRule(c: HostplaneClient, input: CreateEgressRuleInput) {
  const { createEgressRule } = await c.mutate(CreateEgressRuleDocument, { input });
  expect(createEgressRule.userErrors).toEqual([]);
  const rule = createEgressRule.egressRule!;
  expect((await watchStatus(c, rule.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
  return rule;
}

async function removeRule(c: HostplaneClient, id: string) {
  const { deleteEgressRule } = await c.mutate(DeleteEgressRuleDocument, { input: { id } });
  expect(deleteEgressRule.userErrors).toEqual([]);
  expect((await watchStatus(c, id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
}

async function activeTenant(brandId: string, name: string) {
  const tenant = await createTenant(admin(), brandId, name);
  expect((await watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
  return tenant;
}

describe('egress rules: a tenant’s outbound allowlist, as its own UID sees it', () => {
  let net: Awaited<ReturnType<typeof outside>>;
  let brandId: string;
  let tenant: { id: string; uid: number };
  let neighbour: { id: string; uid: number };

  beforeAll(async () => {
    net = await outside();
    brandId = (await createBrand()).id;
    [tenant, neighbour] = await Promise.all([
      activeTenant(brandId, 'egress rules'),
      activeTenant(brandId, 'neighbour'),
    ]);
  }, 90_000);

  afterAll(async () => {
    await net?.close();
    await closeClients();
  });

  it('leaves a tenant without rules unrestricted', async () => {
    expect(await connectAs(tenant.uid, net.hosts.other, PORT)).toBe('OPEN');
    expect(await connectAs(tenant.uid, net.hosts.allowed, PORT)).toBe('OPEN');
    const { tenant: read } = await admin().query(ListTenantEgressRulesDocument, { tenantId: tenant.id });
    expect(read.egressRules.totalCount).toBe(0);
  });

  it('with a rule, reaches only its destination; the neighbour is unaffected; deleting it restores', async () => {
    const rule = await addRule(admin(), {
      tenantId: tenant.id,
      cidr: net.hosts.allowed,
      protocol: 'TCP',
      portFrom: PORT,
      description: 'the partner API',
    });
    expect(rule).toMatchObject({ cidr: `${net.hosts.allowed}/32`, protocol: 'TCP', portFrom: PORT, portTo: PORT });
    expect(await connectUntil(tenant.uid, net.hosts.other, PORT, 'ECONNREFUSED')).toBe('ECONNREFUSED');
    expect(await connectAs(tenant.uid, net.hosts.allowed, PORT)).toBe('OPEN');
    expect(await connectAs(neighbour.uid, net.hosts.other, PORT)).toBe('OPEN');
    // The node's own services for tenants are the floor's, not the allowlist's: MariaDB stays open.
    expect(await connectAs(tenant.uid, '127.0.0.1', 3306)).toBe('OPEN');
    const { stdout } = await run('nft', ['list', 'table', 'inet', egressTableName(getPlatform().nodeId)]);
    expect(stdout).toContain(`chain allow_${tenant.uid}`);

    const { tenant: read } = await admin().query(ListTenantEgressRulesDocument, { tenantId: tenant.id });
    expect(read.egressRules.edges.map((e) => [e.node.id, e.node.status])).toEqual([[rule.id, 'ACTIVE']]);

    await removeRule(admin(), rule.id);
    expect(await connectUntil(tenant.uid, net.hosts.other, PORT, 'OPEN')).toBe('OPEN');
  }, 90_000);

  it('cannot reopen the control plane: the floor is evaluated before any rule', async () => {
    const { temporalAddress, databaseUrl } = getPlatform();
    const temporal = endpointOf(temporalAddress);
    const postgres = endpointOf(databaseUrl);
    const rules = [
      await addRule(admin(), { tenantId: tenant.id, cidr: '0.0.0.0/0' }),
      await addRule(admin(), { tenantId: tenant.id, cidr: '127.0.0.0/8', protocol: 'TCP', portFrom: temporal.port }),
    ];
    expect(await connectAs(tenant.uid, net.hosts.other, PORT)).toBe('OPEN'); // 0.0.0.0/0 is live
    expect(await connectAs(tenant.uid, temporal.host, temporal.port)).toBe('ECONNREFUSED');
    expect(await connectAs(tenant.uid, postgres.host, postgres.port)).toBe('ECONNREFUSED');
    for (const rule of rules) await removeRule(admin(), rule.id);
  }, 90_000);

  it('refuses bad input with a userError: no row, no workflow', async () => {
    const c = admin();
    const refused = async (input: Partial<CreateEgressRuleInput>) =>
      (await c.mutate(CreateEgressRuleDocument, { input: { tenantId: tenant.id, cidr: '192.0.2.1', ...input } }))
        .createEgressRule;
    const cases: Array<[Partial<CreateEgressRuleInput>, string[], string]> = [
      [{ cidr: 'example.com' }, ['input', 'cidr'], 'INVALID'],
      [{ cidr: '10.0.0.0/33' }, ['input', 'cidr'], 'INVALID'],
      [{ cidr: '10.0.0.1 accept' }, ['input', 'cidr'], 'INVALID'],
      [{ portFrom: 0 }, ['input', 'portFrom'], 'INVALID'],
      [{ portFrom: 443, portTo: 80 }, ['input', 'portTo'], 'INVALID'],
      [{ portTo: 80 }, ['input', 'portFrom'], 'INVALID'],
      [{ description: 'x'.repeat(201) }, ['input', 'description'], 'INVALID'],
    ];
    for (const [input, field, code] of cases) {
      const result = await refused(input);
      expect([input, result.egressRule, result.userErrors.map((e) => [e.field, e.code])]).toEqual([
        input,
        null,
        [[field, code]],
      ]);
    }
    const rows = await withDatabase(async (db) => {
      const { rows } = await db.query('SELECT count(*)::int AS n FROM "EgressRule" WHERE "tenantId" = $1', [
        uuidOf(tenant.id),
      ]);
      const events = await db.query(
        `SELECT count(*)::int AS n FROM "Event" WHERE "tenantId" = $1 AND "resourceType" = 'EgressRule'`,
        [uuidOf(tenant.id)],
      );
      return { rules: rows[0].n as number, events: events.rows[0].n as number };
    });
    // Only the rules the earlier tests added (DELETED now), with their events: nothing of these.
    const before = await admin().query(ListTenantEgressRulesDocument, { tenantId: tenant.id });
    expect(before.tenant.egressRules.totalCount).toBe(0);
    expect(rows.rules).toBe(3);
    expect(rows.events).toBeGreaterThan(0);
    const unknownTenant = await c.mutate(CreateEgressRuleDocument, {
      input: {
        tenantId: Buffer.from('Tenant:00000000-0000-4000-8000-000000000000').toString('base64url'),
        cidr: '192.0.2.1',
      },
    });
    expect(unknownTenant.createEgressRule.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
  });

  it('refuses the same destination twice (TAKEN) and re-runs a FAILED rule on retry', async () => {
    const rule = await addRule(admin(), {
      tenantId: tenant.id,
      cidr: `${net.hosts.allowed}/32`,
      protocol: 'TCP',
      portFrom: PORT,
    });
    const again = await admin().mutate(CreateEgressRuleDocument, {
      input: { tenantId: tenant.id, cidr: net.hosts.allowed, protocol: 'TCP', portFrom: PORT, portTo: PORT },
    });
    expect(again.createEgressRule.userErrors.map((e) => [e.field, e.code])).toEqual([[['input', 'cidr'], 'TAKEN']]);
    const active = await admin().mutate(RetryEgressRuleDocument, { input: { id: rule.id } });
    expect(active.retryEgressRule.userErrors.map((e) => e.code)).toEqual(['INVALID_STATE']);
    // Arrange a FAILED create (the API never writes one by itself): retry applies it again.
    await withDatabase((db) =>
      db.query(`UPDATE "EgressRule" SET status = 'FAILED', "statusMessage" = 'node down' WHERE id = $1`, [
        uuidOf(rule.id),
      ]),
    );
    const retried = await admin().mutate(RetryEgressRuleDocument, { input: { id: rule.id } });
    expect(retried.retryEgressRule.userErrors).toEqual([]);
    expect((await watchStatus(admin(), rule.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    expect(await connectUntil(tenant.uid, net.hosts.other, PORT, 'ECONNREFUSED')).toBe('ECONNREFUSED');
    await removeRule(admin(), rule.id);
  }, 90_000);

  it('converges when rules are added and removed side by side: each sync applies the whole list', async () => {
    const chain = async () => {
      const { stdout } = await run('nft', ['list', 'table', 'inet', egressTableName(getPlatform().nodeId)]);
      // nft prints the chain's rules indented by two tabs, its closing brace by one.
      const at = stdout.indexOf(`chain allow_${tenant.uid} {`);
      return at === -1 ? '' : (stdout.slice(at).split('\n\t}')[0] ?? '');
    };
    const rules = await Promise.all(
      [net.hosts.other, net.hosts.allowed].map((cidr) =>
        addRule(admin(), { tenantId: tenant.id, cidr, protocol: 'TCP', portFrom: PORT }),
      ),
    );
    const live = await chain();
    for (const host of [net.hosts.other, net.hosts.allowed]) {
      expect(live).toContain(`ip daddr ${host} tcp dport ${PORT} accept`);
      expect(await connectAs(tenant.uid, host, PORT)).toBe('OPEN');
    }
    await Promise.all(rules.map((rule) => removeRule(admin(), rule.id)));
    expect(await chain()).toBe('');
  }, 90_000);

  it('goes with its tenant: the delete cascade removes the chain and marks the rules DELETED', async () => {
    const leaving = await activeTenant(brandId, 'leaving');
    const rule = await addRule(admin(), { tenantId: leaving.id, cidr: net.hosts.allowed });
    const table = () => run('nft', ['list', 'table', 'inet', egressTableName(getPlatform().nodeId)]);
    expect((await table()).stdout).toContain(`chain allow_${leaving.uid}`);
    const { deleteTenant } = await admin().mutate(DeleteTenantDocument, { input: { id: leaving.id } });
    expect(deleteTenant.userErrors).toEqual([]);
    expect((await watchStatus(admin(), leaving.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    expect((await table()).stdout).not.toContain(`allow_${leaving.uid}`);
    expect((await admin().query(GetEgressRuleDocument, { id: rule.id })).egressRule.status).toBe('DELETED');
  }, 90_000);
});

describe('egress rules: isolation between brands, tenants and scopes', () => {
  let ownRule: { id: string };
  let tenantId: string;
  let otherTenantId: string;
  let brandId: string;

  beforeAll(async () => {
    brandId = (await createBrand()).id;
    const [own, other] = await Promise.all([
      createTenant(admin(), brandId, 'own'),
      createTenant(admin(), brandId, 'other'),
    ]);
    tenantId = own.id;
    otherTenantId = other.id;
    const { createEgressRule } = await admin().mutate(CreateEgressRuleDocument, {
      input: { tenantId, cidr: '192.0.2.0/24', protocol: 'TCP', portFrom: 443 },
    });
    ownRule = createEgressRule.egressRule!;
    expect((await watchStatus(admin(), ownRule.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
  }, 90_000);

  afterAll(closeClients);

  const firstAnswer = (c: HostplaneClient, id: string) =>
    new Promise<string[]>((resolve) => {
      const stop = c.subscribe(
        EgressRuleChangedDocument,
        { id, after: '0' },
        () => {
          stop();
          resolve(['EVENT']);
        },
        (error: HostplaneApiError) => resolve(error.codes),
      );
    });

  /** Every path to the rule, each answering NOT_FOUND for a key that may not see it. */
  async function expectInvisible(c: HostplaneClient) {
    await expectCode(c.query(GetEgressRuleDocument, { id: ownRule.id }), 'NOT_FOUND');
    await expectCode(c.query(GetNodeDocument, { id: ownRule.id }), 'NOT_FOUND');
    await expectCode(c.query(ListTenantEgressRulesDocument, { tenantId }), 'NOT_FOUND');
    const mutations = [
      (await c.mutate(DeleteEgressRuleDocument, { input: { id: ownRule.id } })).deleteEgressRule.userErrors,
      (await c.mutate(RetryEgressRuleDocument, { input: { id: ownRule.id } })).retryEgressRule.userErrors,
      (await c.mutate(CreateEgressRuleDocument, { input: { tenantId, cidr: '198.51.100.1' } })).createEgressRule
        .userErrors,
    ];
    expect(mutations.map((errors) => errors.map((e) => e.code))).toEqual([['NOT_FOUND'], ['NOT_FOUND'], ['NOT_FOUND']]);
    expect(await firstAnswer(c, ownRule.id)).toEqual(['NOT_FOUND']);
  }

  it('hides a brand’s rules from another brand’s key on every path', async () => {
    const otherBrand = (await createBrand()).id;
    await expectInvisible(client(await createKey(['egress_rules:*', 'tenants:read'], [otherBrand])));
  });

  it('hides a tenant’s rules from another tenant’s key, and lets the tenant’s own key manage them', async () => {
    await expectInvisible(client(await createKey(['egress_rules:*', 'tenants:read'], [brandId], otherTenantId)));

    const own = client(await createKey(['egress_rules:*', 'tenants:read'], [brandId], tenantId));
    expect((await own.query(GetEgressRuleDocument, { id: ownRule.id })).egressRule.id).toBe(ownRule.id);
    expect((await own.query(GetNodeDocument, { id: ownRule.id })).node.id).toBe(ownRule.id);
    const { tenant } = await own.query(ListTenantEgressRulesDocument, { tenantId });
    expect(tenant.egressRules.edges.map((e) => e.node.id)).toEqual([ownRule.id]);
    expect(await firstAnswer(own, ownRule.id)).toEqual(['EVENT']);
    const created = await addRule(own, { tenantId, cidr: '198.51.100.1' });
    await removeRule(own, created.id);
  }, 60_000);

  it('needs egress_rules:read to read and egress_rules:write to change', async () => {
    const readOnly = client(await createKey(['egress_rules:read', 'tenants:read'], [brandId]));
    expect((await readOnly.query(GetEgressRuleDocument, { id: ownRule.id })).egressRule.id).toBe(ownRule.id);
    await expectCode(readOnly.mutate(DeleteEgressRuleDocument, { input: { id: ownRule.id } }), 'FORBIDDEN');
    const tenantsOnly = client(await createKey(['tenants:*'], [brandId]));
    await expectCode(tenantsOnly.query(GetEgressRuleDocument, { id: ownRule.id }), 'FORBIDDEN');
    await expectCode(tenantsOnly.query(ListTenantEgressRulesDocument, { tenantId }), 'FORBIDDEN');
  });
});

describe('egress rules in the panel: a tenant’s Outbound rules tab', () => {
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
  let tenantId: string;

  beforeAll(async () => {
    const brand = await createBrand();
    const tenant = await createTenant(admin(), brand.id, 'Outbound shop');
    tenantId = tenant.id;
    [panel] = await Promise.all([startPanel('egress-rules'), watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])]);
    const key = await createKey(['tenants:read', 'egress_rules:*'], [brand.id], tenant.id);
    page = await panel.newPage({ apiKey: key });
    await page.goto(`/tenant/${encodeURIComponent(tenant.id)}`);
    await page.getByRole('heading', { name: 'Outbound shop' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await panel?.close();
    await closeClients();
  });

  it('adds a rule live to ACTIVE (a bad destination shows at its field, creating nothing) and deletes it behind a confirmation', async () => {
    await page.getByRole('tab', { name: 'Outbound rules' }).click();
    await page.getByText('No outbound rules').waitFor();
    await page.getByRole('button', { name: 'New rule' }).click();
    const form = page.getByRole('dialog', { name: 'New outbound rule' });
    await form.getByLabel('Destination').fill('example.com');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => form.getByLabel('Destination').getAttribute('aria-invalid')).toBe('true');
    const listed = async () =>
      (await admin().query(ListTenantEgressRulesDocument, { tenantId })).tenant.egressRules.totalCount;
    expect(await listed()).toBe(0);

    await recordBadgeAt(page, 'table[aria-label="Outbound rules"] td.status [data-status]');
    await form.getByLabel('Destination').fill('192.0.2.0/24');
    await form.getByLabel('Port', { exact: true }).fill('443');
    await form.getByLabel('Description').fill('payment API');
    await form.getByRole('button', { name: 'Add rule' }).click();
    const row = page.getByRole('table', { name: 'Outbound rules' }).getByRole('row').nth(1);
    await row.locator('td.status [data-status="ACTIVE"]').waitFor({ timeout: 25_000 });
    // Live, without a reload: the badge moved on by itself and ended ACTIVE.
    expect((await badgeHistory(page)).at(-1)).toBe('ACTIVE');
    expect(await listed()).toBe(1);
    await screenshot(page, 'tenant-outbound-rules');

    await row.getByRole('button', { name: 'Delete rule 192.0.2.0/24 TCP 443', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete the outbound rule 192.0.2.0/24 TCP 443?' });
    await confirm.getByRole('button', { name: 'Delete rule' }).click();
    await page.getByText('No outbound rules').waitFor({ timeout: 25_000 });
    expect(await listed()).toBe(0);
  }, 90_000);
});
