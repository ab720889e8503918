import { describe, expect, it } from 'vitest';
import { challengeProblem, hstsProblem, MAX_HSTS_SECONDS, tlsSiteProblem, type TlsSiteSpec } from './index.js';

const PEM = [
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
  '-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----',
].join('\n');
const site = (over: Partial<TlsSiteSpec> = {}): TlsSiteSpec => ({
  hostname: 'shop.example.test',
  pem: PEM,
  httpsRedirect: false,
  hstsMaxAge: null,
  ...over,
});

describe('TLS specs the load balancer accepts', () => {
  it('takes a host name with certificates then a key', () => {
    expect(tlsSiteProblem(site())).toBeNull();
    expect(tlsSiteProblem(site({ hstsMaxAge: MAX_HSTS_SECONDS }))).toBeNull();
  });

  it('refuses what could escape into HAProxy files or maps', () => {
    expect(tlsSiteProblem(site({ hostname: '../../etc/passwd' }))).toMatch(/^hostname/);
    expect(tlsSiteProblem(site({ hostname: '*.example.test' }))).toMatch(/wildcards/);
    expect(tlsSiteProblem(site({ pem: PEM.split('\n').reverse().join('\n') }))).toMatch(/pem/);
    expect(tlsSiteProblem(site({ pem: `${PEM}\nstray text` }))).toMatch(/pem/);
    expect(
      tlsSiteProblem(site({ pem: PEM.replace('PRIVATE KEY', 'CERTIFICATE').replace('PRIVATE KEY', 'CERTIFICATE') })),
    ).toMatch(/private key/);
    expect(tlsSiteProblem(site({ hstsMaxAge: -1 }))).toMatch(/^hstsMaxAge/);
    expect(hstsProblem(1.5)).not.toBeNull();
    expect(hstsProblem(MAX_HSTS_SECONDS + 1)).not.toBeNull();
  });

  it('takes ACME challenges whose key authorization starts with their token', () => {
    const token = 'a'.repeat(43);
    expect(challengeProblem({ token, keyAuthorization: `${token}.${'b'.repeat(43)}` })).toBeNull();
    expect(challengeProblem({ token, keyAuthorization: `${'c'.repeat(43)}.${'b'.repeat(43)}` })).toMatch(/token/);
    expect(challengeProblem({ token: 'x y', keyAuthorization: 'x y.z' })).toMatch(/token/);
    expect(challengeProblem({ token, keyAuthorization: `${token}.b b\nset map` })).toMatch(/keyAuthorization/);
  });
});
