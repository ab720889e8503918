import { randomBytes } from 'node:crypto';
import {
  CreateBrandDocument,
  CreateSshKeyDocument,
  CreateTenantDocument,
  DeleteSshKeyDocument,
  ListTenantSshKeysDocument,
  SetWebrootEnvDocument,
  UpdateWebrootDocument,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import type { Platform } from '../harness/platform.js';
import { keyPair, sshRun } from '../ssh/ssh-client.js';
import { watchStatus } from '../support/watch.js';
import { createActiveWebroot, getSite, writeSiteFile } from '../support/web.js';
import { adminClient } from './admin-client.js';
import { load, ms, percentile, report } from './stats.js';

const LOGINS = 20;
const ROLLOUTS = 10;
const APP = `require('http').createServer((q, s) => s.end(String(process.env.API_TOKEN))).listen(process.env.PORT);`;

/** Polls `probe` every 10 ms until it holds; the milliseconds since `start`. */
async function until(start: number, what: string, probe: () => Promise<boolean>): Promise<number> {
  for (;;) {
    if (await probe()) return performance.now() - start;
    if (performance.now() - start > 60_000) throw new Error(`${what}: not within 60 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function activeTenant(c: HostplaneClient, shard: string) {
  const tag = Date.now().toString(36);
  const { createBrand } = await c.mutate(CreateBrandDocument, {
    input: {
      name: `access-${tag}`,
      baseHostname: `${tag}.access.test`,
      nsHostnames: [`ns1.${tag}.test`, `ns2.${tag}.test`],
      hostmasterEmail: `h@${tag}.test`,
    },
  });
  const shardId = Buffer.from(`Shard:${shard}`).toString('base64url');
  const { createTenant } = await c.mutate(CreateTenantDocument, { input: { brandId: createBrand.brand!.id, shardId } });
  const tenant = createTenant.tenant!;
  if ((await watchStatus(c, tenant.id, ['ACTIVE', 'FAILED'])).status !== 'ACTIVE') throw new Error('tenant FAILED');
  return tenant;
}

/** Adds a fresh key and waits for it to be ACTIVE; its id. */
async function addKeyAndWait(c: HostplaneClient, tenantId: string, name: string): Promise<string> {
  const { createSshKey } = await c.mutate(CreateSshKeyDocument, {
    input: { tenantId, name, publicKey: (await keyPair()).publicKey },
  });
  if (!createSshKey.sshKey) throw new Error(JSON.stringify(createSshKey.userErrors));
  await watchStatus(c, createSshKey.sshKey.id, ['ACTIVE', 'FAILED']);
  return createSshKey.sshKey.id;
}

/**
 * (Issue 11) A tenant's way in and its app's configuration, through the whole platform:
 * createSshKey → the first successful login with it (Debian's ssh against the node's sshd), and
 * setWebrootEnv of a secret → the running Node.js app answering with the new value through HAProxy.
 */
export async function benchTenantAccess(env: Platform): Promise<void> {
  const c = adminClient(env);
  try {
    const tenant = await activeTenant(c, env.shardId);
    // The node's sshd is known to the API once a first key reached it: one untimed key shows it.
    const target = await addKeyAndWait(c, tenant.id, 'warm-up').then(async (id) => {
      const { tenant: seen } = await c.query(ListTenantSshKeysDocument, { tenantId: tenant.id });
      await c.mutate(DeleteSshKeyDocument, { input: { id } });
      return seen.sshEndpoints[0]!;
    });
    const logins: number[] = [];
    const loadAtStart = load();
    for (let i = 0; i < LOGINS; i++) {
      const key = await keyPair();
      const start = performance.now();
      const { createSshKey } = await c.mutate(CreateSshKeyDocument, {
        input: { tenantId: tenant.id, name: `bench-${i}`, publicKey: key.publicKey },
      });
      if (!createSshKey.sshKey) throw new Error(JSON.stringify(createSshKey.userErrors));
      logins.push(await until(start, 'login', async () => (await sshRun(key, target, 'true')).code === 0));
      // A key logs in once its file is written, a moment before its workflow marks it ACTIVE.
      await watchStatus(c, createSshKey.sshKey.id, ['ACTIVE', 'FAILED']);
      const { deleteSshKey } = await c.mutate(DeleteSshKeyDocument, { input: { id: createSshKey.sshKey.id } });
      if (deleteSshKey.userErrors.length) throw new Error(JSON.stringify(deleteSshKey.userErrors));
      await watchStatus(c, createSshKey.sshKey.id, ['DELETED', 'FAILED']);
    }

    const site = await createActiveWebroot(c, { tenantId: tenant.id, runtime: 'STATIC', documentRoot: '' });
    await writeSiteFile(tenant, site.name, 'server.js', APP, env.homeRoot);
    await c.mutate(UpdateWebrootDocument, {
      input: { id: site.id, runtime: 'NODE', appCommand: ['node', 'server.js'] },
    });
    await watchStatus(c, site.id, ['ACTIVE', 'FAILED']);
    const rollouts: number[] = [];
    for (let i = 0; i < ROLLOUTS; i++) {
      const token = `t${i}-${randomBytes(8).toString('hex')}`;
      const start = performance.now();
      const { setWebrootEnv } = await c.mutate(SetWebrootEnvDocument, {
        input: { webrootId: site.id, secrets: [{ name: 'API_TOKEN', value: token }] },
      });
      if (setWebrootEnv.userErrors.length) throw new Error(JSON.stringify(setWebrootEnv.userErrors));
      rollouts.push(
        await until(start, 'secret rollout', async () => {
          const res = await getSite(site.serviceHostname, env.lbUrl).catch(() => ({ body: '' }));
          return res.body === token;
        }),
      );
      await watchStatus(c, site.id, ['ACTIVE', 'FAILED']);
    }
    report('tenant access (issue 11)', [
      ['load average (1/5/15 min) at start', loadAtStart],
      [
        `createSshKey → first login, ${LOGINS} keys: p50 / p90 / max`,
        `${ms(percentile(logins, 50))} / ${ms(percentile(logins, 90))} / ${ms(Math.max(...logins))}`,
      ],
      [
        `setWebrootEnv (secret) → the app answers it, ${ROLLOUTS} updates: p50 / p90 / max`,
        `${ms(percentile(rollouts, 50))} / ${ms(percentile(rollouts, 90))} / ${ms(Math.max(...rollouts))}`,
      ],
    ]);
  } finally {
    await c.close();
  }
}
