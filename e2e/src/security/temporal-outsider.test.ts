// Whoever reaches Temporal's port without the platform's payload key — a tenant process, a stray
// client — speaks Temporal's own protocol: it starts a workflow, answers that workflow's task with
// a command scheduling any activity on a node's queue (`node-<id>`), with any input. The node
// agent (and the control-plane worker) must refuse every such payload, and nothing may change on
// MariaDB or on disk. The network floor keeping tenants off the port is another layer; this one
// holds even when a process gets through it. Raw gRPC, as an attacker would: no SDK worker.
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EncryptionCodec } from '@hostplane/contract/codec';
import { fromGlobalId } from '@hostplane/schema';
import { CONTROL_TASK_QUEUE, nodeTaskQueue } from '@hostplane/server/temporal';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import { activeDatabase } from '../support/data-stores.js';
import { adminRows } from '../support/mariadb.js';
import { outcomeOf, scheduleActivity, type RawPayload } from './temporal-outsider.js';

const text = new TextEncoder();
const json = (value: unknown): RawPayload => ({
  metadata: { encoding: text.encode('json/plain') },
  data: text.encode(JSON.stringify(value)),
});
const bytes = (data: Uint8Array): RawPayload => ({ metadata: { encoding: text.encode('binary/plain') }, data });
const mysqlNativeHash = (password: string) =>
  `*${createHash('sha1').update(createHash('sha1').update(password).digest()).digest('hex').toUpperCase()}`;

let connection: Connection;
let client: Client;
let victim: { id: string; name: string };
const platformCodec = () => new EncryptionCodec(Buffer.from(getPlatform().payloadKey, 'base64'));
const wrongKeyCodec = new EncryptionCodec(randomBytes(32));
// The agent's migration folder (HOSTPLANE_STATE_DIR unset: `agent-state` beside its homes).
const migrationDir = () => path.join(path.dirname(getPlatform().homeRoot), 'agent-state', 'migrations');

beforeAll(async () => {
  connection = await Connection.connect({ address: getPlatform().temporalAddress });
  client = new Client({ connection }); // no codec: the outsider holds no key
  const brand = await createBrand();
  const tenant = await createTenant(admin(), brand.id);
  victim = await activeDatabase(admin(), tenant.id);
}, 120_000);

afterAll(async () => {
  await closeClients();
  await connection?.close();
});

/** The victim database's accounts named `user`. */
const accountsOf = async (user: string) =>
  (await adminRows('SELECT Host FROM mysql.user WHERE User = ?', [user])).length;

/** Schedules `activity` on the platform's node with `payloads` and waits for the agent's answer. */
async function onNode(activity: string, payloads: RawPayload[]) {
  return scheduleActivity(client, { taskQueue: nodeTaskQueue(getPlatform().nodeId), activity, payloads });
}

describe('an outsider on the Temporal port', () => {
  const takeover = () => ({
    name: `${victim.name}_pwn`,
    database: victim.name,
    passwordHash: mysqlNativeHash('owned'),
    privileges: 'ALL',
    hosts: ['%'],
  });

  it('cannot have a node create a user on another tenant’s database: plaintext is refused', async () => {
    const outcome = await onNode('ensureDatabaseUser', [json(takeover())]);
    expect(outcome).toMatchObject({ failed: true, type: 'PayloadNotEncrypted', nonRetryable: true });
    expect(outcome.message).toMatch(/not encrypted with the platform payload key/);
    expect(await accountsOf(`${victim.name}_pwn`)).toBe(0);
  });

  it('nor with a key of its own', async () => {
    const outcome = await onNode('ensureDatabaseUser', await wrongKeyCodec.encode([json(takeover())]));
    expect(outcome).toMatchObject({ failed: true, type: 'PayloadKeyUnknown', nonRetryable: true });
    expect(await accountsOf(`${victim.name}_pwn`)).toBe(0);
  });

  it('cannot write a file through writeMigrationChunk, with or without a key of its own', async () => {
    const target = path.join(tmpdir(), `hp-outsider-${randomBytes(4).toString('hex')}`);
    const input = { file: path.relative(migrationDir(), target), offset: 0 };
    const data = bytes(text.encode('* * * * * root touch /tmp/pwned\n'));
    const refusals = [];
    for (const payloads of [[json(input), data], await wrongKeyCodec.encode([json(input), data])]) {
      refusals.push(await onNode('writeMigrationChunk', payloads));
    }
    expect(refusals).toMatchObject([
      { failed: true, type: 'PayloadNotEncrypted', nonRetryable: true },
      { failed: true, type: 'PayloadKeyUnknown', nonRetryable: true },
    ]);
    await expect(access(target)).rejects.toThrow(/ENOENT/);
  });

  it('cannot start a control-plane workflow either: the worker refuses its plaintext input', async () => {
    const workflowId = `outsider-${randomBytes(6).toString('hex')}`;
    const handle = await client.workflow.start('deleteDatabaseWorkflow', {
      taskQueue: CONTROL_TASK_QUEUE,
      workflowId,
      args: [{ id: fromGlobalId(victim.id)!.id }],
    });
    try {
      const failed = await outcomeOf(handle, (event) => event.workflowTaskFailedEventAttributes?.failure ?? null);
      expect(failed.message).toMatch(/not encrypted with the platform payload key/);
    } finally {
      await handle.terminate('outsider test done').catch(() => undefined);
    }
    const schemas = await adminRows('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [
      victim.name,
    ]);
    expect(schemas).toHaveLength(1);
  });
});

