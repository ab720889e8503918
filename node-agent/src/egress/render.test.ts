import { describe, expect, it } from 'vitest';
import { golden } from '../webroots/test-harness.js';
import { applyRuleset, liveTable, removeTable } from './apply.js';
import { egressTableName } from '@hostplane/contract/egress';
import { portOf } from './floor.js';
import { renderEgressRuleset, type EgressFloor } from './render.js';

const floor: EgressFloor = {
  table: egressTableName('0b7c2f6e-1d2a-4c1e-9f00-5a1b2c3d4e5f'),
  tenantUids: [300_001, 300_002],
  localTcpPorts: [
    { min: 3306, max: 3306 },
    { min: 40_000, max: 40_199 },
    { min: 8081, max: 8081 },
  ],
  ownPorts: [{ uid: 300_001, port: 20_001 }],
  denied: [{ address: '10.0.0.5', port: 7233 }, { address: '10.1.0.0/16' }, { address: 'fd00::/8' }],
};

describe('egress floor rendering', () => {
  it('renders one table: tenants only, replies pass, local ports listed, control plane refused', async () => {
    const text = renderEgressRuleset(floor);
    expect(text).toBe(await golden('egress/floor.nft', text));
  });

  it('renders a valid table with no tenants yet (empty sets)', () => {
    const text = renderEgressRuleset({ ...floor, tenantUids: [], ownPorts: [], localTcpPorts: [], denied: [] });
    expect(text).toContain('meta skuid @tenants jump tenant');
    expect(text).not.toContain('elements');
  });

  it('reads the port of listen and bind values', () => {
    expect(['80', '127.0.0.1:8081', '[::]:80', ':8080', 'unix:/x'].map(portOf)).toEqual([80, 8081, 80, 8080, null]);
  });

  // nft checks what render.ts writes against the kernel (nf_tables), then the table goes live
  // and away again: the agent's start and shutdown, without any tenant UID in the set.
  it('is accepted by nft, applied and removed (removing twice is fine)', async () => {
    const table = egressTableName(`render-test-${process.pid}`);
    await applyRuleset('nft', renderEgressRuleset({ ...floor, table, tenantUids: [] }));
    expect(await liveTable('nft', table)).toContain('fib daddr type local');
    await applyRuleset('nft', renderEgressRuleset({ ...floor, table, tenantUids: [] }));
    await removeTable('nft', table);
    await removeTable('nft', table);
    expect(await liveTable('nft', table)).toBeNull();
  });

  it('refuses a broken ruleset before anything changes', async () => {
    const table = egressTableName(`render-test-bad-${process.pid}`);
    const bad = renderEgressRuleset({ ...floor, table, denied: [{ address: 'not-an-address' }] });
    await expect(applyRuleset('nft', bad)).rejects.toThrow(/nft -c -f/);
    expect(await liveTable('nft', table)).toBeNull();
  });
});
