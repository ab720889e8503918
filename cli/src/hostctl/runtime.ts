import type { HostplaneClient } from '@hostplane/schema/sdk';
import { createCliClient } from '../client.js';
import { ConfigError, loadConfig } from '../config.js';
import { UsageError } from './errors.js';
import type { OutputFormat } from './output.js';

/** What every command needs: the chosen output format and an API client. */
export interface Runtime {
  /** The global `--output` option. */
  readonly output: OutputFormat;
  /** The SDK client, created on first use so `--help` works without a key. */
  client(): HostplaneClient;
  /** Closes the client's WebSocket, if any. */
  close(): Promise<void>;
}

/** A runtime reading `--output` through `output()` at the time a command runs. */
export function createRuntime(output: () => OutputFormat): Runtime {
  let client: HostplaneClient | null = null;
  return {
    get output() {
      return output();
    },
    client() {
      if (client) return client;
      try {
        return (client = createCliClient(loadConfig()));
      } catch (error) {
        // A missing key is the caller's to fix: a usage error (exit 2), not a failure.
        if (error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      }
    },
    async close() {
      await client?.close();
    },
  };
}
