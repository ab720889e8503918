import path from 'node:path';
import type { Logger } from 'pino';
import { NonRetryableError } from '@hostplane/contract/errors';
import {
  CRON_BATCH_SETTLE_MS,
  CRON_TIMEOUT_SECONDS,
  cronCommandProblem,
  type CronActivities,
  type CronBatchOutcome,
  type CronBatchRun,
  type CronRunResult,
  type CronRunSpec,
} from '@hostplane/contract/cron-jobs';
import { envIssues, WEBROOT_NAME_PATTERN } from '@hostplane/contract/webroots';
import { reconcile } from '../reconcile.js';
import { runCronProcess } from './runner.js';

export interface CronPaths {
  /** Where tenant homes live (HOSTPLANE_HOME_ROOT). */
  homeRoot: string;
  /** PATH of a run (HOSTPLANE_APP_PATH, like the apps'). */
  path: string;
}

/** A tenant's account name (`t_` + 10 characters, as the API draws it). */
const TENANT_NAME = /^t_[a-z0-9]{10}$/;

/** The spec checked again here: the agent runs nothing it did not check itself. */
function checked(spec: CronRunSpec): CronRunSpec {
  const problem =
    (!TENANT_NAME.test(spec.tenant) && 'bad tenant name') ||
    (!WEBROOT_NAME_PATTERN.test(spec.webroot) && 'bad webroot name') ||
    ((!Number.isInteger(spec.uid) || spec.uid < 1000 || spec.uid > 2 ** 31 - 1) && 'bad uid') ||
    ((!Number.isInteger(spec.timeoutSeconds) ||
      spec.timeoutSeconds < CRON_TIMEOUT_SECONDS.min ||
      spec.timeoutSeconds > CRON_TIMEOUT_SECONDS.max) &&
      'bad timeout') ||
    cronCommandProblem(spec.command) ||
    envIssues(spec.env)
      .map((i) => `${i.field} ${i.message}`)
      .join('; ');
  if (problem) throw new NonRetryableError('InvalidCronRun', `cron job ${spec.jobId}: ${problem}`);
  return spec;
}

/**
 * The environment of a run: the webroot's variables and secrets, then what the platform sets
 * (their names are reserved, refused by the API and by envIssues). Nothing of the agent's own.
 */
function environmentOf(spec: CronRunSpec, home: string, webrootDir: string, searchPath: string) {
  return {
    ...Object.fromEntries((spec.env ?? []).map((e) => [e.name, e.value])),
    HOME: home,
    USER: spec.tenant,
    LOGNAME: spec.tenant,
    SHELL: '/bin/sh',
    PATH: searchPath,
    PWD: webrootDir,
    LANG: 'C.UTF-8',
  };
}

/**
 * The outcomes that have ended once the first has and the others had CRON_BATCH_SETTLE_MS more
 * (all of them if they end by then), in the order given: a quick run is recorded without waiting
 * for the batch's slowest, and runs that end together are answered together.
 */
async function firstEnded(outcomes: Promise<CronBatchOutcome>[]): Promise<CronBatchOutcome[]> {
  if (outcomes.length === 0) return [];
  const ended: (CronBatchOutcome | undefined)[] = outcomes.map(() => undefined);
  outcomes.forEach((outcome, i) => void outcome.then((o) => (ended[i] = o)));
  await Promise.race(outcomes);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(outcomes),
    new Promise((resolve) => (timer = setTimeout(resolve, CRON_BATCH_SETTLE_MS))),
  ]);
  clearTimeout(timer);
  return ended.filter((o) => o !== undefined);
}

/** How long a batch run's outcome is kept after it ended, for a repeated batch to find. */
const BATCH_RUN_KEPT_MS = 15 * 60_000;

/**
 * Cron runs on this node: runCronJobNow's `runCronJob`, and a tick's `runCronBatch` (one
 * activity for all of the tick's runs on this node, so Temporal sees one task per node and tick).
 */
export function createCronActivities(paths: CronPaths, logger: Logger): CronActivities {
  /** Batch runs by run id, started or ended (ended ones for BATCH_RUN_KEPT_MS). */
  const batchRuns = new Map<string, Promise<CronBatchOutcome>>();

  /** The run's outcome; started only the first time this agent sees its run id. */
  function startOnce({ runId, spec }: CronBatchRun): Promise<CronBatchOutcome> {
    const known = batchRuns.get(runId);
    if (known) return known;
    const outcome = (async (): Promise<CronBatchOutcome> => {
      let checkedSpec: CronRunSpec;
      try {
        checkedSpec = checked(spec);
      } catch (error) {
        return { runId, refused: (error as Error).message };
      }
      return { runId, result: await run(checkedSpec) };
    })();
    batchRuns.set(runId, outcome);
    void outcome.then(() => setTimeout(() => batchRuns.delete(runId), BATCH_RUN_KEPT_MS).unref());
    return outcome;
  }

  /** A run of a batch this agent started, or a refusal if it never did (it restarted since). */
  const startedOnce = ({ runId }: CronBatchRun): Promise<CronBatchOutcome> =>
    batchRuns.get(runId) ?? Promise.resolve({ runId, refused: 'the node lost the run (its agent restarted)' });

  return {
    runCronJob: (input) =>
      reconcile(logger, 'runCronJob', { cronJob: input.jobId, tenantUser: input.tenant }, () => run(input), {
        logChanged: false,
      }),
    runCronBatch: (runs, { continuing = false } = {}) =>
      reconcile(
        logger,
        'runCronBatch',
        { runs: runs.length, continuing },
        () => firstEnded(runs.map(continuing ? startedOnce : startOnce)),
        { logChanged: false },
      ),
  };

  async function run(input: CronRunSpec): Promise<CronRunResult> {
    const spec = checked(input);
    const home = path.join(paths.homeRoot, spec.tenant);
    const webrootDir = path.join(home, 'webroots', spec.webroot);
    const result = await runCronProcess({
      uid: spec.uid,
      cwd: webrootDir,
      argv: spec.command,
      env: environmentOf(spec, home, webrootDir, paths.path),
      timeoutMs: spec.timeoutSeconds * 1000,
    });
    // Names and outcome only: output and environment may hold the tenant's secrets.
    logger.info(
      {
        action: 'runCronJob',
        cronJob: spec.jobId,
        tenantUser: spec.tenant,
        exitCode: result.exitCode,
        signal: result.signal,
        timedOut: result.timedOut,
        durationMs: result.durationMs,
      },
      'cron job ran',
    );
    return result;
  }
}
