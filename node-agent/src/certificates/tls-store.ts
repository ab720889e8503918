import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import {
  challengeProblem,
  tlsSiteProblem,
  type AcmeChallenge,
  type TlsSiteSpec,
} from '@hostplane/contract/certificates';
import { MapUpdater } from '../haproxy/map-updates.js';
import type { HaproxyRuntimeClient } from '../haproxy/runtime-api.js';
import { WebError } from '../webroots/errors.js';
import { writeFileAtomic } from '../webroots/generations.js';
import { selfSignedCertificate } from './self-signed.js';
import { certFileOf, tlsFilesOf, type TlsFiles, type TlsOptions } from './tls-files.js';

const PRIVATE = 0o600;

/**
 * A load balancer's certificates and TLS options: each change goes to disk first (what a
 * restart loads) and then into the running HAProxy through its runtime API — a certificate is
 * added or swapped with new/set/commit ssl cert and a crt-list entry, never a reload, so open
 * connections keep their session and new handshakes get the new certificate at once.
 */
export class TlsStore {
  readonly files: TlsFiles;
  private readonly challenges: MapUpdater;
  private readonly redirects: MapUpdater;
  private readonly hsts: MapUpdater;

  constructor(
    private readonly runtime: HaproxyRuntimeClient,
    options: TlsOptions,
  ) {
    this.files = tlsFilesOf(options.dir);
    // The map updater is the FQDN map's: any `key value` map works the same (key, value).
    this.challenges = new MapUpdater(runtime, this.files.challengeMap);
    this.redirects = new MapUpdater(runtime, this.files.redirectMap);
    this.hsts = new MapUpdater(runtime, this.files.hstsMap);
  }

  /** The folder, a default certificate and empty lists and maps: what `haproxy -c` needs to pass. */
  async prepare(): Promise<void> {
    const f = this.files;
    await mkdir(f.certDir, { recursive: true, mode: 0o700 });
    await chmod(f.dir, 0o700);
    for (const file of [f.crtList, f.challengeMap, f.redirectMap, f.hstsMap]) {
      await writeFile(file, '', { flag: 'a', mode: PRIVATE });
    }
    if ((await readFile(f.defaultCert, 'utf8').catch(() => null)) === null) {
      // The answer to names without a certificate of their own (no client trusts it).
      await writeFileAtomic(f.defaultCert, (await selfSignedCertificate('hostplane-default', 3650)).pem, PRIVATE);
    }
  }

  /** Installs or replaces the name's certificate and sets its redirect and HSTS options. */
  async install(spec: TlsSiteSpec): Promise<{ changed: boolean }> {
    const problem = tlsSiteProblem(spec);
    if (problem) throw new WebError('InvalidLbSpec', problem);
    const file = certFileOf(this.files, spec.hostname);
    const pem = `${spec.pem.trim()}\n`;
    const changed = (await readFile(file, 'utf8').catch(() => null)) !== pem;
    if (changed) await writeFileAtomic(file, pem, PRIVATE);
    await this.writeCrtList((entries) => entries.set(file, spec.hostname));
    // Any transaction a failed earlier attempt left open would refuse the new one.
    const [, created, set, committed] = await this.runtime.execute([
      { line: `abort ssl cert ${file}` },
      { line: `new ssl cert ${file}` },
      { line: `set ssl cert ${file}`, payload: pem.trimEnd().split('\n') },
      { line: `commit ssl cert ${file}` },
    ]);
    if (!/New empty certificate store|already exists/i.test(created ?? ''))
      throw new Error(`HAProxy refused new ssl cert: ${created?.trim()}`);
    if (!/Transaction (created|updated)/i.test(set ?? ''))
      throw new WebError('InvalidLbSpec', `HAProxy refused the certificate of ${spec.hostname}: ${set?.trim()}`);
    if (!/Success!/.test(committed ?? '')) throw new Error(`HAProxy refused commit ssl cert: ${committed?.trim()}`);
    const [listed] = await this.runtime.execute([{ line: `show ssl crt-list ${this.files.crtList}` }]);
    if (!(listed ?? '').split('\n').some((line) => line.split(' ')[0] === file)) {
      const [added] = await this.runtime.execute([
        { line: `add ssl crt-list ${this.files.crtList}`, payload: [`${file} ${spec.hostname}`] },
      ]);
      if (!/Success!/.test(added ?? '')) throw new Error(`HAProxy refused add ssl crt-list: ${added?.trim()}`);
    }
    await this.setOptions(spec);
    return { changed };
  }

  /** Removes the name's certificate and options; a name without one is fine. */
  async remove(hostname: string): Promise<{ changed: boolean }> {
    const file = certFileOf(this.files, hostname);
    await this.redirects.remove([hostname], true);
    await this.hsts.remove([hostname], true);
    const changed = await this.writeCrtList((entries) => entries.delete(file));
    // HAProxy deletes a certificate only once no crt-list line uses it.
    const [unlisted, deleted] = await this.runtime.execute([
      { line: `del ssl crt-list ${this.files.crtList} ${file}` },
      { line: `del ssl cert ${file}` },
    ]);
    for (const reply of [unlisted, deleted]) {
      const text = (reply ?? '').trim();
      if (text && !/Success|deleted|not found|does ?n[o']t exist/i.test(text))
        throw new Error(`HAProxy refused to remove the certificate of ${hostname}: ${text}`);
    }
    await rm(file, { force: true });
    return { changed };
  }

  async setChallenges(challenges: readonly AcmeChallenge[]): Promise<void> {
    for (const c of challenges) {
      const problem = challengeProblem(c);
      if (problem) throw new WebError('InvalidLbSpec', problem);
    }
    await this.challenges.set(challenges.map((c) => ({ fqdn: c.token, backend: c.keyAuthorization })));
  }

  async removeChallenges(tokens: readonly string[]): Promise<void> {
    await this.challenges.remove(tokens, true);
  }

  private async setOptions(spec: TlsSiteSpec): Promise<void> {
    const { hostname } = spec;
    if (spec.httpsRedirect) await this.redirects.set([{ fqdn: hostname, backend: '1' }]);
    else await this.redirects.remove([hostname], true);
    if (spec.hstsMaxAge !== null) await this.hsts.set([{ fqdn: hostname, backend: String(spec.hstsMaxAge) }]);
    else await this.hsts.remove([hostname], true);
  }

  /** Edits the crt-list file (certificate file → host name); true when it changed. */
  private async writeCrtList(edit: (entries: Map<string, string>) => unknown): Promise<boolean> {
    const text = await readFile(this.files.crtList, 'utf8').catch(() => '');
    const entries = new Map(
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ') as [string, string]),
    );
    edit(entries);
    const next = [...entries]
      .map(([file, name]) => `${file} ${name}\n`)
      .sort()
      .join('');
    if (next === text) return false;
    await writeFileAtomic(this.files.crtList, next, PRIVATE);
    return true;
  }
}
