// The spine under production faults, on a platform of this file's own (the shared one must not
// lose its processes): the worker, the node agent, the API, its LISTEN connection and the Temporal
// dev server are killed or restarted mid-flight, and what they were doing still ends right —
// once. Tests run in order on the one platform; the last replays every workflow that ran on it.
import { createRequire } from 'node:module';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CreateTenantDocument,
  CreateWebrootDocument,
  EventsDocument,
  GetTenantDocument,
  GetWebrootDocument,
  UpdateTenantDocument,
  createHostplaneClient,
  type HostplaneClient,
  type ResourceEventFieldsFragment,
} from '@hostplane/schema/sdk';
import { payloadDataConverter } from '@hostplane/contract/codec';
import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { print } from 'graphql';
import { createClient as createWsClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEphemeralPlatform, type EphemeralPlatform } from '../harness/global-setup.js';
import { createBrand } from '../support/clients.js';
import { convergeAndWait } from '../support/convergence.js';
import { passwdEntry } from '../support/linux.js';
import { watchTenant } from '../support/watch.js';
import { watchWebroot } from '../support/web.js';

const require = createRequire(import.meta.url);
let eph: EphemeralPlatform;
let c: HostplaneClient;
let db: pg.Client;
let brandId: string;
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');
const rawId = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1]!;

beforeAll(async () => {
  eph = await startEphemeralPlatform();
  const { apiUrl, wsUrl, adminKey, databaseUrl } = eph.platform;
  c = createHostplaneClient({ url: apiUrl, wsUrl, apiKey: adminKey, webSocketImpl: WebSocket });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  brandId = (await createBrand(c)).id;
}, 120_000);

