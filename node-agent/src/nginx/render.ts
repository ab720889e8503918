/**
 * Pure rendering of nginx config: one server block per webroot, and the main nginx.conf the
 * agent owns. Tested against golden files in test-fixtures/nginx.
 */
import { serverNameProblem, WEBROOT_NAME_PATTERN, type WebrootSpec } from '@hostplane/contract/webroots';
import type { DaemonRoutes } from '../daemons/render.js';
import { BANNER, block, directive, LISTEN_PATTERN, raw } from './syntax.js';

/** Where a webroot's server block points: resolved by the caller from node options. */
export interface ServerBlockContext {
  /** `listen` values of every site (`80`, `127.0.0.1:8080`, `[::]:80`). */
  listen: readonly string[];
  /** Absolute folder served (webroot folder + documentRoot). */
  rootDir: string;
  /** PHP only: the pool's unix socket. */
  phpSocket?: string;
  /** Node.js, Python and Ruby only: the unix socket the app listens on. */
  appSocket?: string;
  /** Paths of the webroot proxied to its daemons (../daemons/render.ts). */
  daemonRoutes?: DaemonRoutes;
}

/** The server block of one webroot (a 503 block when its tenant is suspended). */
export function renderServerBlock(spec: WebrootSpec, ctx: ServerBlockContext): string {
  // Validation happened before; these checks stop a caller that skipped it from rendering junk.
  if (!WEBROOT_NAME_PATTERN.test(spec.name)) throw new Error(`bad webroot name ${spec.name}`);
  for (const name of spec.serverNames) {
    const problem = serverNameProblem(name);
    if (problem) throw new Error(`server name of ${spec.name}: ${problem}`);
  }
  const head = [
    ...listenLines(1, ctx.listen),
    // No names (a webroot with nothing bound yet) must not fall back to catching every host.
    directive(1, 'server_name', ...(spec.serverNames.length > 0 ? spec.serverNames : [`${spec.name}.invalid`])),
    directive(1, 'set', raw('$hostplane_webroot'), spec.name),
  ];
  const routes = spec.tenant.suspended ? undefined : ctx.daemonRoutes;
  const body = spec.tenant.suspended ? suspendedBody() : [...(routes?.locations ?? []), ...runtimeBody(spec, ctx)];
  return [BANNER, ...(routes?.preamble ?? []), ...block(0, 'server', [...head, ...body]), ''].join('\n');
}

function listenLines(depth: number, listen: readonly string[], ...options: string[]): string[] {
  return listen.map((value) => {
    if (!LISTEN_PATTERN.test(value)) throw new Error(`bad nginx listen value ${value}`);
    return directive(depth, 'listen', value, ...options);
  });
}

function suspendedBody(): string[] {
  return block(1, 'location /', [directive(2, 'return', 503)]);
}

function runtimeBody(spec: WebrootSpec, ctx: ServerBlockContext): string[] {
  const hidden = block(1, 'location ~ /\\.(?!well-known/)', [directive(2, 'deny', 'all')]);
  switch (spec.runtime) {
    case 'PHP': {
      if (!ctx.phpSocket) throw new Error(`PHP webroot ${spec.name} needs a socket`);
      return [
        directive(1, 'root', ctx.rootDir),
        directive(1, 'index', 'index.php', 'index.html', 'index.htm'),
        ...hidden,
        ...block(1, 'location /', [directive(2, 'try_files', raw('$uri $uri/ /index.php$is_args$args'))]),
        ...block(1, 'location ~ \\.php$', [
          directive(2, 'try_files', raw('$uri'), '=404'),
          directive(2, 'fastcgi_pass', `unix:${ctx.phpSocket}`),
        ]),
      ];
    }
    case 'STATIC':
      return [
        directive(1, 'root', ctx.rootDir),
        directive(1, 'index', 'index.html', 'index.htm'),
        ...hidden,
        ...block(1, 'location /', [directive(2, 'try_files', raw('$uri $uri/'), '=404')]),
      ];
    default: {
      // nginx reads the socket's path up to a `:` (a URI would follow it).
      if (!ctx.appSocket?.startsWith('/') || ctx.appSocket.includes(':')) {
        throw new Error(`app webroot ${spec.name} needs a socket`);
      }
      // Static files are served by the app too: its document root is the app's business.
      return block(1, 'location /', [directive(2, 'proxy_pass', `http://unix:${ctx.appSocket}`)]);
    }
  }
}

/** What the main nginx.conf needs; every path is absolute and configurable. */
export interface MainConfContext {
  /** Worker user (`www-data`); the master runs as root to bind ports and read certificates. */
  user: string;
  workerProcesses: number | 'auto';
  pidFile: string;
  errorLog: string;
  accessLog: string;
  /** Temp folders for request bodies and proxied responses (Debian's defaults are in /var/lib). */
  tempDir: string;
  mimeTypes: string;
  listen: readonly string[];
  /** Folder whose `*.conf` are the sites (the live symlink, or a candidate generation). */
  sitesDir: string;
}

