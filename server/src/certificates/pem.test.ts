// Upload checks with real certificates made by openssl: a CA, an intermediate and leaves.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateFacts, checkUpload } from './pem.js';
import { renewAfterOf, retryRenewalAt } from './renewal.js';

const run = promisify(execFile);
let dir: string;
const file = (name: string) => path.join(dir, name);
const read = (name: string) => readFile(file(name), 'utf8');

async function key(name: string) {
  await run('openssl', [
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-out',
    file(`${name}.key`),
  ]);
}

/** `name` signed by `issuer` (or self-signed), CA or leaf, for `san`. */
async function cert(name: string, options: { issuer?: string; ca?: boolean; san?: string; days?: string }) {
  await key(name);
  await run('openssl', [
    'req',
    '-new',
    '-key',
    file(`${name}.key`),
    '-subj',
    `/CN=${name}`,
    '-out',
    file(`${name}.csr`),
  ]);
  const ext = options.ca
    ? 'basicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign,cRLSign\n'
    : `subjectAltName=${options.san}\n`;
  await writeFile(file(`${name}.ext`), ext);
  const signer = options.issuer
    ? ['-CA', file(`${options.issuer}.pem`), '-CAkey', file(`${options.issuer}.key`), '-CAcreateserial']
    : ['-signkey', file(`${name}.key`)];
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    file(`${name}.csr`),
    ...signer,
    '-days',
    options.days ?? '30',
    '-extfile',
    file(`${name}.ext`),
    '-out',
    file(`${name}.pem`),
  ]);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hp-pem-'));
  await cert('root', { ca: true });
  await cert('intermediate', { issuer: 'root', ca: true });
  await cert('leaf', { issuer: 'intermediate', san: 'DNS:shop.example.test,DNS:*.cdn.example.test' });
  await cert('self', { san: 'DNS:self.example.test' });
  await key('stranger');
}, 30_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('checkUpload', () => {
  it('accepts a leaf with its chain and key, and reports its facts', async () => {
    const checked = checkUpload(
      {
        certificate: await read('leaf.pem'),
        chain: (await read('intermediate.pem')) + (await read('root.pem')),
        privateKey: await read('leaf.key'),
      },
      'shop.example.test',
    );
    if ('problems' in checked) throw new Error(JSON.stringify(checked.problems));
    expect(checked.facts.issuer).toBe('intermediate');
    expect(checked.facts.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(checked.certificatePem.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    expect(checked.keyPem).toMatch(/BEGIN PRIVATE KEY/);
  });

  it('accepts a wildcard name and a self-signed certificate (its own root)', async () => {
    const wildcard = checkUpload(
      {
        certificate: await read('leaf.pem'),
        chain: await read('intermediate.pem'),
        privateKey: await read('leaf.key'),
      },
      'img.cdn.example.test',
    );
    expect('problems' in wildcard ? wildcard.problems : []).toEqual([
      // The intermediate's issuer (our test root) is not in the upload nor a trusted root.
      { field: 'chain', message: expect.stringMatching(/incomplete/) },
    ]);
    const self = checkUpload(
      { certificate: await read('self.pem'), privateKey: await read('self.key') },
      'self.example.test',
    );
    expect('problems' in self).toBe(false);
  });

  it('names the field at fault', async () => {
    const leaf = await read('leaf.pem');
    const chain = (await read('intermediate.pem')) + (await read('root.pem'));
    const leafKey = await read('leaf.key');
    const problems = async (
      input: { certificate: string; chain?: string; privateKey: string },
      host = 'shop.example.test',
    ) => {
      const checked = checkUpload(input, host);
      return 'problems' in checked ? checked.problems.map((p) => p.field) : [];
    };
    expect(await problems({ certificate: leaf, chain, privateKey: await read('stranger.key') })).toEqual([
      'privateKey',
    ]);
    expect(await problems({ certificate: leaf, chain, privateKey: leafKey }, 'other.example.test')).toEqual([
      'certificate',
    ]);
    expect(await problems({ certificate: leaf, privateKey: leafKey })).toEqual(['chain']);
    expect(await problems({ certificate: leaf, chain: await read('root.pem'), privateKey: leafKey })).toEqual([
      'chain',
    ]);
    expect(await problems({ certificate: 'not a pem', privateKey: leafKey })).toEqual(['certificate']);
    expect(await problems({ certificate: leaf, chain, privateKey: 'garbage' })).toEqual(['privateKey']);
    expect(
      await problems({
        certificate: leaf,
        chain: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
        privateKey: leafKey,
      }),
    ).toEqual(['chain']);
  });

  it('refuses a certificate outside its validity', async () => {
    const leaf = await read('self.pem');
    const { notAfter, notBefore } = certificateFacts(leaf);
    const at = (when: Date) => checkUpload({ certificate: leaf, privateKey: '' }, 'self.example.test', when);
    const withKey = async (when: Date) =>
      checkUpload({ certificate: leaf, privateKey: await read('self.key') }, 'self.example.test', when);
    expect(at(new Date())).toMatchObject({ problems: [{ field: 'privateKey' }] });
    expect(await withKey(new Date(notAfter.getTime() + 1000))).toMatchObject({
      problems: [{ field: 'certificate', message: expect.stringMatching(/^expired/) }],
    });
    expect(await withKey(new Date(notBefore.getTime() - 86_400_000))).toMatchObject({
      problems: [{ field: 'certificate', message: expect.stringMatching(/not valid before/) }],
    });
  });
});

describe('renewal times', () => {
  it('renews at two thirds of the lifetime, and backs off after failures up to a day', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    expect(renewAfterOf(from, new Date('2026-04-01T00:00:00Z')).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    const now = new Date('2026-06-01T00:00:00Z');
    const hoursLater = (failures: number) => (retryRenewalAt(now, failures).getTime() - now.getTime()) / 3_600_000;
    expect([1, 2, 3, 4, 5, 6, 9].map(hoursLater)).toEqual([1, 2, 4, 8, 16, 24, 24]);
  });
});
