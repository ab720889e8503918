import { chmod, chown, mkdir, readFile, rm, stat } from 'node:fs/promises';
import type { ReconcileResult } from '@hostplane/contract/node';
import { validateValkeyUsers as validateUsers } from '@hostplane/contract/data-stores/validate';
import { agentPassword, waitUntilAnswering, withAgentConnection } from './admin-connection.js';
import {
  ValkeyError,
  type ValkeyDumpResult,
  type ValkeyInstanceSpec,
  type ValkeyUserSpec,
} from '@hostplane/contract/data-stores';
import { InstanceAccounts, type InstanceAccount } from './instance-accounts.js';
import { writeFileIfChanged } from './files.js';
import {
  instancePaths,
  listInstanceRecords,
  readInstanceRecord,
  renderRedisConf,
  type InstancePaths,
  type InstanceRecord,
} from './instance-files.js';
import { assertInstanceName, checkInstanceSpec, type NodeLimits } from './instance-spec.js';
import { applyConfigLive, writeAcl, type AgentTarget } from './live-config.js';
import { assertRdbFile, copyWithDigest, saveSnapshot } from './rdb.js';
import type { ProgramSpec, SupervisorClient } from './supervisor-client.js';

export interface ValkeyManagerOptions extends NodeLimits {
  /** Instances live in `<baseDir>/<name>/` (config, ACL file, socket, log, `data/`). */
  baseDir: string;
  /** Default `/usr/bin/redis-server` (or valkey-server). */
  redisServerPath?: string;
  /** Secret (≥ 32 chars) from which the agent's per-instance password is derived. */
  adminSecret: string;
  supervisor: SupervisorClient;
  /** TCP addresses to listen on; default loopback only. Production: `['0.0.0.0', '::']`. */
  bind?: string[];
  /** Each instance's own unprivileged account (default: created per instance, `kv_…`). */
  accounts?: InstanceAccounts;
  /** How long a start may take before it counts as failed; default 10 s. */
  startTimeoutMs?: number;
}

const SAFE_PATH = /^\/[A-Za-z0-9_./-]*$/;
const ADDRESS = /^[0-9a-fA-F.:]+$/;

/**
 * Reconciles tenant Valkey instances on this node: each a `redis-server` of its own under
 * supervisord (restarted when it dies), configured from rendered files and changed live where
 * the server allows. Calls are serialized, so the port and memory checks see a stable node.
 */
export class ValkeyManager {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly bind: string[];
  private readonly accounts: InstanceAccounts;

  constructor(private readonly options: ValkeyManagerOptions) {
    // Paths go into redis.conf and supervisord's command line: keep them free of quoting issues.
    const socket = instancePaths(options.baseDir, 'kv_0123456789').socket;
    if (!SAFE_PATH.test(options.baseDir) || socket.length > 100) {
      throw new Error(`unusable Valkey base dir "${options.baseDir}" (plain characters, short)`);
    }
    if (options.adminSecret.length < 32) throw new Error('the Valkey admin secret needs ≥ 32 chars');
    this.bind = options.bind ?? ['127.0.0.1'];
    this.accounts = options.accounts ?? new InstanceAccounts(options.baseDir);
    if (!this.bind.every((a) => ADDRESS.test(a))) throw new Error('Valkey bind addresses must be IPs');
  }

  /** The instance running with this spec: files, users, limits; started if it was not. */
  ensureInstance(spec: ValkeyInstanceSpec): Promise<ReconcileResult> {
    return this.serial(() => this.ensure(spec));
  }

  /** The instance's complete user list (ACL file), applied live with ACL LOAD. */
  ensureUsers(input: { name: string; users: ValkeyUserSpec[] }): Promise<ReconcileResult> {
    return this.serial(async () => {
      assertInstanceName(input.name);
      validateUsers(input.name, input.users);
      await this.existing(input.name);
      const running = await this.isRunning(input.name);
      const account = await this.accounts.ensure(input.name);
      return { changed: await writeAcl(this.target(input.name, account), input.users, running) };
    });
  }

  /** Stops the instance and deletes its program and files (its data too). */
  removeInstance({ name }: { name: string }): Promise<ReconcileResult> {
    return this.serial(async () => {
      assertInstanceName(name);
      const paths = instancePaths(this.options.baseDir, name);
      const hadProgram = await this.options.supervisor.removeProgram(name);
      const hadFiles = await stat(paths.dir).then(
        () => true,
        () => false,
      );
      // Its server is stopped: no process of the account is left to race the delete.
      await rm(paths.dir, { recursive: true, force: true });
      await this.accounts.remove(name);
      return { changed: hadProgram || hadFiles };
    });
  }

  /** A fresh RDB snapshot of the running instance, copied to `path` on this node. */
  dumpInstance({ name, path }: { name: string; path: string }): Promise<ValkeyDumpResult> {
    return this.serial(async () => {
      assertInstanceName(name);
      const paths = await this.existing(name);
      await withAgentConnection(paths.socket, this.password(name), saveSnapshot);
      return { path, ...(await copyWithDigest(paths.rdb, path)) };
    });
  }

  /** Replaces the instance's data with an RDB file: stop, put the file in place, start. */
  importInstance({ name, path }: { name: string; path: string }): Promise<ReconcileResult> {
    return this.serial(async () => {
      assertInstanceName(name);
      const paths = await this.existing(name);
      await assertRdbFile(path);
      // Stopping saves the current data on shutdown; the imported file replaces it afterwards.
      await this.options.supervisor.stop(name);
      await copyWithDigest(path, paths.rdb, await this.accounts.ensure(name));
      await this.startAndWait(name, paths);
      return { changed: true };
    });
  }