// What PHP needs from the request; defined once at http level and inherited by every PHP
// location (fastcgi_param inherits only into blocks that define none).
const FASTCGI_PARAMS: ReadonlyArray<[string, string]> = [
  ['SCRIPT_FILENAME', '$document_root$fastcgi_script_name'],
  ['QUERY_STRING', '$query_string'],
  ['REQUEST_METHOD', '$request_method'],
  ['CONTENT_TYPE', '$content_type'],
  ['CONTENT_LENGTH', '$content_length'],
  ['SCRIPT_NAME', '$fastcgi_script_name'],
  ['REQUEST_URI', '$request_uri'],
  ['DOCUMENT_URI', '$document_uri'],
  ['DOCUMENT_ROOT', '$document_root'],
  ['SERVER_PROTOCOL', '$server_protocol'],
  ['REQUEST_SCHEME', '$scheme'],
  ['HTTPS', '$https if_not_empty'],
  ['GATEWAY_INTERFACE', 'CGI/1.1'],
  ['SERVER_SOFTWARE', 'nginx'],
  ['REMOTE_ADDR', '$remote_addr'],
  ['REMOTE_PORT', '$remote_port'],
  ['SERVER_ADDR', '$server_addr'],
  ['SERVER_PORT', '$server_port'],
  ['SERVER_NAME', '$server_name'],
  ['HTTP_PROXY', '""'], // httpoxy: never pass a client's Proxy header on as an env variable
];

const PROXY_HEADERS: ReadonlyArray<[string, string]> = [
  ['Host', '$host'],
  ['X-Real-IP', '$remote_addr'],
  ['X-Forwarded-For', '$proxy_add_x_forwarded_for'],
  ['X-Forwarded-Proto', '$scheme'],
  ['Upgrade', '$http_upgrade'],
  ['Connection', '$connection_upgrade'],
];

/** The main nginx.conf: globals, shared http settings, a 404 default server, the sites include. */
export function renderMainConf(ctx: MainConfContext): string {
  const temp = (name: string) => `${ctx.tempDir}/${name}`;
  const http = [
    directive(1, 'include', ctx.mimeTypes),
    directive(1, 'default_type', 'application/octet-stream'),
    directive(1, 'sendfile', 'on'),
    directive(1, 'server_tokens', 'off'),
    // nginx's workers may read every tenant's webroots: a tenant's symlink to another
    // tenant's file (wp-config.php) must not be served. Links are followed only to files of
    // the link's owner, checked on every component of the path: the tenant can swap its
    // document root itself, or any folder above it in its home, for a link (`from=` the
    // document root would trust exactly those).
    directive(1, 'disable_symlinks', 'if_not_owner'),
    directive(1, 'server_names_hash_max_size', 131072),
    directive(1, 'server_names_hash_bucket_size', 128),
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => directive(1, `${t}_temp_path`, temp(t))),
    directive(
      1,
      'log_format',
      'hostplane',
      raw(`'$hostplane_webroot $host $remote_addr [$time_local] "$request" $status $body_bytes_sent $request_time'`),
    ),
    directive(1, 'access_log', ctx.accessLog, 'hostplane'),
    ...block(1, 'map $http_upgrade $connection_upgrade', [
      directive(2, 'default', 'upgrade'),
      directive(2, "''", 'close'),
    ]),
    directive(1, 'proxy_http_version', '1.1'),
    ...PROXY_HEADERS.map(([name, value]) => directive(1, 'proxy_set_header', name, raw(value))),
    ...FASTCGI_PARAMS.map(([name, value]) => directive(1, 'fastcgi_param', name, raw(value))),
    ...block(1, 'server', [
      ...listenLines(2, ctx.listen, 'default_server'),
      directive(2, 'server_name', '_'),
      directive(2, 'set', raw('$hostplane_webroot'), '-'),
      directive(2, 'return', 404),
    ]),
    directive(1, 'include', `${ctx.sitesDir}/*.conf`),
  ];
  return [
    BANNER,
    directive(0, 'user', ctx.user),
    directive(0, 'worker_processes', ctx.workerProcesses),
    directive(0, 'worker_rlimit_nofile', 65536),
    directive(0, 'pid', ctx.pidFile),
    directive(0, 'error_log', ctx.errorLog, 'notice'),
    '',
    ...block(0, 'events', [directive(1, 'worker_connections', 4096)]),
    '',
    ...block(0, 'http', http),
    '',
  ].join('\n');
}
