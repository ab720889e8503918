import { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { NativeConnection } from '@temporalio/worker';
import type { Logger } from 'pino';
import {
  CAPABILITY_REPORT_TASK_QUEUE,
  nodeCapabilitiesWorkflowId,
  REPORT_NODE_CAPABILITIES_WORKFLOW,
} from '@hostplane/contract/capabilities';
import type { NodeCapabilities } from './node-capabilities.js';

export interface CapabilityReporterOptions {
  connection: NativeConnection;
  namespace: string;
  dataConverter?: DataConverter;
  capabilities: NodeCapabilities;
  /** Between two full probes and reports. */
  intervalMs: number;
  logger: Logger;
}

/**
 * Tells the control plane what this node can do — at start, whenever a probe changes the
 * picture, and every `intervalMs` — by starting the report workflow on the control queue (the
 * agent holds no database credentials). The workflow id is per node and a newer report
 * terminates an older one still running, so at most one is in flight and the newest wins.
 * A report that cannot be started (Temporal away) is logged; the next one carries the news.
 */
export class CapabilityReporter {
  private readonly client: Client;
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> | null = null;
  private again = false;

  constructor(private readonly options: CapabilityReporterOptions) {
    this.client = new Client({
      connection: options.connection,
      namespace: options.namespace,
      ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
    });
  }

  start(): void {
    this.options.capabilities.onChange(() => void this.report());
    void this.report();
    this.timer = setInterval(() => void this.refresh(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Sends the current picture; calls made while one is in flight coalesce into one more. */
  report(): Promise<void> {
    if (this.sending) {
      this.again = true;
      return this.sending;
    }
    this.sending = this.send().finally(() => {
      this.sending = null;
      if (this.again) {
        this.again = false;
        void this.report();
      }
    });
    return this.sending;
  }

  private async refresh(): Promise<void> {
    await this.options.capabilities.probeAll();
    await this.report();
  }

  private async send(): Promise<void> {
    const report = this.options.capabilities.report();
    try {
      await this.client.workflow.start(REPORT_NODE_CAPABILITIES_WORKFLOW, {
        taskQueue: CAPABILITY_REPORT_TASK_QUEUE,
        workflowId: nodeCapabilitiesWorkflowId(report.nodeId),
        workflowIdConflictPolicy: 'TERMINATE_EXISTING',
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        args: [report],
      });
      const missing = report.capabilities.filter((c) => !c.available).map((c) => c.name);
      this.options.logger.info({ capabilities: report.capabilities.length, missing }, 'capabilities reported');
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not report capabilities');
    }
  }
}
