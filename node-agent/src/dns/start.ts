import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { CAPABILITY_MISSING } from '@hostplane/contract/capabilities';
import type { DnsActivities } from '@hostplane/contract/dns';
import { NonRetryableError } from '@hostplane/contract/errors';
import type { NodeAgentConfig } from '../config.js';
import { stateDirOf } from '../data-stores/start.js';
import { createDnsActivities } from './activities.js';
import { PdnsApi } from './api.js';
import { ensurePdnsDatabase, parseDatabaseUrl } from './database.js';
import { startPdns } from './pdns-server.js';

/** The DNS folder: HOSTPLANE_DNS_DIR, else `dns/` in the agent's state folder (root only: it holds the API key). */
export const dnsDirOf = (config: NodeAgentConfig) => config.HOSTPLANE_DNS_DIR ?? path.join(stateDirOf(config), 'dns');

function parseListen(listen: string): { address: string; port: number } {
  const at = listen.lastIndexOf(':');
  return { address: listen.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(listen.slice(at + 1)) };
}

const unavailable = (reason: string): DnsActivities => {
  const fail = async (): Promise<never> => {
    throw new NonRetryableError(CAPABILITY_MISSING, reason);
  };
  return { ensureDnsZone: fail, patchDnsRrsets: fail, removeDnsZone: fail, listDnsZones: fail };
};

/** The API key, made once and kept (0600) so a restarted agent talks to the PowerDNS it left. */
async function apiKeyIn(dir: string): Promise<string> {
  const file = path.join(dir, 'api-key');
  const existing = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (existing) return existing;
  const made = randomBytes(24).toString('hex');
  await writeFile(file, `${made}\n`, { mode: 0o600 });
  return made;
}

/**
 * Starts this node's own PowerDNS (gpgsql on its own database, HTTP API on a loopback port)
 * when HOSTPLANE_DNS_LISTEN is set. Without it, or without the programs, the node serves no DNS
 * and its DNS activities fail as CapabilityMissing (a missing program never stops the agent).
 */
export async function startDns(config: NodeAgentConfig, logger: Logger) {
  const none = {
    activities: unavailable('DNS is not enabled on this node (HOSTPLANE_DNS_LISTEN)'),
    close: async () => {},
  };
  if (!config.HOSTPLANE_DNS_LISTEN) return none;
  try {
    if (!config.HOSTPLANE_PDNS_DATABASE_URL) throw new Error('HOSTPLANE_PDNS_DATABASE_URL is not set');
    const { address, port } = parseListen(config.HOSTPLANE_DNS_LISTEN);
    const dir = dnsDirOf(config);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    const database = parseDatabaseUrl(config.HOSTPLANE_PDNS_DATABASE_URL);
    if (await ensurePdnsDatabase(database, config.HOSTPLANE_PDNS_SCHEMA)) {
      logger.info({ database: database.database }, 'PowerDNS database created');
    }
    const apiKey = await apiKeyIn(dir);
    const api = new PdnsApi(`http://127.0.0.1:${config.HOSTPLANE_DNS_API_PORT}/api/v1/servers/localhost`, apiKey);
    const server = await startPdns(
      {
        program: config.HOSTPLANE_PDNS_SERVER_PATH,
        dir,
        address,
        port,
        apiPort: config.HOSTPLANE_DNS_API_PORT,
        apiKey,
        database,
      },
      api,
      logger,
    );
    const endpoint = { address: config.HOSTPLANE_DNS_PUBLIC_ADDRESS ?? address, port };
    return { activities: createDnsActivities(api, endpoint, logger), close: server.stop };
  } catch (error) {
    logger.error(
      { err: error },
      'PowerDNS not started: DNS unavailable on this node (packages pdns-server, pdns-backend-pgsql?)',
    );
    return { ...none, activities: unavailable(`PowerDNS could not start: ${(error as Error).message}`) };
  }
}
