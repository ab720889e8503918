import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { egressTableName } from '@hostplane/contract/egress';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { golden } from '../webroots/test-harness.js';
import { egressAllowlistSchema, type EgressAllowlist } from './allowlist.js';
import { AllowlistStore } from './allowlist-store.js';
import { applyRuleset, liveTable, removeTable } from './apply.js';
import { EgressFloorManager } from './floor.js';
import { renderEgressRuleset, type EgressFloor } from './render.js';
import { parseResolvers } from './resolvers.js';

const shop: EgressAllowlist = {
  tenant: 't_shop000001',
  uid: 300_001,
  rules: [
    { cidr: '198.51.100.7/32', protocol: 'ANY', portFrom: null, portTo: null },
    { cidr: '0.0.0.0/0', protocol: 'TCP', portFrom: 443, portTo: 443 },
    { cidr: '203.0.113.0/24', protocol: 'UDP', portFrom: 5000, portTo: 5100 },
    { cidr: '2001:db8::/32', protocol: 'ANY', portFrom: 8000, portTo: 8100 },
    { cidr: '::/0', protocol: 'TCP', portFrom: null, portTo: null },
  ],
};
const open: EgressAllowlist = { tenant: 't_open000002', uid: 300_002, rules: [] };

const floor: EgressFloor = {
  table: egressTableName('0b7c2f6e-1d2a-4c1e-9f00-5a1b2c3d4e5f'),
  tenantUids: [300_001, 300_002],
  localTcpPorts: [{ min: 3306, max: 3306 }],
  ownPorts: [],
  denied: [{ address: '10.0.0.5', port: 7233 }],
  allowlists: [shop, open],
  resolvers: ['192.0.2.53', '2001:db8::53'],
};

describe('tenant allowlists in the egress table', () => {
  it('sends only restricted UIDs, after every floor rule, to a chain that ends in a refusal', async () => {
    const text = renderEgressRuleset(floor);
    expect(text).toBe(await golden('egress/allowlists.nft', text));
    const tenantChain = text.slice(text.indexOf('chain tenant'), text.indexOf('chain allow_'));
    // The floor's verdicts come first: the dispatch is the chain's last rule.
    expect(tenantChain.trim().split('\n').at(-2)?.trim()).toBe('meta skuid vmap { 300001 : jump allow_300001 }');
    expect(text).not.toContain('allow_300002');
  });

  it('leaves the floor exactly as it was while no tenant has rules', () => {
    const without = renderEgressRuleset({ ...floor, allowlists: [], resolvers: [] });
    expect(renderEgressRuleset({ ...floor, allowlists: [open] })).toBe(without);
    expect(without).not.toContain('vmap');
  });

  it('refuses a spec that is not plain data before it could reach an nft script', () => {
    const rule = shop.rules[0]!;
    const bad = [
      { ...shop, tenant: 'root' },
      { ...shop, uid: 0 },
      { ...shop, rules: [{ ...rule, cidr: '10.0.0.0/8 accept' }] },
      { ...shop, rules: [{ ...rule, cidr: '10.0.0.0/8; flush ruleset' }] },
      { ...shop, rules: [{ ...rule, protocol: 'ICMP' }] },
      { ...shop, rules: [{ ...rule, portFrom: 443, portTo: null }] },
      { ...shop, rules: [{ ...rule, portFrom: 443, portTo: 80 }] },
      { ...shop, rules: [{ ...rule, portFrom: 0, portTo: 0 }] },
    ];
    expect(bad.map((spec) => egressAllowlistSchema.safeParse(spec).success)).toEqual(bad.map(() => false));
  });

  it('reads the node’s name servers from resolv.conf', () => {
    const text = '# generated\nnameserver 192.0.2.53\nnameserver fe80::1%eth0\nsearch example\nnameserver x\n';
    expect(parseResolvers(text)).toEqual(['192.0.2.53', 'fe80::1']);
  });

  // The kernel's own check (nft -c), then live and away again, as the agent does it.
  it('is accepted by nft with every kind of rule', async () => {
    const table = egressTableName(`allowlist-test-${process.pid}`);
    try {
      await applyRuleset('nft', renderEgressRuleset({ ...floor, table, tenantUids: [] }));
      const live = await liveTable('nft', table);
      expect(live).toContain('chain allow_300001');
      expect(live).toContain('ip daddr 0.0.0.0/0 tcp dport 443 accept');
    } finally {
      await removeTable('nft', table);
    }
  });
});

describe('allowlists on a node', () => {
  let dir: string;
  let table: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'egress-allowlists-'));
    table = egressTableName(`allowlist-manager-${process.pid}`);
  });

  afterEach(async () => {
    await removeTable('nft', table);
    await rm(dir, { recursive: true, force: true });
  });

  const manager = (nft = 'nft') =>
    new EgressFloorManager({
      nft,
      table,
      homeRoot: path.join(dir, 'homes'),
      localTcpPorts: [],
      denied: [],
      allowlists: new AllowlistStore(path.join(dir, 'allowlists')),
      resolvers: [],
    });

  it('applies, keeps and forgets a tenant’s allowlist; the same list twice changes nothing', async () => {
    const floorManager = manager();
    expect(await floorManager.setAllowlist(shop)).toEqual({ changed: true });
    expect(await floorManager.setAllowlist(shop)).toEqual({ changed: false });
    expect(await liveTable('nft', table)).toContain('chain allow_300001');
    // A restarted agent renders the same table from what it stored.
    expect(await manager().refresh()).toEqual({ changed: true });
    expect(await liveTable('nft', table)).toContain('chain allow_300001');

    expect(await floorManager.setAllowlist({ ...shop, rules: [] })).toEqual({ changed: true });
    expect(await liveTable('nft', table)).not.toContain('allow_300001');
    expect(await readdir(path.join(dir, 'allowlists'))).toEqual([]);

    await floorManager.setAllowlist(shop);
    await floorManager.removeAllowlist(shop.tenant);
    expect(await liveTable('nft', table)).not.toContain('allow_300001');
  });

  it('refuses a bad spec non-retryably, and stores nothing when nft refuses the ruleset', async () => {
    await expect(manager().setAllowlist({ ...shop, uid: -1 })).rejects.toMatchObject({
      type: 'InvalidEgressAllowlist',
    });
    await expect(manager('false').setAllowlist(shop)).rejects.toThrow();
    expect(await new AllowlistStore(path.join(dir, 'allowlists')).list()).toEqual([]);
  });
});