  /**
   * At agent start: re-registers and starts every instance found under the base dir (after a
   * wiped supervisord include folder or a reboot). Returns their names.
   */
  resumeAll(): Promise<string[]> {
    return this.serial(async () => {
      const records = await listInstanceRecords(this.options.baseDir);
      for (const record of records) {
        const { name } = record;
        const paths = instancePaths(this.options.baseDir, name);
        // Instances of an agent that ran them as root get their account and files here.
        const { account } = await this.layOut(record);
        await this.options.supervisor.ensureProgram(this.program(name, paths, account));
        if (!(await this.isRunning(name))) await this.startAndWait(name, paths);
      }
      return records.map((r) => r.name);
    });
  }

  private async ensure(spec: ValkeyInstanceSpec): Promise<ReconcileResult> {
    const others = await listInstanceRecords(this.options.baseDir);
    const record = checkInstanceSpec(spec, others, this.options);
    const paths = instancePaths(this.options.baseDir, spec.name);
    // A server started before its socket moved into data/ (as root) is restarted below.
    let running = await this.isRunning(spec.name);
    if (running && !(await exists(paths.socket))) {
      await this.options.supervisor.stop(spec.name);
      running = false;
    }
    // Live first: a value the server refuses fails here, before any file changes.
    const account = await this.accounts.ensure(spec.name);
    const target = this.target(spec.name, account);
    let changed = running && (await applyConfigLive(target, record, this.bind));
    changed = (await this.layOut(record)).changed || changed;
    changed = (await writeAcl(target, spec.users, running)) || changed;
    const json = `${JSON.stringify(record, null, 2)}\n`;
    changed = (await writeFileIfChanged(paths.record, json, 0o640)) || changed;
    const program = this.program(spec.name, paths, account);
    changed = (await this.options.supervisor.ensureProgram(program)) || changed;
    if (!running) await this.startAndWait(spec.name, paths);
    return { changed: changed || !running };
  }

  /** Whether supervisord runs it; a (re)start in progress is waited out first. */
  private async isRunning(name: string): Promise<boolean> {
    const { supervisor, startTimeoutMs = 10_000 } = this.options;
    const status = await supervisor.status(name);
    if (status?.state !== 'STARTING') return status?.state === 'RUNNING';
    return (await supervisor.waitFor(name, 'RUNNING', startTimeoutMs))?.state === 'RUNNING';
  }

  /** Starts it and waits until it answers and supervisord counts it as started (startsecs). */
  private async startAndWait(name: string, paths: InstancePaths): Promise<void> {
    const { supervisor, startTimeoutMs = 10_000 } = this.options;
    await supervisor.start(name);
    const answering = await waitUntilAnswering(paths.socket, this.password(name), startTimeoutMs);
    if (answering && (await this.isRunning(name))) return;
    const state = (await supervisor.status(name))?.state;
    const log = (await readFile(paths.log, 'utf8').catch(() => '')).slice(-1_500);
    const message = `${name} did not start (${state ?? 'unknown'}): ${log}`;
    // FATAL/BACKOFF: the server keeps exiting at start (bad config, port taken): not transient.
    if (state === 'FATAL' || state === 'BACKOFF') throw new ValkeyError('ValkeyConfigRejected', message);
    throw new Error(message);
  }

  /**
   * The instance's account and folders: the folder and its config root-owned, readable by the
   * account's group (a broken-into server cannot rewrite what root reads or writes there); only
   * `data/` (dump, socket) is the account's. Returns the account, and whether the config changed.
   */
  private async layOut(record: InstanceRecord): Promise<{ account: InstanceAccount; changed: boolean }> {
    const account = await this.accounts.ensure(record.name);
    const paths = instancePaths(this.options.baseDir, record.name);
    await mkdir(paths.data, { recursive: true, mode: 0o750 });
    await chown(paths.dir, 0, account.gid);
    await chmod(paths.dir, 0o750);
    await chown(paths.data, account.uid, account.gid);
    const group = { uid: 0, gid: account.gid };
    const changed = await writeFileIfChanged(paths.conf, renderRedisConf(paths, record, this.bind), 0o640, group);
    await chown(paths.conf, 0, account.gid);
    if (await exists(paths.acl)) {
      await chown(paths.acl, 0, account.gid);
      await chmod(paths.acl, 0o640);
    }
    return { account, changed };
  }

  private program(name: string, paths: InstancePaths, account: InstanceAccount): ProgramSpec {
    const server = this.options.redisServerPath ?? '/usr/bin/redis-server';
    return {
      name,
      command: [server, paths.conf],
      directory: paths.data,
      logFile: paths.log,
      user: account.user,
      stopWaitSecs: 60,
    };
  }

  private async existing(name: string): Promise<InstancePaths> {
    const paths = instancePaths(this.options.baseDir, name);
    if (!(await readInstanceRecord(paths))) {
      throw new ValkeyError('ValkeyInstanceMissing', `Valkey instance ${name} does not exist on this node`);
    }
    return paths;
  }

  private password(name: string): string {
    return agentPassword(this.options.adminSecret, name);
  }

  private target(name: string, account: InstanceAccount): AgentTarget {
    const paths = instancePaths(this.options.baseDir, name);
    // The ACL file holds hashes: root's, readable by the instance's group only.
    return { name, paths, password: this.password(name), owner: { uid: 0, gid: account.gid } };
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );
