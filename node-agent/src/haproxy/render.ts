/**
 * Pure rendering of the load balancer: haproxy.cfg (one backend per web shard, consistent
 * hashing on the Host header) and the FQDN → backend map file. Golden file: test-fixtures/haproxy.
 */
import { DEFAULT_BACKEND, type FqdnMapping, type LbBackendSpec } from '@hostplane/contract/webroots';
import { tlsFrontendLines, type TlsOptions } from '../certificates/tls-files.js';

const BANNER = '# Managed by the Hostplane node agent: changes here are overwritten.';
const SAFE_PATH = /^\/[A-Za-z0-9_./-]*$/;
/** `addr:port`, `:port`, `[v6]:port` or `:::port`. */
export const BIND_PATTERN = /^(?:(?:\d{1,3}\.){3}\d{1,3}|\[[0-9a-fA-F:.]+\]|::)?:\d{1,5}$/;

export interface HaproxyConfContext {
  /** Frontend `bind` values (`:80`, `127.0.0.1:18080`). */
  bind: readonly string[];
  mapFile: string;
  adminSocket: string;
  /** HTTPS binds and the TLS files (certificates, ACME answers, redirect and HSTS maps); none: HTTP only. */
  tls?: TlsOptions | undefined;
}

function checkPath(value: string): string {
  if (!SAFE_PATH.test(value)) throw new Error(`refusing path ${JSON.stringify(value)} in haproxy.cfg`);
  return value;
}

/** haproxy.cfg: the admin socket, one HTTP frontend routing by the map, one backend per shard. */
export function renderHaproxyConf(ctx: HaproxyConfContext, backends: readonly LbBackendSpec[]): string {
  const lines = [
    BANNER,
    'global',
    // level admin: map edits through the runtime API; mode 600: root only.
    `    stats socket ${checkPath(ctx.adminSocket)} mode 600 level admin`,
    '    stats timeout 2m',
    '',
    'defaults',
    '    mode http',
    '    option forwardfor',
    '    timeout connect 5s',
    '    timeout client 60s',
    '    timeout server 60s',
    '',
    'frontend fe_http',
    ...ctx.bind.map((b) => {
      if (!BIND_PATTERN.test(b)) throw new Error(`bad bind value ${b}`);
      return `    bind ${b}`;
    }),
    ...(ctx.tls ? tlsFrontendLines(checkedBinds(ctx.tls), checkPath) : []),
    // field(1,:) drops a :port, lower matches the lowercase map keys; unknown hosts fall back.
    `    use_backend %[req.hdr(host),field(1,:),lower,map(${checkPath(ctx.mapFile)},${DEFAULT_BACKEND})]`,
    `    default_backend ${DEFAULT_BACKEND}`,
    '',
    `backend ${DEFAULT_BACKEND}`,
    '    http-request return status 404 content-type text/plain string "no site is bound to this host name"',
  ];
  for (const backend of [...backends].sort((a, b) => a.name.localeCompare(b.name))) {
    lines.push(
      '',
      `backend ${backend.name}`,
      // One site's requests stick to one web node (warm opcode and page caches); consistent
      // hashing moves only that node's hosts when a node leaves.
      '    balance hdr(host)',
      '    hash-type consistent',
      // A server that is down is checked every 500 ms and up again at its first answer: a load
      // balancer converged before a web node's nginx first started (a cluster with mail but no
      // site yet) must route that node's first site at once, not seconds later.
      ...backend.servers.map((s) => `    server ${s.name} ${s.address} check inter 2s downinter 500ms fall 3 rise 1`),
    );
  }
  return `${lines.join('\n')}\n`;
}

function checkedBinds(tls: TlsOptions): TlsOptions {
  for (const b of tls.bind) if (!BIND_PATTERN.test(b)) throw new Error(`bad bind value ${b}`);
  return tls;
}

/** The map file: one `fqdn backend` line per mapping, sorted (a stable file diffs cleanly). */
export function renderMapFile(entries: Iterable<FqdnMapping>): string {
  const lines = [...entries].map((e) => `${e.fqdn} ${e.backend}`).sort();
  return `${BANNER}\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}`;
}

/** Reads a map file back (comments and blank lines skipped). */
export function parseMapFile(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const [fqdn, backend] = trimmed.split(/\s+/);
    if (fqdn && backend) map.set(fqdn, backend);
  }
  return map;
}

/** Backend names defined in a rendered haproxy.cfg. */
export function backendsOf(conf: string): Set<string> {
  return new Set([...conf.matchAll(/^backend (\S+)$/gm)].map((m) => m[1]!));
}
