// For tests (this folder's and, later, e2e's): a throwaway valkey-role node — a private
// supervisord and a ValkeyManager in a temp dir, on a random block of ports nothing else binds.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { portBlockBelowEphemeral } from '@hostplane/scripts/lib';
import { agentPassword, withAgentConnection } from './admin-connection.js';
import {
  VALKEY_INSTANCE_NAME_PATTERN,
  type ValkeyInstanceSpec,
  type ValkeyUserSpec,
} from '@hostplane/contract/data-stores';
import { InstanceAccounts } from './instance-accounts.js';
import { instancePaths } from './instance-files.js';
import { valkeyPasswordHash } from '@hostplane/contract/data-stores/validate';
import { startPrivateSupervisord } from './supervisord-harness.js';
import { ValkeyManager } from './valkey.manager.js';

export type TestSupervisord = Awaited<ReturnType<typeof startPrivateSupervisord>>;

/** A test node; `stop()` ends supervisord (and so every instance) and deletes its files. */
export async function startValkeyTestNode(memoryAllowanceMb = 256) {
  const { min: portMin, max: portMax } = portBlockBelowEphemeral(100);
  const adminSecret = randomBytes(32).toString('hex');
  const dir = await mkdtemp(path.join(tmpdir(), 'hp-kv-'));
  const baseDir = path.join(dir, 'instances');
  const supervisord = await startPrivateSupervisord(path.join(dir, 'supervisor'));
  const valkey = new ValkeyManager({
    baseDir,
    portRange: { min: portMin, max: portMax },
    memoryAllowanceMb,
    adminSecret,
    supervisor: supervisord.client,
  });
  const clients: Redis[] = [];
  let nextPort = portMin;

  return {
    dir,
    baseDir,
    portMin,
    supervisord,
    valkey,
    /** A spec with a fresh name and port (no users unless given). */
    newSpec(users: ValkeyUserSpec[] = [], maxMemoryMb = 16): ValkeyInstanceSpec {
      const name = `kv_${randomBytes(5).toString('hex')}`;
      return { name, port: nextPort++, maxMemoryMb, evictionPolicy: 'noeviction', users };
    },
    /** A TCP client, connected; a refused AUTH rejects with the server's error. */
    async connect(port: number, auth?: { username: string; password: string }) {
      // No ready check: it sends INFO, which a narrow ACL forbids.
      const options = { lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0 };
      const client = new Redis({
        port,
        host: '127.0.0.1',
        ...auth,
        ...options,
        retryStrategy: () => null,
      });
      let lastError: Error | undefined;
      client.on('error', (error: Error) => (lastError = error));
      clients.push(client);
      // A refused AUTH surfaces as an 'error' event; connect() itself only says it closed.
      await client.connect().catch((error: Error) => {
        throw lastError ?? error;
      });
      return client;
    },
    /** The instance's pid once supervisord counts it as started; throws if it does not. */
    async runningPid(name: string): Promise<number> {
      const status = await supervisord.client.waitFor(name, 'RUNNING', 5_000);
      if (status?.state !== 'RUNNING' || !status.pid) throw new Error(`${name} is not running`);
      return status.pid;
    },
    /** `CONFIG GET key` as the agent, over the instance's socket. */
    config(name: string, key: string): Promise<unknown> {
      const socket = instancePaths(baseDir, name).socket;
      return withAgentConnection(socket, agentPassword(adminSecret, name), (c) => c.config('GET', key));
    },
    async stop() {
      for (const c of clients) c.disconnect();
      await supervisord.stop();
      // Each instance got a Linux account of its own: none may outlive the test.
      const accounts = new InstanceAccounts(baseDir);
      const names = (await readdir(baseDir).catch(() => [] as string[])).filter((n) =>
        VALKEY_INSTANCE_NAME_PATTERN.test(n),
      );
      for (const name of names) await accounts.remove(name);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type ValkeyTestNode = Awaited<ReturnType<typeof startValkeyTestNode>>;

/** What an application's user typically gets: data commands, never administration or scripts. */
export const APP_COMMANDS = ['+@read', '+@write', '+@connection'];

/** A user of `instance` named `<instance>_<suffix>` with the hash of `password`. */
export function testUser(
  instance: string,
  suffix: string,
  password: string,
  rules: ValkeyUserSpec['rules'],
): ValkeyUserSpec {
  return { name: `${instance}_${suffix}`, passwordHash: valkeyPasswordHash(password), rules };
}