afterAll(async () => {
  await c?.close();
  await db?.end();
  await eph?.teardown();
}, 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the events table (not the API: it may be the process under test) until `sql` finds a row. */
async function whenEvent(resourceId: string, extra = `kind = 'STEP'`, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const query = `SELECT 1 FROM "Event" WHERE "resourceId" = $1 AND ${extra} LIMIT 1`;
  while ((await db.query(query, [resourceId])).rowCount === 0) {
    if (Date.now() > deadline) throw new Error(`no event ${extra} of ${resourceId} in ${timeoutMs} ms`);
    await sleep(10);
  }
}

async function createTenant(displayName: string) {
  const { createTenant } = await c.mutate(CreateTenantDocument, {
    input: { brandId, shardId: globalId('Shard', eph.platform.shardId), displayName },
  });
  if (!createTenant.tenant) throw new Error(JSON.stringify(createTenant.userErrors));
  return createTenant.tenant;
}

/** The statuses a resource's STATUS events carry, in cursor order (the table the stream replays). */
async function statusHistory(resourceId: string): Promise<string[]> {
  const { rows } = await db.query<{ status: string }>(
    `SELECT status FROM "Event" WHERE "resourceId" = $1 AND kind = 'STATUS' ORDER BY cursor`,
    [rawId(resourceId)],
  );
  return rows.map((row) => row.status);
}

/** Lines of /etc/passwd naming the user or using its uid. */
async function passwdLines(name: string, uid: number): Promise<string[]> {
  const lines = (await readFile('/etc/passwd', 'utf8')).split('\n');
  return lines.filter((line) => {
    const [user, , id] = line.split(':');
    return user === name || Number(id) === uid;
  });
}

const sitesDir = () => path.join(eph.platform.webStateDir, 'etc', 'nginx', 'sites');

/** The server blocks of the node's live nginx sites that name `hostname`. */
async function serverBlocksNaming(hostname: string): Promise<string[]> {
  const files = (await readdir(sitesDir())).filter((file) => file.endsWith('.conf'));
  const blocks: string[] = [];
  for (const file of files) {
    const text = await readFile(path.join(sitesDir(), file), 'utf8');
    for (const block of text.split(/^server\s*\{/m).slice(1)) {
      if (new RegExp(`server_name[^;]*\\b${hostname.replaceAll('.', '\\.')}\\b`).test(block)) blocks.push(file);
    }
  }
  return blocks;
}

describe('the spine under faults', () => {
  let tenant: { id: string; name: string; uid: number };
  let webroot: { id: string; name: string; serviceHostname: string };

  it('kill -9 of the worker mid tenant create: after its restart the tenant is ACTIVE, one Linux user, each status once', async () => {
    tenant = await createTenant('worker crash');
    await whenEvent(rawId(tenant.id)); // its first step is recorded: the workflow is under way
    expect(await eph.group.kill('worker')).toBe('signal SIGKILL');
    await sleep(500);
    await eph.group.restart('worker');
    expect((await watchTenant(c, tenant.id, ['ACTIVE', 'FAILED'], 60_000)).status).toBe('ACTIVE');
    ({ tenant } = await c.query(GetTenantDocument, { id: tenant.id, lastEvents: 1 }));
    expect(await passwdEntry(tenant.name)).toMatchObject({ uid: tenant.uid });
    expect(await passwdLines(tenant.name, tenant.uid)).toHaveLength(1);
    expect(await statusHistory(tenant.id)).toEqual(['PROVISIONING', 'ACTIVE']);
  }, 90_000);

  it('kill -9 of the worker mid webroot create: after its restart the webroot is ACTIVE, one server block, each status once', async () => {
    const { createWebroot } = await c.mutate(CreateWebrootDocument, {
      input: { tenantId: tenant.id, runtime: 'STATIC' },
    });
    if (!createWebroot.webroot) throw new Error(JSON.stringify(createWebroot.userErrors));
    await whenEvent(rawId(createWebroot.webroot.id));
    expect(await eph.group.kill('worker')).toBe('signal SIGKILL');
    await sleep(500);
    await eph.group.restart('worker');
    expect((await watchWebroot(c, createWebroot.webroot.id, ['ACTIVE', 'FAILED'], 60_000)).status).toBe('ACTIVE');
    webroot = (await c.query(GetWebrootDocument, { id: createWebroot.webroot.id })).webroot;
    expect(await serverBlocksNaming(webroot.serviceHostname)).toEqual([`${webroot.name}.conf`]);
    expect(await statusHistory(webroot.id)).toEqual(['PROVISIONING', 'ACTIVE']);
  }, 90_000);
  it('the LISTEN connection of the API killed while events are written: subscribers lose none', async () => {
    const watched = await Promise.all([1, 2, 3].map((n) => createTenant(`listen ${n}`)));
    for (const t of watched) await watchTenant(c, t.id, ['ACTIVE'], 60_000);
    const ids = watched.map((t) => t.id);
    const from = await newestCursor();
    const received: string[] = [];
    const stop = c.subscribe(EventsDocument, { after: from, filter: { resourceIds: ids } }, ({ events }) => {
      received.push(events.cursor);
    });
    try {
      const listeners = async () =>
        (
          await db.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN %' AND pid <> pg_backend_pid()`,
          )
        ).rows.map((row) => row.pid);
      const before = await listeners();
      expect(before).toHaveLength(1); // the API's one LISTEN connection
      // 3 writers × 40 updates, side by side; the connection dies a third of the way in.
      const writes = ids.map(async (id, writer) => {
        for (let i = 0; i < 40; i++) {
          if (writer === 0 && i === 13) await db.query('SELECT pg_terminate_backend($1)', [before[0]]);
          await c.mutate(UpdateTenantDocument, { input: { id, displayName: `w${writer} ${i}` } });
        }
      });
      await Promise.all(writes);
      const written = await cursorsOf(ids, from);
      expect(written).toHaveLength(120);
      await expect.poll(() => received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(written.length);
      await sleep(500); // a duplicate would arrive now
      expect(deliveryReport(received, written)).toEqual({
        missing: [],
        duplicated: [],
        unexpected: [],
        outOfOrder: [],
      });
      // The API listens again, on a new connection.
      const relistened = async () => {
        const now = await listeners();
        return now.length === 1 && now[0] !== before[0];
      };
      await expect.poll(relistened, { timeout: 10_000 }).toBe(true);
    } finally {
      stop();
    }
  }, 90_000);

  it('the API restarted under 100 graphql-ws subscribers: each resumes after its last cursor and gets every event once', async () => {
    const t = await createTenant('api restart');
    await watchTenant(c, t.id, ['ACTIVE'], 60_000);
    const from = await newestCursor();
    const subscribers = Array.from({ length: 100 }, () => resumingSubscriber(eph.platform.wsUrl, t.id, from));
    try {
      await Promise.all(subscribers.map((s) => s.subscribed));
      for (let i = 0; i < 5; i++)
        await c.mutate(UpdateTenantDocument, { input: { id: t.id, displayName: `before ${i}` } });
      await expect.poll(() => Math.min(...subscribers.map((s) => s.cursors.length)), { timeout: 15_000 }).toBe(5);

      const port = new URL(eph.platform.apiUrl).port;
      await eph.group.kill('api');
      await expect.poll(() => subscribers.every((s) => s.disconnects > 0), { timeout: 10_000 }).toBe(true);
      await eph.group.restart('api', { env: { API_PORT: port } }); // the same address for the clients
      // Written while the clients come back: some get them replayed, some live.
      for (let i = 0; i < 5; i++)
        await c.mutate(UpdateTenantDocument, { input: { id: t.id, displayName: `after ${i}` } });

      const written = await cursorsOf([t.id], from);
      expect(written).toHaveLength(10);
      await expect
        .poll(() => subscribers.filter((s) => s.cursors.length >= written.length).length, { timeout: 30_000 })
        .toBe(100);
      await sleep(500); // a duplicate would arrive now
      const wrong = subscribers
        .map((s, i) => ({ subscriber: i, ...deliveryReport(s.cursors, written) }))
        .filter((r) => r.missing.length + r.duplicated.length + r.unexpected.length + r.outOfOrder.length > 0);
      expect(wrong).toEqual([]);
      expect(subscribers.every((s) => s.resumedAfter.length >= 1 && s.resumedAfter[0] === written[4])).toBe(true);
    } finally {
      await Promise.all(subscribers.map((s) => s.close()));
    }
  }, 120_000);

  it('the Temporal dev server killed and restarted mid-workflow (same SQLite file): the workflow finishes', async () => {
    const t = await createTenant('temporal restart');
    await whenEvent(rawId(t.id));
    expect(await eph.group.kill('temporal')).toBe('signal SIGKILL');
    await eph.group.restart('temporal');
    expect((await watchTenant(c, t.id, ['ACTIVE', 'FAILED'], 90_000)).status).toBe('ACTIVE');
    expect(await statusHistory(t.id)).toEqual(['PROVISIONING', 'ACTIVE']);
    // And the platform still starts new work.
    const next = await createTenant('after temporal restart');
    expect((await watchTenant(c, next.id, ['ACTIVE', 'FAILED'], 60_000)).status).toBe('ACTIVE');
  }, 150_000);

  it('kill -9 of the node agent while a shard convergence needs it: the restarted agent runs it, the run completes, the node is right', async () => {
    // Killed before its task is handed out: the task waits in the node's queue for the restarted
    // agent (the next test kills the agent while it runs one, which its heartbeats cover).
    const shardId = globalId('Shard', eph.platform.shardId);
    const from = await newestCursor();
    expect(await eph.group.kill('agent')).toBe('signal SIGKILL');
    const run = convergeAndWait(shardId, c, 150_000);
    await whenEvent(eph.platform.shardId, `kind = 'STEP' AND step = 'web node converged' AND cursor > ${from}`);
    await sleep(1_000); // its task waits in the node's queue
    await eph.group.restart('agent');
    const finished = await run;
    // The node's convergence ran on the restarted agent (Temporal names the worker pid@host).
    const { startedBy } = await nodeActivityOfLastConvergence('convergeWebNode');
    expect(startedBy).toMatch(new RegExp(`^${eph.group.pidOf('agent')}@`));
    expect(finished.status).toBe('SUCCEEDED');
    expect(finished.errors).toEqual([]);
    expect(await serverBlocksNaming(webroot.serviceHostname)).toEqual([`${webroot.name}.conf`]);
    expect(await passwdLines(tenant.name, tenant.uid)).toHaveLength(1);
  }, 180_000);

  it('kill -9 of the node agent while it RUNS a node activity: its heartbeats stop, the restarted agent runs it again, the run completes', async () => {
    const shardId = globalId('Shard', eph.platform.shardId);
    // The window is a convergence's own length (about a second): tries again if it was missed.
    for (let attempt = 1; attempt <= 5; attempt++) {
      const run = convergeAndWait(shardId, c, 150_000);
      if (!(await killWhileRunning('convergeWebNode', 20_000))) {
        await run;
        continue;
      }
      await eph.group.restart('agent');
      const finished = await run; // within the 30 s heartbeat timeout and a retry, not 30 minutes
      expect(finished.status).toBe('SUCCEEDED');
      expect(finished.errors).toEqual([]);
      const { startedBy } = await nodeActivityOfLastConvergence('convergeWebNode');
      expect(startedBy).toMatch(new RegExp(`^${eph.group.pidOf('agent')}@`));
      expect(await serverBlocksNaming(webroot.serviceHostname)).toEqual([`${webroot.name}.conf`]);
      return;
    }
    throw new Error('never found convergeWebNode running in 5 convergences');
  }, 300_000);

  it('supervised as npm start does, a worker killed with SIGKILL comes back by itself and keeps serving', async () => {
    const restarts: string[] = [];
    eph.group.onRestart = (service, note) => restarts.push(`${service.name}: ${note}`);
    eph.group.supervise(['api', 'worker', 'agent'], { backoffMs: 200 });
    const killed = eph.group.pidOf('worker')!;
    process.kill(killed, 'SIGKILL'); // from outside, as the OOM killer would: a crash, not a kill()
    await expect
      .poll(() => restarts, { timeout: 10_000 })
      .toEqual([expect.stringMatching(/^worker: exited unexpectedly \(signal SIGKILL\); restarting in 0.2s/)]);
    await expect.poll(() => eph.group.tail('worker'), { timeout: 60_000 }).toContain('restarted and ready again');
    expect(eph.group.pidOf('worker')).not.toBe(killed);
    const t = await createTenant('after a supervised restart');
    expect((await watchTenant(c, t.id, ['ACTIVE', 'FAILED'], 60_000)).status).toBe('ACTIVE');
  }, 90_000);

  it('the histories of every workflow type that ran here replay on the workflow bundle of the worker', async () => {
    const connection = await Connection.connect({ address: eph.platform.temporalAddress });
    try {
      const client = new Client({ connection });
      const histories = [];
      const types = new Set<string>();
      for await (const execution of client.workflow.list()) {
        types.add(execution.type);
        histories.push({
          workflowId: execution.workflowId,
          history: await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory(),
        });
      }
      expect([...types].sort()).toEqual(
        expect.arrayContaining([
          'convergeShardWorkflow',
          'createTenantWorkflow',
          'reportNodeCapabilitiesWorkflow',
          'syncWebrootWorkflow',
        ]),
      );
      const failures: string[] = [];
      const results = Worker.runReplayHistories(
        {
          workflowBundle: { codePath: eph.workflowBundlePath },
          dataConverter: payloadDataConverter({ HOSTPLANE_PAYLOAD_KEY: eph.platform.payloadKey }),
        },
        histories,
      );
      let replayed = 0;
      for await (const result of results) {
        replayed++;
        if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
      }
      expect(replayed).toBe(histories.length);
      expect(failures).toEqual([]);

      // The same check catches a changed workflow: tenant creates replayed on a createTenantWorkflow
      // that no longer runs its steps fail as non-deterministic.
      // (Bundled by the replayer, so it lives where @temporalio/workflow resolves: node_modules/.cache.)
      const nodeModules = require.resolve('@temporalio/workflow').split(`${path.sep}node_modules${path.sep}`)[0]!;
      const changedDir = await mkdtemp(path.join(nodeModules, 'node_modules', '.cache', 'hostplane-replay-'));
      const changed = path.join(changedDir, 'changed-workflows.js');
      await writeFile(changed, 'export async function createTenantWorkflow() { return undefined; }\n');
      const tenantCreates = histories.filter((h) => h.workflowId.startsWith('tenant-create-'));
      expect(tenantCreates.length).toBeGreaterThan(0);
      const changedResults = Worker.runReplayHistories(
        {
          workflowsPath: changed,
          dataConverter: payloadDataConverter({ HOSTPLANE_PAYLOAD_KEY: eph.platform.payloadKey }),
        },
        tenantCreates,
      );
      const errors: string[] = [];
      for await (const result of changedResults) errors.push(result.error?.name ?? 'replayed');
      await rm(changedDir, { recursive: true, force: true });
      expect(errors).toEqual(tenantCreates.map(() => 'DeterminismViolationError'));
    } finally {
      await connection.close();
    }
  }, 90_000);
});

/**
 * Kills the node agent the moment Temporal shows `activityType` STARTED (picked up, running) in a
 * running convergence; false when none was seen running within `timeoutMs`.
 */
async function killWhileRunning(activityType: string, timeoutMs: number): Promise<boolean> {
  const STARTED = new Set(['2', 'PENDING_ACTIVITY_STATE_STARTED']); // the enum, as number or name
  const connection = await Connection.connect({ address: eph.platform.temporalAddress });
  try {
    const client = new Client({ connection });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const query = `WorkflowType = 'convergeShardWorkflow' AND ExecutionStatus = 'Running'`;
      for await (const execution of client.workflow.list({ query })) {
        const { raw } = await client.workflow.getHandle(execution.workflowId, execution.runId).describe();
        const running = (raw.pendingActivities ?? []).some(
          (a) => a.activityType?.name === activityType && STARTED.has(String(a.state)),
        );
        if (running) {
          await eph.group.kill('agent');
          return true;
        }
      }
      await sleep(20);
    }
    return false;
  } finally {
    await connection.close();
  }
}

/** Which worker started activity `activityType` in the newest shard convergence's history. */
async function nodeActivityOfLastConvergence(activityType: string): Promise<{ startedBy: string | null }> {
  const connection = await Connection.connect({ address: eph.platform.temporalAddress });
  try {
    const client = new Client({ connection });
    let newest: { workflowId: string; runId: string; startTime: Date } | null = null;
    for await (const execution of client.workflow.list({ query: `WorkflowType = 'convergeShardWorkflow'` })) {
      if (!newest || execution.startTime > newest.startTime) newest = execution;
    }
    if (!newest) throw new Error('no convergeShardWorkflow ran');
    const history = await client.workflow.getHandle(newest.workflowId, newest.runId).fetchHistory();
    const events = history.events ?? [];
    const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType);
    const started = events.find(
      (e) => scheduled && String(e.activityTaskStartedEventAttributes?.scheduledEventId) === String(scheduled.eventId),
    );
    return { startedBy: started?.activityTaskStartedEventAttributes?.identity ?? null };
  } finally {
    await connection.close();
  }
}

