import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Node } from '../common/node.js';
import { AsyncResource } from '../resources/async-resource.type.js';
import { ResourceStatus } from '../common/status.js';

/** What a webroot runs. Values match the node agent's `WebRuntime`. */
export enum WebRuntime {
  PHP = 'PHP',
  NODE = 'NODE',
  PYTHON = 'PYTHON',
  RUBY = 'RUBY',
  STATIC = 'STATIC',
}
registerEnumType(WebRuntime, {
  name: 'WebRuntime',
  description:
    'PHP (php-fpm pool), NODE / PYTHON / RUBY (an app process on a port the platform allocates) or STATIC (files only).',
});

export enum PhpProcessManagerMode {
  STATIC = 'STATIC',
  DYNAMIC = 'DYNAMIC',
  ONDEMAND = 'ONDEMAND',
}
registerEnumType(PhpProcessManagerMode, {
  name: 'PhpProcessManagerMode',
  description:
    'php-fpm `pm`: STATIC (fixed workers), DYNAMIC (spare workers kept), ONDEMAND (workers on demand; the default).',
});

/** A row of the webroots table as the webroots port hands it out. */
export interface WebrootRecord {
  id: string;
  name: string;
  tenantId: string;
  /** The tenant's brand (what authorization scopes by). */
  brandId: string;
  runtime: WebRuntime;
  runtimeVersion: string;
  /** Stored exactly as the node agent's spec wants it (`PhpRuntimeConfig` / `AppRuntimeConfig` / `{}`). */
  runtimeConfig: unknown;
  documentRoot: string;
  serviceHostnameEnabled: boolean;
  /** `{webroot}.{tenant}.{brand base hostname}`. */
  serviceHostname: string;
  status: ResourceStatus;
  statusMessage: string | null;
  createdAt: Date;
  updatedAt: Date;
}

@ObjectType({ description: 'One php.ini directive and its value.' })
export class PhpIniEntry {
  @Field({ description: 'Directive name, e.g. `memory_limit`.' })
  key!: string;

  @Field({ description: 'Value, e.g. `256M`.' })
  value!: string;
}

@ObjectType({ description: 'The php-fpm process manager of a webroot’s pool.' })
export class PhpProcessManager {
  @Field(() => PhpProcessManagerMode, { description: 'pm.' })
  mode!: PhpProcessManagerMode;

  @Field(() => Int, { description: 'pm.max_children.' })
  maxChildren!: number;

  @Field(() => Int, { nullable: true, description: 'pm.start_servers (DYNAMIC).' })
  startServers!: number | null;

  @Field(() => Int, { nullable: true, description: 'pm.min_spare_servers (DYNAMIC).' })
  minSpareServers!: number | null;

  @Field(() => Int, { nullable: true, description: 'pm.max_spare_servers (DYNAMIC).' })
  maxSpareServers!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'pm.process_idle_timeout in seconds (ONDEMAND).',
  })
  idleTimeoutSeconds!: number | null;

  @Field(() => Int, { nullable: true, description: 'pm.max_requests; 0 = never recycle a worker.' })
  maxRequests!: number | null;
}

@ObjectType({ description: 'PHP settings of a webroot.' })
export class PhpSettings {
  @Field(() => PhpProcessManager, {
    nullable: true,
    description: 'Process manager; null = the platform default (ONDEMAND).',
  })
  processManager!: PhpProcessManager | null;

  @Field(() => [PhpIniEntry], {
    description: '`php_value`s: scripts may change them with ini_set.',
  })
  phpValues!: PhpIniEntry[];

  @Field(() => [PhpIniEntry], { description: '`php_admin_value`s: fixed for the pool.' })
  phpAdminValues!: PhpIniEntry[];
}

@ObjectType({
  implements: [Node, AsyncResource],
  description:
    'A site of a tenant: a folder under its home served by nginx on every node of its web shard, with a runtime (PHP, Node.js, Python, Ruby or static files).',
})
export class Webroot extends AsyncResource {
  @Field({
    description: 'System name, `web_` + 10 random characters: folder, nginx config, php-fpm pool. Globally unique.',
  })
  name!: string;

  @Field(() => WebRuntime, { description: 'What it runs.' })
  runtime!: WebRuntime;

  @Field({ description: 'Runtime version, e.g. `8.2` (PHP) or `20` (Node.js); empty for STATIC.' })
  runtimeVersion!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Always null: apps listen on a Unix socket (its path is in PORT and APP_SOCKET), never a port.',
    deprecationReason: 'Apps listen on a Unix socket, not a loopback port another tenant could take first.',
  })
  appPort?: number | null;

  @Field({
    description: 'Folder served, relative to the webroot folder (`public`); empty = the webroot folder.',
  })
  documentRoot!: string;

  @Field({ description: 'Whether the service hostname is served and routed.' })
  serviceHostnameEnabled!: boolean;

  @Field({
    description: 'The webroot’s own host name, `{webroot}.{tenant}.{brand base hostname}`.',
  })
  serviceHostname!: string;

  @Field({ description: 'When the webroot was created.' })
  createdAt!: Date;

  @Field({ description: 'When the webroot row last changed.' })
  updatedAt!: Date;
}

export const WebrootConnection = ConnectionType(Webroot, 'Webroot');
