import type { Logger } from 'pino';
import type { DataStoreConfig } from '../data-stores/config.js';
import type { WebConfig, WebPaths } from '../webroots/config.js';
import { detectDebianRuntime } from './app-runtimes.js';
import { dataStorePrograms, webPrograms } from './catalog.js';
import type { CAPABILITY_ENV } from './config.js';
import { NodeCapabilities } from './node-capabilities.js';
import type { z } from 'zod';

type CapabilityConfig = { [K in keyof typeof CAPABILITY_ENV]: z.infer<(typeof CAPABILITY_ENV)[K]> };

export type NodeCapabilityConfig = CapabilityConfig &
  DataStoreConfig &
  Pick<WebConfig, 'HOSTPLANE_PYTHON_RUNTIMES' | 'HOSTPLANE_RUBY_RUNTIMES'> & { NODE_ID: string };

/**
 * Probes everything this node is configured to use (`paths`: the web side's resolved paths,
 * whose Python and Ruby maps are filled in here when their variables are unset) before any
 * daemon starts, so start-up skips what is missing instead of crashing on it.
 */
export async function probeNodeCapabilities(
  config: NodeCapabilityConfig,
  paths: Pick<WebPaths, 'web' | 'haproxy'>,
  logger: Logger,
): Promise<NodeCapabilities> {
  const timeoutMs = config.HOSTPLANE_CAPABILITY_PROBE_TIMEOUT_MS;
  const runtimes = paths.web.apps.runtimes;
  const detected = [
    ...(config.HOSTPLANE_PYTHON_RUNTIMES ? [] : (['PYTHON'] as const)),
    ...(config.HOSTPLANE_RUBY_RUNTIMES ? [] : (['RUBY'] as const)),
  ];
  const capabilities = new NodeCapabilities({
    nodeId: config.NODE_ID,
    programs: () => [...webPrograms(paths), ...dataStorePrograms(config)],
    detect: async () => {
      await Promise.all(detected.map((runtime) => detectDebianRuntime(runtime, (runtimes[runtime] ??= {}), timeoutMs)));
    },
    timeoutMs,
    logger,
  });
  await capabilities.probeAll();
  return capabilities;
}
