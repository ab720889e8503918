import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { temporalConnectionOptions, type TemporalAccess } from '@hostplane/contract/temporal-connection';
import { CONTROL_TASK_QUEUE } from './contract.js';
import type { WorkflowInputs, WorkflowName } from './workflows.js';

export type StartOutcome =
  { started: true } | { started: false; reason: 'ALREADY_RUNNING' | 'UNAVAILABLE'; message: string };

/** Starts control-plane workflows; connects lazily so the API boots even while Temporal does. */
export class WorkflowStarter {
  private client: Promise<Client> | null = null;

  constructor(
    private readonly address: string,
    private readonly namespace: string,
    /**
     * Payload keys and TLS (@hostplane/contract/temporal-connection): the same as the worker's and
     * agents'. Absent only in in-process tests, whose worker runs without a codec too.
     */
    private readonly access?: TemporalAccess,
  ) {}

  private getClient(): Promise<Client> {
    const options = this.access ? temporalConnectionOptions(this.address, this.access) : { address: this.address };
    this.client ??= Connection.connect(options)
      .then(
        (connection) =>
          new Client({
            connection,
            namespace: this.namespace,
            ...(this.access ? { dataConverter: this.access.dataConverter } : {}),
          }),
      )
      .catch((error: unknown) => {
        this.client = null; // try again on the next call
        throw error;
      });
    return this.client;
  }

  /** Starts `workflowType` by its typed name with the input its function takes. */
  async start<N extends WorkflowName>(
    workflowType: N,
    workflowId: string,
    input: WorkflowInputs[N],
  ): Promise<StartOutcome> {
    try {
      const client = await this.getClient();
      await client.workflow.start(workflowType, {
        taskQueue: CONTROL_TASK_QUEUE,
        workflowId,
        args: [input],
      });
      return { started: true };
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        return { started: false, reason: 'ALREADY_RUNNING', message: `Workflow ${workflowId} is already running.` };
      }
      return {
        started: false,
        reason: 'UNAVAILABLE',
        message: `Could not start workflow: ${(error as Error).message}`,
      };
    }
  }

  /**
   * Runs `workflowType` and waits for its result, at most `timeoutMs` (a read only node agents
   * can make, such as a daemon's log tail). Throws when Temporal refuses or the run fails.
   */
  async execute<N extends WorkflowName>(
    workflowType: N,
    workflowId: string,
    input: WorkflowInputs[N],
    timeoutMs: number,
  ): Promise<unknown> {
    const client = await this.getClient();
    return client.workflow.execute(workflowType, {
      taskQueue: CONTROL_TASK_QUEUE,
      workflowId,
      args: [input],
      workflowExecutionTimeout: timeoutMs,
    });
  }

  async close(): Promise<void> {
    const client = await this.client?.catch(() => null);
    await client?.connection.close();
  }
}
