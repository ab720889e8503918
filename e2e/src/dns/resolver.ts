// Asking the platform's own PowerDNS as a resolver would: Debian's `dig` and `delv`
// (bind9-dnsutils), without recursion, at its loopback address.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { getPlatform } from '../harness/platform.js';

const run = promisify(execFile);

function server(): { host: string; port: string } {
  const at = getPlatform().platformDns.lastIndexOf(':');
  const address = getPlatform().platformDns;
  return { host: address.slice(0, at), port: address.slice(at + 1) };
}

/** The answer section of `dig name type` as `[name, ttl, class, type, data]` rows; also the status. */
export async function dig(
  name: string,
  type: string,
  extra: string[] = [],
): Promise<{ status: string; answers: string[][] }> {
  const { host, port } = server();
  const { stdout } = await run('dig', [
    `@${host}`,
    '-p',
    port,
    '+norecurse',
    '+time=2',
    '+tries=1',
    ...extra,
    name,
    type,
  ]);
  const status = /status: ([A-Z]+)/.exec(stdout)?.[1] ?? 'NONE';
  const answerSection = stdout.split(';; ANSWER SECTION:\n')[1]?.split('\n\n')[0] ?? '';
  const answers = answerSection
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith(';'))
    .map((l) => l.split(/\s+/));
  return { status, answers };
}

/** The data of the `type` records at `name` (what a resolver hands an application). */
export async function lookup(name: string, type: string): Promise<string[]> {
  const { answers } = await dig(name, type);
  return answers
    .filter((a) => a[3] === type)
    .map((a) => a.slice(4).join(' '))
    .sort();
}

/** Polls `lookup` until `accept` holds or `ms` passed; the last answer. */
export async function lookupUntil(
  name: string,
  type: string,
  accept: (values: string[]) => boolean,
  ms: number,
): Promise<{ values: string[]; afterMs: number }> {
  const started = performance.now();
  let values = await lookup(name, type);
  while (!accept(values) && performance.now() - started < ms) {
    await new Promise((r) => setTimeout(r, 50));
    values = await lookup(name, type);
  }
  return { values, afterMs: performance.now() - started };
}

/**
 * `delv` validating `name type` with the zone's DS as the only trust anchor (`+root=<zone>`):
 * its output says `; fully validated` when every signature checks out up to that DS.
 */
export async function delvWithDs(zone: string, ds: string, name: string, type: string): Promise<string> {
  const { host, port } = server();
  const [tag, algorithm, digestType, digest] = ds.split(/\s+/);
  const anchors = path.join(tmpdir(), `delv-anchor-${zone}-${Date.now()}.conf`);
  await writeFile(
    anchors,
    `trust-anchors {\n  "${zone}." static-ds ${tag} ${algorithm} ${digestType} "${digest}";\n};\n`,
  );
  const { stdout, stderr } = await run('delv', [
    `@${host}`,
    '-p',
    port,
    '-a',
    anchors,
    `+root=${zone}`,
    name,
    type,
  ]).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? '',
  }));
  return `${stdout}${stderr}`;
}
