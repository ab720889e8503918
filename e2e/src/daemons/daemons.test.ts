// Issue 11, daemons: a webroot's long-running process under supervisord, through this run's real
// API, worker, node agent, supervisord, nginx and HAProxy. A WebSocket echo daemon answers at /ws
// of the webroot's host name; killed with SIGKILL it comes back; a suspended tenant's daemon stops
// and its unsuspend starts it; its log tail shows what it printed; bad input writes nothing; and
// no other brand's or tenant's key reads, lists, changes or follows it.
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import {
  CreateDaemonDocument,
  DaemonChangedDocument,
  DeleteDaemonDocument,
  DeleteWebrootDocument,
  DisableDaemonDocument,
  EnableDaemonDocument,
  GetDaemonDocument,
  GetDaemonLogTailDocument,
  GetNodeDocument,
  ListWebrootDaemonsDocument,
  SetWebrootEnvDocument,
  SuspendTenantDocument,
  UnsuspendTenantDocument,
  UpdateDaemonDocument,
  UpdateTenantDocument,
  type CreateDaemonInput,
  type HostplaneApiError,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { readFileAs } from '../security/tenant-process.js';
import { createPlan, expectOverQuota, rowsOf } from '../plans/plan-support.js';
import { admin, client, closeClients, createBrand, createKey, createTenant, uuidOf } from '../support/clients.js';
import { convergeAndWait } from '../support/convergence.js';
import { expectCode } from '../support/expect-error.js';
import { watchStatus, watchTenant } from '../support/watch.js';
import { createActiveWebroot, expectSite, watchWebroot, writeSiteFile } from '../support/web.js';
import { askThroughLb, askUntil, ECHO_DAEMON, expectRefused } from './echo-daemon.js';

const run = promisify(execFile);
type Tenant = { id: string; name: string; uid: number };

const isPid = (answer: string) => /^\d+$/.test(answer);
/** Never 0 or below: process.kill(0, …) signals this test run's whole process group. */
const pidOf = (pid: number | undefined): number => {
  if (!pid || pid <= 0) throw new Error(`no daemon pid known (${pid}): an earlier test failed`);
  return pid;
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function createDaemon(c: HostplaneClient, input: CreateDaemonInput) {
  const { createDaemon: result } = await c.mutate(CreateDaemonDocument, { input });
  return result;
}

describe('daemons', () => {
  let brandId: string;
  let tenant: Tenant;
  let neighbour: Tenant;
  let site: { id: string; name: string; serviceHostname: string };
  let daemonId: string;
  let firstPid: number | undefined;
  const c = () => admin();

  beforeAll(async () => {
    brandId = (await createBrand()).id;
    const activeTenant = async (name: string): Promise<Tenant> => {
      const t = await createTenant(admin(), brandId, name);
      expect((await watchTenant(admin(), t.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
      return t;
    };
    [tenant, neighbour] = await Promise.all([activeTenant('daemon owner'), activeTenant('daemon neighbour')]);
    site = await createActiveWebroot(c(), { tenantId: tenant.id, runtime: 'STATIC', documentRoot: '' });
    await writeSiteFile(tenant, site.name, 'ws-echo.js', ECHO_DAEMON);
    await writeSiteFile(tenant, site.name, 'index.html', 'static front page');
    // The webroot's environment reaches its daemons too.
    const { setWebrootEnv } = await c().mutate(SetWebrootEnvDocument, {
      input: { webrootId: site.id, variables: [{ name: 'GREETING', value: 'hello daemon' }] },
    });
    expect(setWebrootEnv.userErrors).toEqual([]);
    expect((await watchWebroot(c(), site.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
  }, 180_000);
  afterAll(closeClients);

  it('runs a WebSocket echo daemon as the tenant, answering through HAProxy → nginx → daemon at /ws', async () => {
    const result = await createDaemon(c(), {
      webrootId: site.id,
      name: 'echo',
      command: [process.execPath, 'ws-echo.js'],
      proxyPath: '/ws',
      stopSignal: 'INT',
      stopWaitSeconds: 5,
    });
    expect(result.userErrors).toEqual([]);
    expect(result.daemon).toMatchObject({ status: 'PENDING', processes: 1, restart: 'ALWAYS', enabled: true });
    daemonId = result.daemon!.id;
    const watched = await watchStatus(c(), daemonId, ['ACTIVE', 'FAILED']);
    expect(watched.status, JSON.stringify(watched.events)).toBe('ACTIVE');
    expect(watched.events.some((e) => e.step === 'daemon configured' && e.stepState === 'SUCCEEDED')).toBe(true);

    expect(await askUntil(site.serviceHostname, '/ws', 'hello', (a) => a.startsWith('echo:'))).toBe('echo:hello');
    const home = `${getPlatform().homeRoot}/${tenant.name}/webroots/${site.name}`;
    expect(await askThroughLb(site.serviceHostname, '/ws', 'env')).toBe(
      `${tenant.uid}|${home}|${tenant.name}|hello daemon`,
    );
    // The rest of the site is still the site.
    await expectSite(site.serviceHostname, 200, 'static front page');
    firstPid = Number(await askThroughLb(site.serviceHostname, '/ws', 'pid'));
    expect(firstPid).toBeGreaterThan(0);
    const status = await readFile(`/proc/${firstPid}/status`, 'utf8');
    expect(status).toMatch(new RegExp(`^Uid:\\s+${tenant.uid}\\s`, 'm'));
  }, 120_000);

  it('brings the daemon back after kill -9: a new process answers again', async () => {
    const killed = pidOf(firstPid);
    process.kill(killed, 'SIGKILL');
    const started = Date.now();
    const answer = await askUntil(site.serviceHostname, '/ws', 'pid', (a) => isPid(a) && Number(a) !== killed);
    expect(alive(killed)).toBe(false);
    expect(Number(answer)).not.toBe(killed);
    expect(await askThroughLb(site.serviceHostname, '/ws', 'again')).toBe('echo:again');
    process.stdout.write(`[daemons] kill -9 → answering again in ${Date.now() - started} ms\n`);
    firstPid = Number(answer);
  }, 60_000);

  it('shows what the daemon printed in its log tail, to a key of its own tenant', async () => {
    const own = client(await createKey(['daemons:read'], [brandId], tenant.id));
    await askThroughLb(site.serviceHostname, '/ws', 'remember-me');
    // supervisord copies the daemon's output from its pipe into the log a moment later.
    const deadline = Date.now() + 10_000;
    let { daemon } = await own.query(GetDaemonLogTailDocument, { id: daemonId, lines: 20 });
    while (!daemon.logTail[0]?.lines.includes('message remember-me') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      ({ daemon } = await own.query(GetDaemonLogTailDocument, { id: daemonId, lines: 20 }));
    }
    expect(daemon.logTail.length).toBe(1); // one node, one process
    const [tail] = daemon.logTail;
    expect(tail!.process).toBe(0);
    expect(tail!.lines.length).toBeLessThanOrEqual(20);
    expect(tail!.lines).toContain('message remember-me');
    expect(tail!.lines.some((l) => l.startsWith('listening as '))).toBe(true);
    const { daemon: short } = await own.query(GetDaemonLogTailDocument, { id: daemonId, lines: 1 });
    expect(short.logTail[0]!.lines).toEqual(['message remember-me']);
  }, 60_000);

  it('keeps its log, socket and program file from another tenant’s Linux user', async () => {
    const { webStateDir } = getPlatform();
    const program = `${site.name}_echo`;
    const log = `${webStateDir}/log/apps/${program}.0.log`;
    const socket = `${webStateDir}/run/apps/${tenant.name}/s/${program}.0.sock`;
    const programs = `${webStateDir}/etc/supervisor/programs/${site.name}.conf`;
    expect(await readFileAs(null, log)).toBe('OK'); // they exist
    expect(await readFileAs(null, programs)).toBe('OK');
    // A socket cannot be read as a file: ENXIO says the path was reached, EACCES that it was not.
    expect(await readFileAs(tenant.uid, socket)).toBe('ENXIO');
    for (const file of [log, socket, programs]) expect(await readFileAs(neighbour.uid, file), file).toBe('EACCES');
  });

  it('stops the daemon when its tenant is suspended (status SUSPENDED), and starts it again on unsuspend (ACTIVE)', async () => {
    const { suspendTenant } = await c().mutate(SuspendTenantDocument, { input: { id: tenant.id, reason: 'e2e' } });
    expect(suspendTenant.userErrors).toEqual([]);
    expect((await watchTenant(c(), tenant.id, ['SUSPENDED', 'FAILED'])).status).toBe('SUSPENDED');
    expect(alive(pidOf(firstPid))).toBe(false);
    await expectRefused(site.serviceHostname, '/ws', /503/);
    // Its status says so: nothing of it runs (and an edit waits for the unsuspend).
    const suspended = (await c().query(GetDaemonDocument, { id: daemonId })).daemon;
    expect(suspended).toMatchObject({ status: 'SUSPENDED', statusMessage: 'stopped: its tenant is suspended' });
    expect(suspended.events.some((e) => e.kind === 'STATUS' && e.status === 'SUSPENDED')).toBe(true);
    const { unsuspendTenant } = await c().mutate(UnsuspendTenantDocument, { input: { id: tenant.id } });
    expect(unsuspendTenant.userErrors).toEqual([]);
    expect((await watchTenant(c(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    expect((await c().query(GetDaemonDocument, { id: daemonId })).daemon).toMatchObject({
      status: 'ACTIVE',
      statusMessage: null,
    });
    const answer = await askUntil(site.serviceHostname, '/ws', 'pid', isPid);
    expect(Number(answer)).not.toBe(firstPid);
    firstPid = Number(answer);
  }, 120_000);

  it('disables and enables the daemon, and rolls out a changed setting', async () => {
    const { disableDaemon } = await c().mutate(DisableDaemonDocument, { input: { id: daemonId } });
    expect(disableDaemon.userErrors).toEqual([]);
    expect((await watchStatus(c(), daemonId, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    expect(alive(pidOf(firstPid))).toBe(false);
    await expectRefused(site.serviceHostname, '/ws', /HTTP 40[34]/);
    const { enableDaemon } = await c().mutate(EnableDaemonDocument, { input: { id: daemonId } });
    expect(enableDaemon.userErrors).toEqual([]);
    expect((await watchStatus(c(), daemonId, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    await askUntil(site.serviceHostname, '/ws', 'pid', isPid);

    const { updateDaemon } = await c().mutate(UpdateDaemonDocument, {
      input: { id: daemonId, proxyPath: '/live', processes: 2 },
    });
    expect(updateDaemon.userErrors).toEqual([]);
    expect((await watchStatus(c(), daemonId, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    const pids = new Set<string>();
    const deadline = Date.now() + 30_000;
    // Two processes behind one upstream: nginx spreads new connections over both.
    while (pids.size < 2 && Date.now() < deadline)
      pids.add(await askUntil(site.serviceHostname, '/live', 'pid', isPid));
    expect(pids.size).toBe(2);
    await expectRefused(site.serviceHostname, '/ws', /HTTP 40[34]/);
  }, 120_000);

  it('comes back with convergeShard after its node lost it (program file gone, supervisord told)', async () => {
    const { webStateDir, shardId } = getPlatform();
    const pid = Number(await askUntil(site.serviceHostname, '/live', 'pid', isPid));
    await rm(`${webStateDir}/etc/supervisor/programs/${site.name}.conf`);
    await run('/usr/bin/supervisorctl', ['-c', `${webStateDir}/etc/supervisor/supervisord.conf`, 'update']);
    expect(alive(pid)).toBe(false);
    await expectRefused(site.serviceHostname, '/live', /HTTP 502/);
    // Other files' webroots share the shard: its run may report their failures; this daemon's part is what counts.
    await convergeAndWait(Buffer.from(`Shard:${shardId}`).toString('base64url'), c(), 90_000);
    expect(Number(await askUntil(site.serviceHostname, '/live', 'pid', isPid))).not.toBe(pid);
  }, 120_000);

  it('refuses bad input at its field with a stable code, writing nothing', async () => {
    const base = { webrootId: site.id, name: 'worker', command: ['/bin/sleep', '1000'] };
    const cases: Array<[Partial<CreateDaemonInput>, string, string]> = [
      [{ name: 'Bad_Name' }, 'name', 'INVALID'],
      [{ name: '-x' }, 'name', 'INVALID'],
      [{ command: [] }, 'command', 'INVALID'],
      [{ command: ['/bin/echo', 'a\nautostart=false'] }, 'command', 'INVALID'],
      [{ processes: 0 }, 'processes', 'INVALID'],
      [{ processes: 9 }, 'processes', 'INVALID'],
      [{ stopWaitSeconds: 0 }, 'stopWaitSeconds', 'INVALID'],
      [{ proxyPath: '/' }, 'proxyPath', 'INVALID'],
      [{ proxyPath: '/../etc' }, 'proxyPath', 'INVALID'],
      [{ proxyPath: '/ws;root /' }, 'proxyPath', 'INVALID'],
      [{ proxyPath: 'ws' }, 'proxyPath', 'INVALID'],
      [{ name: 'echo' }, 'name', 'TAKEN'],
      [{ proxyPath: '/live' }, 'proxyPath', 'TAKEN'],
    ];
    for (const [change, field, code] of cases) {
      const result = await createDaemon(c(), { ...base, ...change });
      expect(result.daemon, JSON.stringify(change)).toBeNull();
      expect(
        result.userErrors.map((e) => [e.field.join('.'), e.code]),
        JSON.stringify(change),
      ).toEqual([[`input.${field}`, code]]);
    }
    const { updateDaemon } = await c().mutate(UpdateDaemonDocument, { input: { id: daemonId, processes: 9 } });
    expect(updateDaemon.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([['input.processes', 'INVALID']]);
    const { webroot } = await c().query(ListWebrootDaemonsDocument, { webrootId: site.id });
    expect(webroot.daemons.edges.map((e) => [e.node.name, e.node.processes, e.node.status])).toEqual([
      ['echo', 2, 'ACTIVE'],
    ]);
  }, 60_000);

  it('fails a daemon whose program is missing with the reason, without touching the site or its other daemon', async () => {
    const ghost = await createDaemon(c(), { webrootId: site.id, name: 'ghost', command: ['no-such-program'] });
    expect(ghost.userErrors).toEqual([]);
    expect((await watchStatus(c(), ghost.daemon!.id, ['ACTIVE', 'FAILED'])).status).toBe('FAILED');
    const { daemon } = await c().query(GetDaemonDocument, { id: ghost.daemon!.id });
    expect(daemon.statusMessage).toMatch(/ghost: program "no-such-program" is not on its PATH/);
    await expectSite(site.serviceHostname, 200, 'static front page');
    expect(await askUntil(site.serviceHostname, '/live', 'pid', isPid)).toMatch(/^\d+$/);
    const { deleteDaemon } = await c().mutate(DeleteDaemonDocument, { input: { id: ghost.daemon!.id } });
    expect(deleteDaemon.userErrors).toEqual([]);
    expect((await watchStatus(c(), ghost.daemon!.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
  }, 90_000);

  it('holds the tenant to its plan’s maxDaemons: QUOTA_EXCEEDED, nothing written', async () => {
    const plan = await createPlan(brandId, { maxDaemons: 1 });
    const { updateTenant } = await c().mutate(UpdateTenantDocument, { input: { id: tenant.id, planId: plan.id } });
    expect(updateTenant.userErrors).toEqual([]);
    const before = await rowsOf('Daemon', uuidOf(tenant.id));
    const refused = await createDaemon(c(), { webrootId: site.id, name: 'second', command: ['/bin/sleep', '1000'] });
    expect(refused.daemon).toBeNull();
    expectOverQuota(refused, 'webrootId', 'daemons', '1');
    expect(await rowsOf('Daemon', uuidOf(tenant.id))).toBe(before);
  });

  it('keeps the daemon from every other brand’s and tenant’s key: read, list, node, mutate, log, subscribe', async () => {
    const scopes = ['daemons:read', 'daemons:write', 'webroots:read', 'tenants:read'];
    const foreign = client(await createKey(scopes, [(await createBrand()).id]));
    const other = client(await createKey(scopes, [brandId], neighbour.id));
    for (const outsider of [foreign, other]) {
      await expectCode(outsider.query(GetDaemonDocument, { id: daemonId }), 'NOT_FOUND');
      await expectCode(outsider.query(GetNodeDocument, { id: daemonId }), 'NOT_FOUND');
      await expectCode(outsider.query(GetDaemonLogTailDocument, { id: daemonId }), 'NOT_FOUND');
      await expectCode(outsider.query(ListWebrootDaemonsDocument, { webrootId: site.id }), 'NOT_FOUND');
      const mutations = [
        () => outsider.mutate(DeleteDaemonDocument, { input: { id: daemonId } }),
        () => outsider.mutate(DisableDaemonDocument, { input: { id: daemonId } }),
        () => outsider.mutate(EnableDaemonDocument, { input: { id: daemonId } }),
      ];
      for (const mutate of mutations) {
        const result = (await mutate()) as Record<string, { userErrors: Array<{ code: string }> }>;
        expect(Object.values(result)[0]!.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      }
      const { updateDaemon } = await outsider.mutate(UpdateDaemonDocument, { input: { id: daemonId, processes: 1 } });
      expect(updateDaemon.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      const created = await createDaemon(outsider, { webrootId: site.id, name: 'intruder', command: ['/bin/true'] });
      expect(created.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([['input.webrootId', 'NOT_FOUND']]);
      const answer = await new Promise<string[]>((resolve) => {
        const stop = outsider.subscribe(
          DaemonChangedDocument,
          { id: daemonId, after: '0' },
          () => {
            stop();
            resolve(['EVENT']);
          },
          (error: HostplaneApiError) => resolve(error.codes),
        );
      });
      expect(answer).toEqual(['NOT_FOUND']);
    }
    // Its own tenant's key follows it; a read-only key cannot change it.
    const own = client(await createKey(['daemons:read'], [brandId], tenant.id));
    const history = await new Promise<string[]>((resolve) => {
      const seen: string[] = [];
      const stop = own.subscribe(DaemonChangedDocument, { id: daemonId, after: '0' }, ({ daemonChanged }) => {
        seen.push(daemonChanged.kind);
        if (daemonChanged.kind === 'CREATED') {
          stop();
          resolve(seen);
        }
      });
    });
    expect(history).toEqual(['CREATED']);
    await expectCode(own.mutate(DisableDaemonDocument, { input: { id: daemonId } }), 'FORBIDDEN');
    const { daemon } = await c().query(GetDaemonDocument, { id: daemonId });
    expect([daemon.status, daemon.enabled]).toEqual(['ACTIVE', true]);
  }, 60_000);

  it('deletes the daemon: its process stops and its path is the site’s again', async () => {
    const pid = Number(await askUntil(site.serviceHostname, '/live', 'pid', isPid));
    const { deleteDaemon } = await c().mutate(DeleteDaemonDocument, { input: { id: daemonId } });
    expect(deleteDaemon.userErrors).toEqual([]);
    expect((await watchStatus(c(), daemonId, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    expect(alive(pid)).toBe(false);
    await expectRefused(site.serviceHostname, '/live', /HTTP 40[34]/);
    const { webroot } = await c().query(ListWebrootDaemonsDocument, { webrootId: site.id });
    expect(webroot.daemons.totalCount).toBe(0);
  }, 60_000);

  it('deleting the webroot takes its daemons with it: stopped on the node, DELETED in the API', async () => {
    const created = await createDaemon(c(), {
      webrootId: site.id,
      name: 'sleeper',
      command: ['/bin/sleep', '7777'],
      restart: 'ON_FAILURE',
    });
    expect(created.userErrors).toEqual([]);
    expect((await watchStatus(c(), created.daemon!.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    const sleepers = async () =>
      (await run('pgrep', ['-u', String(tenant.uid), '-f', 'sleep 7777'], {}).catch(() => ({ stdout: '' }))).stdout
        .split('\n')
        .filter(Boolean);
    await expect.poll(sleepers, { timeout: 10_000 }).toHaveLength(1);
    const log = `${getPlatform().webStateDir}/log/apps/${site.name}_sleeper.0.log`;
    expect(await readFileAs(null, log)).toBe('OK');
    const { deleteWebroot } = await c().mutate(DeleteWebrootDocument, { input: { id: site.id } });
    expect(deleteWebroot.userErrors).toEqual([]);
    expect((await watchWebroot(c(), site.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    const { daemon } = await c().query(GetDaemonDocument, { id: created.daemon!.id });
    expect(daemon.status).toBe('DELETED');
    expect(await sleepers()).toEqual([]);
    expect(await readFileAs(null, log)).toBe('ENOENT'); // what it printed goes with its webroot
  }, 90_000);
});
