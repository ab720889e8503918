import { randomUUID } from 'node:crypto';
import { MAX_DAEMON_LOG_LINES, MAX_DAEMONS_PER_WEBROOT } from '@hostplane/contract/daemons';
import {
  UserErrorCode,
  type CreateDaemonInput,
  type DaemonLogTailRecord,
  type DaemonMutationResult,
  type DaemonsPort,
  type UpdateDaemonInput,
  type Viewer,
} from '@hostplane/schema';
import { canSeeOwned } from '../data-stores/ownership.js';
import { insertWithEvent, isUniqueViolation } from '../data-stores/insert.js';
import { withinQuota } from '../plans/quota.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import type { ServiceDeps } from '../services.js';
import { resolveWebrootOwner } from '../webroots/webroot-owner.js';
import { DaemonReads } from './daemon-reads.js';
import { DAEMON_DEFAULTS, daemonFieldsOf, type DaemonFields } from './daemon-input.js';

type Result = DaemonMutationResult;

/** How long a log tail may take: every node of the shard answers, or the read fails. */
const LOG_TAIL_TIMEOUT_MS = 30_000;

/**
 * A webroot's daemons: create, update, enable/disable, delete, retry (and the reads, and the log
 * tail, which the nodes' agents read). Every write rolls out as the daemon's own workflow, which
 * writes its webroot's programs and routes on every node of the shard; a webroot's delete and a
 * tenant's suspend take its daemons with them (worker).
 */
export class DaemonService implements DaemonsPort {
  private readonly reads: DaemonReads;
  private readonly kit;

  constructor(private readonly deps: ServiceDeps) {
    this.reads = new DaemonReads(deps.db);
    this.kit = lifecycleOf(deps, 'Daemon', (id) => this.reads.byId(id), {
      scope: 'daemons:write',
      find: (viewer, id) => this.reads.find(viewer, id),
      notFound: 'Daemon not found.',
    });
  }

  get: DaemonsPort['get'] = (viewer, id) => this.reads.get(viewer, id);
  ofWebroot: DaemonsPort['ofWebroot'] = (viewer, webroot, args) => this.reads.ofWebroot(viewer, webroot, args);
  loadTenant: DaemonsPort['loadTenant'] = (viewer, tenantId) => this.reads.loadTenant(viewer, tenantId);

  /** Validates every field, inserts the daemon PENDING with its CREATED event (within the plan) and starts its rollout. */
  async create(viewer: Viewer, input: CreateDaemonInput): Promise<Result> {
    viewer.require('daemons:write'); // before any input check: a key without it learns nothing
    const owner = await resolveWebrootOwner(this.deps.db, viewer, input.webrootId);
    if ('userErrors' in owner) return { daemon: null, userErrors: owner.userErrors };
    const { webroot } = owner;
    const name = input.name.trim();
    const parsed = daemonFieldsOf(name, input, { ...DAEMON_DEFAULTS, command: [] });
    if ('userErrors' in parsed) return { daemon: null, userErrors: parsed.userErrors };
    const { fields } = parsed;
    if ((await this.reads.countLiveOf(webroot.id)) >= MAX_DAEMONS_PER_WEBROOT)
      return refuse(
        'daemon',
        'webrootId',
        `A webroot has at most ${MAX_DAEMONS_PER_WEBROOT} daemons.`,
        UserErrorCode.INVALID_STATE,
      );
    const clash = await this.reads.clash(webroot.id, name, fields.proxyPath);
    if (clash) return this.taken(clash);
    try {
      return await withinQuota('daemon', async () => {
        const row = await insertWithEvent(this.deps.db, 'Daemon', webroot.tenant.brandId, (tx) =>
          tx.daemon.create({ data: { tenantId: webroot.tenantId, webrootId: webroot.id, name, ...fields } }),
        );
        return this.kit.started(row.id, 'CREATE');
      });
    } catch (error) {
      if (isUniqueViolation(error)) return this.taken('name'); // a concurrent create won the race
      throw error;
    }
  }

  /** Validates the changed settings and rolls them out (UPDATE); a name never changes. */
  async update(viewer: Viewer, input: UpdateDaemonInput): Promise<Result> {
    const found = await this.kit.find(viewer, input.id);
    if ('refused' in found) return found.refused;
    const { row } = found;
    const current = await this.deps.db.daemon.findUniqueOrThrow({ where: { id: row.id } });
    const parsed = daemonFieldsOf(row.name, input, current as DaemonFields);
    if ('userErrors' in parsed) return { daemon: null, userErrors: parsed.userErrors };
    return this.change(row, parsed.fields);
  }

  async setEnabled(viewer: Viewer, id: string, enabled: boolean): Promise<Result> {
    const found = await this.kit.find(viewer, id);
    return 'refused' in found ? found.refused : this.change(found.row, { enabled });
  }

  delete = (viewer: Viewer, id: string): Promise<Result> => this.kit.operateById(viewer, id, 'DELETE');
  retry = (viewer: Viewer, id: string): Promise<Result> => this.kit.retry(viewer, id);

  /**
   * The last lines of each process on every node of its shard. Node files are read by each
   * node's agent (a workflow the API awaits), never by the API: it holds no node's files.
   */
  async logTail(
    viewer: Viewer,
    daemon: { id: string; brandId: string; tenantId: string; status: string },
    lines: number,
  ) {
    viewer.require('daemons:read');
    if (!canSeeOwned(viewer, daemon) || daemon.status === 'DELETED') return [];
    const bounded = Math.min(Math.max(Math.trunc(lines), 1), MAX_DAEMON_LOG_LINES);
    const result = await this.deps.workflows.execute(
      'readDaemonLogWorkflow',
      `daemon-log-${daemon.id}-${randomUUID()}`,
      { id: daemon.id, lines: bounded },
      LOG_TAIL_TIMEOUT_MS,
    );
    return result as DaemonLogTailRecord[];
  }

  /** The guarded move to PENDING with the new columns, unless another live daemon holds its proxy path. */
  private async change(
    row: { id: string; status: string; webrootId: string; name: string },
    data: Partial<DaemonFields>,
  ) {
    const clash = data.proxyPath ? await this.reads.clash(row.webrootId, row.name, data.proxyPath, row.id) : null;
    if (clash) return this.taken(clash);
    try {
      return await this.kit.operate(row, 'UPDATE', { data });
    } catch (error) {
      if (isUniqueViolation(error)) return this.taken('proxyPath');
      throw error;
    }
  }

  private taken(field: 'name' | 'proxyPath'): Result {
    const message =
      field === 'name'
        ? 'The webroot already has a daemon of this name.'
        : 'Another daemon of the webroot has this proxy path.';
    return refuse('daemon', field, message, UserErrorCode.TAKEN);
  }
}
