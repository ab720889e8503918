// What the root vitest globalSetup (./global-setup.ts) hands every test: one running platform per
// `npm test` run, shared by all test files. Tests isolate themselves by creating their own brand
// and tenant, never by restarting services.
import { inject } from 'vitest';

/** The running platform, started once per test run. */
export interface Platform {
  /** GraphQL over HTTP, e.g. http://127.0.0.1:41234/graphql. */
  apiUrl: string;
  /** GraphQL over WebSocket (graphql-ws) on the same port. */
  wsUrl: string;
  /** A platform-admin API key (scope `*`, every brand). */
  adminKey: string;
  /** The run's own database (hostplane_test_…), migrated; dropped after the run. */
  databaseUrl: string;
  /** host:port of the run's Temporal dev server (namespace `default`). */
  temporalAddress: string;
  /** The local node the node agent serves (task queue `node-<nodeId>`). */
  nodeId: string;
  /** The `local-web` shard that node belongs to (it is also the only node of LB shard `local-lb`). */
  shardId: string;
  /** The node agent's HOSTPLANE_HOME_ROOT (a temp folder). */
  homeRoot: string;
  /** The sites' front door: the local node's HAProxy (LB shard `local-lb`), e.g. http://127.0.0.1:41235. */
  lbUrl: string;
  /** The same HAProxy's HTTPS bind (SNI, certificates through its runtime API), e.g. https://127.0.0.1:41236. */
  lbHttpsUrl: string;
  /** The root certificate of the run's ACME CA (Pebble): what automatic certificates chain up to. */
  acmeRootFile: string;
  /** The node agent's HOSTPLANE_WEB_STATE_DIR: nginx, php-fpm, supervisord and HAProxy files. */
  webStateDir: string;
  /** HOSTPLANE_PAYLOAD_KEY of the run: API, worker and agent encrypt Temporal payloads with it. */
  payloadKey: string;
  /** The run's PowerDNS HTTP API (…/api/v1/servers/localhost): tests publish customers' records there (support/dns.ts). */
  dnsApiUrl: string;
  /** Its X-API-Key. */
  dnsApiKey: string;
  /** `127.0.0.1:<port>` of the platform's own PowerDNS (the local node is DNS shard `local-dns`): hosted zones answer there. */
  platformDns: string;
  /** That PowerDNS's own database (its tables are never the platform's): tests wipe it to prove convergence. */
  pdnsDatabaseUrl: string;
  /** The local node's Postfix (SMTP, submission) and Dovecot (IMAP): it is mail shard `local-mail`. */
  platformMail: {
    /** The host name it answers as: its MX and the name its certificate (from Pebble) is for. */
    hostname: string;
    address: string;
    smtpPort: number;
    submissionPort: number;
    imapPort: number;
    dkimPort: number;
    /** Postfix's listener for Sieve auto-replies: null-sender mail from the node itself, never from tenants. */
    replyPort: number;
  };
  /** The only node of shards `local-db-2` and `local-valkey-2` (see ./second-data-node.ts). */
  secondDataNode: SecondDataNode;
}

/** A data node beside the local one: its own agent, MariaDB server and loopback address. */
export interface SecondDataNode {
  /** Its Node id (task queue `node-<id>`). */
  id: string;
  /** Its loopback address (127.x.y.z, never 127.0.0.1): its Node row's, where its MariaDB and Valkey instances listen. */
  address: string;
  /** Its agent's HOSTPLANE_HOME_ROOT (its state folder, `agent-state`, is beside it). */
  homeRoot: string;
  /** Its private MariaDB server's admin over TCP (root, from 127.0.0.1), on `address`:3306. */
  mariadb: { host: string; port: number; user: string; password: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    platform: Platform;
  }
}

/** The platform of this test run (see global-setup.ts). */
export function getPlatform(): Platform {
  return inject('platform');
}
