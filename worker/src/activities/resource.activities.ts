// The one status activity and the one step activity of every async resource (DESIGN.md §5c):
// tenants, webroots, FQDNs, databases and their users and rules, Valkey instances and users, and
// any type added to the server's registry. Shards record steps too (convergence progress).
import type { Db, ResourceStatus } from '@hostplane/server/db';
import { publishEvent } from '@hostplane/server/events';
import { ownerOf, RESOURCE_TYPES, setResourceStatus, type AsyncResourceType } from '@hostplane/server/resources';
import type { Logger } from 'pino';

export interface ResourceActivityDeps {
  db: Db;
  logger: Logger;
}

/** Which resource a workflow works on. */
export interface ResourceRef<T extends AsyncResourceType = AsyncResourceType> {
  type: T;
  id: string;
}

/** What steps are recorded on: an async resource, or a shard (its events belong to no brand). */
export type StepTarget = ResourceRef | { type: 'Shard'; id: string };

export type StepState = 'STARTED' | 'SUCCEEDED' | 'FAILED';

export interface ResourceStatusChange extends ResourceRef {
  status: ResourceStatus;
  /** null clears it; undefined keeps it. */
  statusMessage?: string | null;
  /** null clears it; undefined keeps what the API stored. Tenants only. */
  suspendReason?: string | null;
  /** Apply only from these statuses, so a late workflow never overwrites a newer one. */
  expectFrom?: ResourceStatus[];
}

export type ResourceStep = StepTarget & {
  /** Human step name shown in panels, e.g. "database created". */
  step: string;
  state: StepState;
  message: string;
};

interface StatusReader {
  findUnique(args: object): Promise<{ status: ResourceStatus } | null>;
}

/** The current status of any async resource (null when the row does not exist). */
async function statusOf(db: Db, ref: ResourceRef): Promise<ResourceStatus | null> {
  const model = (db as unknown as Record<string, StatusReader>)[RESOURCE_TYPES[ref.type].model]!;
  return (await model.findUnique({ where: { id: ref.id }, select: { status: true } }))?.status ?? null;
}

/** Control-plane activities every lifecycle workflow shares; they run in the worker, next to the DB. */
export function createResourceActivities({ db, logger }: ResourceActivityDeps) {
  return {
    /**
     * Status + event + NOTIFY in one transaction. False when not in `expectFrom`, except when
     * already at `status` (a re-run local activity whose first attempt committed: idempotent).
     */
    async setResourceStatus(change: ResourceStatusChange): Promise<boolean> {
      const { type, id, ...rest } = change;
      if (await setResourceStatus(db, { resourceType: type, resourceId: id, ...rest })) {
        logger.info({ resourceType: type, resourceId: id, status: change.status }, 'status changed');
        return true;
      }
      return (await statusOf(db, { type, id })) === change.status;
    },

    /** Appends a STEP event (what the workflow is doing) for live progress in panels. */
    async recordResourceStep(input: ResourceStep): Promise<void> {
      const owner =
        input.type === 'Shard'
          ? { brandId: null, tenantId: null }
          : await db.$transaction((tx) => ownerOf(tx, input.type as AsyncResourceType, input.id));
      await publishEvent(db, {
        ...owner,
        resourceType: input.type,
        resourceId: input.id,
        kind: 'STEP',
        step: input.step,
        stepState: input.state,
        message: input.message,
      });
    },

    /** The status of a resource (workflows wait for a parent to be ACTIVE). */
    resourceStatus: (ref: ResourceRef): Promise<ResourceStatus | null> => statusOf(db, ref),
  };
}

export type ResourceActivities = ReturnType<typeof createResourceActivities>;