/** What a subscriber got wrong: events it missed, got twice, should not have got, or got out of order. */
function deliveryReport(received: string[], written: string[]) {
  const seen = new Set<string>();
  const duplicated = received.filter((cursor) => seen.has(cursor) || !seen.add(cursor));
  const expected = new Set(written);
  return {
    missing: written.filter((cursor) => !seen.has(cursor)),
    duplicated,
    unexpected: received.filter((cursor) => !expected.has(cursor)),
    outOfOrder: received.filter((cursor, i) => i > 0 && BigInt(cursor) < BigInt(received[i - 1]!)),
  };
}

async function newestCursor(): Promise<string> {
  const { rows } = await db.query<{ cursor: string }>('SELECT COALESCE(MAX(cursor), 0)::text AS cursor FROM "Event"');
  return rows[0]!.cursor;
}

/** The cursors of the resources' events after `from`, in order (what a subscriber must receive). */
async function cursorsOf(resourceIds: string[], from: string): Promise<string[]> {
  const { rows } = await db.query<{ cursor: string }>(
    // Ordered by the bigint: `ORDER BY cursor` would sort the text column of that name.
    'SELECT cursor::text AS cursor FROM "Event" WHERE "resourceId" = ANY($1::uuid[]) AND cursor > $2 ORDER BY "Event".cursor',
    [resourceIds.map(rawId), from],
  );
  return rows.map((row) => row.cursor);
}

