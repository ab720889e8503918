// Web hosting helpers: create webroots and FQDNs through the SDK, follow them to a status, put
// files in a site as its tenant, and request sites through the platform's HAProxy.
import { chown, mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import {
  BindFqdnDocument,
  CreateWebrootDocument,
  GetWebrootDocument,
  type CreateWebrootInput,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import { getPlatform } from '../harness/platform.js';
import { watchStatus } from './watch.js';

/** Follows a webroot until its status is one of `until` (the SDK's `waitFor`). */
export const watchWebroot = watchStatus;

/** Follows an FQDN until its status is one of `until` (the SDK's `waitFor`). */
export const watchFqdn = watchStatus;

/** Creates a webroot and waits until it is ACTIVE (throws with its events otherwise). */
export async function createActiveWebroot(c: HostplaneClient, input: CreateWebrootInput) {
  const { createWebroot } = await c.mutate(CreateWebrootDocument, { input });
  if (!createWebroot.webroot) throw new Error(JSON.stringify(createWebroot.userErrors));
  const watched = await watchWebroot(c, createWebroot.webroot.id, ['ACTIVE', 'FAILED']);
  if (watched.status !== 'ACTIVE') {
    const { webroot } = await c.query(GetWebrootDocument, { id: createWebroot.webroot.id });
    throw new Error(`webroot ${webroot.name} ${webroot.status}: ${webroot.statusMessage}`);
  }
  return (await c.query(GetWebrootDocument, { id: createWebroot.webroot.id })).webroot;
}

/** Binds a host name and waits until the FQDN is ACTIVE. */
export async function bindActive(c: HostplaneClient, webrootId: string, hostname: string) {
  const { bindFqdn } = await c.mutate(BindFqdnDocument, { input: { webrootId, hostname } });
  if (!bindFqdn.fqdn) throw new Error(JSON.stringify(bindFqdn.userErrors));
  const watched = await watchFqdn(c, bindFqdn.fqdn.id, ['ACTIVE', 'FAILED']);
  if (watched.status !== 'ACTIVE')
    throw new Error(`fqdn ${hostname} ${watched.status}: ${JSON.stringify(watched.events)}`);
  return bindFqdn.fqdn;
}

/** Writes a file into a webroot folder, owned by the tenant (as its deploy would). */
export async function writeSiteFile(
  tenant: { name: string; uid: number },
  webroot: string,
  relative: string,
  content: string,
  homeRoot = getPlatform().homeRoot,
): Promise<void> {
  const file = path.join(homeRoot, tenant.name, 'webroots', webroot, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await chown(path.dirname(file), tenant.uid, tenant.uid);
  await writeFile(file, content);
  await chown(file, tenant.uid, tenant.uid);
}

/** One GET through the platform's load balancer with `host` as Host header (no keep-alive). */
export function getSite(host: string, lbUrl = getPlatform().lbUrl): Promise<{ status: number; body: string }> {
  const url = new URL(lbUrl);
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: url.hostname, port: url.port, path: '/', headers: { Host: host }, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
  });
}

/**
 * Polls the site until it answers `status` (and `body`, when given): nginx and HAProxy apply
 * reloads asynchronously and an app takes a moment to listen.
 */
export async function expectSite(host: string, status: number, body?: string | RegExp, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const res = await getSite(host).catch((e: Error) => ({ status: 0, body: e.message }));
    last = `${res.status} ${res.body.slice(0, 200)}`;
    const bodyOk = body === undefined || (typeof body === 'string' ? res.body === body : body.test(res.body));
    if (res.status === status && bodyOk) return res;
    if (Date.now() > deadline)
      throw new Error(`${host}: expected ${status}${body ? ` ${String(body)}` : ''}, last got ${last}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
