import { z } from 'zod';
import { CAPABILITY_ENV } from './capabilities/config.js';
import { DATA_STORE_ENV } from './data-stores/config.js';
import { EGRESS_ENV } from './egress/config.js';
import { SSH_ENV } from './ssh/config.js';
import { DNS_ENV } from './dns/config.js';
import { MAIL_ENV } from './mail/config.js';
import { loadEnv, LOG_LEVELS, parseEnv, required } from '@hostplane/contract/env';
import { WEB_ENV } from './webroots/config.js';

const absolutePath = z.string().startsWith('/', 'must be an absolute path');

const ConfigSchema = z.object({
  /** This node's id (Node.id): the agent polls the `node-<NODE_ID>` task queue. */
  NODE_ID: z.string({ error: required }).min(1),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** Where tenant homes live. */
  HOSTPLANE_HOME_ROOT: absolutePath.default('/home'),
  /** Login shell of active tenants. */
  HOSTPLANE_USER_SHELL: absolutePath.default('/bin/bash'),
  /** Shell of suspended tenants. */
  HOSTPLANE_NOLOGIN_SHELL: absolutePath.default('/usr/sbin/nologin'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** MySQL, Valkey and migration settings (data-stores/config.ts). */
  ...DATA_STORE_ENV,
  /** nginx, php-fpm, app runtimes and HAProxy (webroots/config.ts). */
  ...WEB_ENV,
  /** How often the node's programs are probed and reported (capabilities/config.ts). */
  ...CAPABILITY_ENV,
  /** What this node's tenants may never connect to (egress/config.ts). */
  ...EGRESS_ENV,
  /** The node's own sshd for tenants (ssh/config.ts). */
  ...SSH_ENV,
  /** The node's own PowerDNS for hosted zones (dns/config.ts). */
  ...DNS_ENV,
  /** The node's own Postfix and Dovecot for hosted mail (mail/config.ts). */
  ...MAIL_ENV,
});

export type NodeAgentConfig = z.infer<typeof ConfigSchema>;

/** Parses the environment; throws an Error listing every bad variable. */
export const parseConfig = (env: NodeJS.ProcessEnv): NodeAgentConfig => parseEnv(ConfigSchema, env, 'node-agent');

/** Reads the configuration once at start; a bad one ends the process with a clear message. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): NodeAgentConfig =>
  loadEnv(ConfigSchema, env, 'node-agent');
