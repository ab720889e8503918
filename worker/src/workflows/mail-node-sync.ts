// One sync per mail node at a time, shared by every change that needs it (issue 13): a change's
// workflow asks the node's sync workflow (`mail-node-sync-<nodeId>`, started when none runs) and
// waits for its answer. The sync applies the node's whole spec from the database, answers every
// request that arrived before that read, and runs again while requests keep arriving — so a
// thousand mailbox creates cost a handful of applies, never a thousand, and no change waits on a
// spec read before it was written. Deterministic code: types, workflow APIs and plain data only.
import {
  ApplicationFailure,
  condition,
  defineSignal,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  proxyLocalActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { MAIL_REJECTED, type MailActivities } from '@hostplane/contract/mail';
import { CAPABILITY_MISSING } from '@hostplane/contract/capabilities';
import type { MailControlActivities } from '../mail/mail.activities.js';
import { ensureMailCertificate } from './mail-tls.js';
import { describeFailure, nodeActivities } from './steps.js';
import { applyUntilStable } from './whole-set-sync.js';

export const mailControl = proxyLocalActivities<MailControlActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

export const onMailNode = (nodeId: string) =>
  nodeActivities<MailActivities>(nodeId, {
    // A rollout of thousands of mailboxes is one render, check and reload: minutes at worst.
    startToCloseTimeout: '10 minutes',
    nonRetryableErrorTypes: [MAIL_REJECTED, CAPABILITY_MISSING],
  });

/** A change's workflow asks for a sync of the node (its workflow id is where the answer goes). */
export const mailNodeSyncRequested = defineSignal<[{ requester: string }]>('mailNodeSyncRequested');
/** The sync's answer: the node applied a spec read after the request (error null), or why not. */
export const mailNodeSynced = defineSignal<[{ nodeId: string; error: string | null }]>('mailNodeSynced');

export const mailNodeSyncId = (nodeId: string) => `mail-node-sync-${nodeId}`;

/**
 * The node's whole spec applied, again while it changed meanwhile; its endpoint recorded. Its
 * host name is known from then on: its certificate is ordered when due (the first time, right
 * after the node's first apply) and a new one is applied at once.
 */
export async function applyMailNode(nodeId: string): Promise<void> {
  const apply = () =>
    applyUntilStable(
      () => mailControl.loadMailNodeSpec(nodeId),
      async (spec) => {
        const { endpoint } = await onMailNode(nodeId).applyMailNode(spec);
        await mailControl.recordMailEndpoint({ nodeId, endpoint });
      },
    );
  await apply();
  if (await ensureMailCertificate(nodeId)) await apply();
}

/** The node's sync: applies while requests wait, answers each batch after an apply that read the database after it. */
export async function syncMailNodeWorkflow({
  nodeId,
  requester,
}: {
  nodeId: string;
  requester: string;
}): Promise<void> {
  const waiting = [requester];
  setHandler(mailNodeSyncRequested, ({ requester: next }) => {
    waiting.push(next);
  });
  // A request that lands as the loop ends would be lost with the run (its requester asks again
  // after ANSWER_TIMEOUT): a short linger makes that rare.
  while (waiting.length > 0 || (await condition(() => waiting.length > 0, '2 seconds'))) {
    const batch = [...new Set(waiting.splice(0))];
    let error: string | null = null;
    try {
      await applyMailNode(nodeId);
    } catch (failure) {
      error = describeFailure(failure);
    }
    // A requester that finished meanwhile (cancelled, timed out) has nobody left to answer.
    await Promise.all(
      batch.map((id) =>
        getExternalWorkflowHandle(id)
          .signal(mailNodeSynced, { nodeId, error })
          .catch(() => undefined),
      ),
    );
  }
}

const answers = new Map<string, string | null>();
let listening = false;

/** How long a request waits before asking again (a sync that ended just as it asked never answers). */
const ANSWER_TIMEOUT = '3 minutes';

/**
 * Asks the node's sync to apply a spec read after now and waits for it; throws its failure.
 * Joins a running sync by signal, or starts one (abandoned on our completion: it may be serving
 * others); asks again when the answer is late.
 */
export async function requestMailNodeSync(nodeId: string): Promise<void> {
  if (!listening) {
    setHandler(mailNodeSynced, ({ nodeId: node, error }) => {
      answers.set(node, error);
    });
    listening = true;
  }
  const requester = workflowInfo().workflowId;
  for (let attempt = 0; attempt < 5; attempt++) {
    answers.delete(nodeId);
    await ask(nodeId, requester);
    if (await condition(() => answers.has(nodeId), ANSWER_TIMEOUT)) {
      const error = answers.get(nodeId);
      if (error) throw ApplicationFailure.retryable(error, 'MailNodeSyncFailed');
      return;
    }
  }
  throw ApplicationFailure.retryable(`mail node ${nodeId} did not answer`, 'MailNodeSyncFailed');
}

async function ask(nodeId: string, requester: string): Promise<void> {
  const workflowId = mailNodeSyncId(nodeId);
  for (;;) {
    try {
      await getExternalWorkflowHandle(workflowId).signal(mailNodeSyncRequested, { requester });
      return;
    } catch {
      // None running: start one.
    }
    try {
      await startChild(syncMailNodeWorkflow, {
        workflowId,
        args: [{ nodeId, requester }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      return;
    } catch (error) {
      // Another requester started it between our two tries: signal that one.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
}