/**
 * A graphql-ws client of its own that follows a tenant's events and, whenever its socket drops,
 * connects again and resubscribes with `after:` the last cursor it saw (no automatic retry: the
 * library would resubscribe with the first `after:` and replay everything again).
 */
function resumingSubscriber(wsUrl: string, tenantId: string, from: string) {
  const query = print(EventsDocument);
  const state = {
    cursors: [] as string[],
    resumedAfter: [] as string[],
    disconnects: 0,
    closed: false,
    subscribed: null as unknown as Promise<void>,
    close: async () => {
      state.closed = true;
      await current?.dispose();
    },
  };
  let current: ReturnType<typeof createWsClient> | null = null;
  let first: () => void = () => {};
  state.subscribed = new Promise<void>((resolve) => (first = resolve));
  const connect = () => {
    if (state.closed) return;
    const after = state.cursors.at(-1) ?? from;
    if (state.cursors.length > 0) state.resumedAfter.push(after);
    const client = createWsClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${eph.platform.adminKey}` },
      retryAttempts: 0,
      lazy: true,
      on: { connected: () => first() },
    });
    current = client;
    let dropped = false;
    const drop = () => {
      if (dropped) return;
      dropped = true;
      state.disconnects++;
      void client.dispose();
      setTimeout(connect, 200 + Math.random() * 300);
    };
    client.subscribe<{ events: ResourceEventFieldsFragment }>(
      { query, variables: { after, filter: { resourceIds: [tenantId] } } },
      {
        next: ({ data, errors }) => {
          if (errors?.length) throw new Error(JSON.stringify(errors));
          if (data) state.cursors.push(data.events.cursor);
        },
        error: drop,
        complete: drop,
      },
    );
  };
  connect();
  return state;
}