// Past the key (a leaked key, a compromised control plane), the agent still keeps every file an
// activity names inside its own folder, and a restore runs no client command.
describe('with the platform key, the agent still confines what activities touch', () => {
  it('refuses a migration file name that leaves its folder', async () => {
    const codec = platformCodec();
    const payloads = await codec.encode([json({ file: '../escaped.sql', offset: 0 }), bytes(text.encode('x'))]);
    expect(await onNode('writeMigrationChunk', payloads)).toMatchObject({
      failed: true,
      type: 'InvalidMigrationFile',
      nonRetryable: true,
    });
    await expect(access(path.join(path.dirname(migrationDir()), 'escaped.sql'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a migration file that is a symlink out of its folder, and leaves its target alone', async () => {
    const victimFile = path.join(tmpdir(), `hp-victim-${randomBytes(4).toString('hex')}`);
    const link = path.join(migrationDir(), `link-${randomBytes(4).toString('hex')}.in`);
    await writeFile(victimFile, 'keep me');
    await mkdir(migrationDir(), { recursive: true, mode: 0o700 });
    await symlink(victimFile, link);
    try {
      const payloads = await platformCodec().encode([
        json({ file: path.basename(link), offset: 0 }),
        bytes(text.encode('owned')),
      ]);
      expect(await onNode('writeMigrationChunk', payloads)).toMatchObject({
        failed: true,
        type: 'PathOutsideAgentFolder',
        nonRetryable: true,
      });
      expect(await readFile(victimFile, 'utf8')).toBe('keep me');
    } finally {
      await rm(link, { force: true });
      await rm(victimFile, { force: true });
    }
  });

  it('refuses a path outside its folder in any activity input', async () => {
    const target = path.join(tmpdir(), `hp-snapshot-${randomBytes(4).toString('hex')}`);
    const payloads = await platformCodec().encode([json({ name: 'kv_aaaaaaaaaa', path: target })]);
    expect(await onNode('dumpValkeyInstance', payloads)).toMatchObject({
      failed: true,
      type: 'PathOutsideAgentFolder',
      nonRetryable: true,
    });
    await expect(access(target)).rejects.toThrow(/ENOENT/);
  });

  it('restores a dump holding `\\! touch …` without running it', async () => {
    const codec = platformCodec();
    const marker = path.join(tmpdir(), `hp-pwned-${randomBytes(4).toString('hex')}`);
    const dump = text.encode(`SELECT 1;\n\\! touch ${marker}\nSELECT 2;\n`);
    const file = `outsider-${randomBytes(4).toString('hex')}.sql`;
    const written = await onNode('writeMigrationChunk', await codec.encode([json({ file, offset: 0 }), bytes(dump)]));
    expect(written).toMatchObject({ failed: false });
    const digest = { bytes: dump.length, sha256: createHash('sha256').update(dump).digest('hex') };
    try {
      const restored = await onNode(
        'restoreDatabaseFromFile',
        await codec.encode([json({ name: victim.name, file, digest })]),
      );
      expect(restored).toMatchObject({ failed: true, type: 'InvalidDatabaseDump', nonRetryable: true });
      await expect(access(marker)).rejects.toThrow(/ENOENT/);
    } finally {
      await onNode('removeMigrationFile', await codec.encode([json({ file })]));
    }
  });
});
