// TLS at the load balancer: what the worker hands a load-balancer node's agent (certificates per
// host name, ACME HTTP-01 challenge answers, redirect and HSTS options) and the checks both sides
// run. Plain data and pure functions: workflows may import it.
import { serverNameProblem } from '../webroots/validate.js';

/** One host name's TLS at HAProxy. */
export interface TlsSiteSpec {
  hostname: string;
  /** One PEM file: the leaf certificate, its chain, then the private key (what HAProxy loads). */
  pem: string;
  /** Plain-HTTP requests for the name get a 301 to https. */
  httpsRedirect: boolean;
  /** Strict-Transport-Security max-age (seconds) on HTTPS answers; null: no header. */
  hstsMaxAge: number | null;
}

/** An HTTP-01 answer: `GET /.well-known/acme-challenge/<token>` → `keyAuthorization`. */
export interface AcmeChallenge {
  token: string;
  keyAuthorization: string;
}

/** Load-balancer TLS activities (task queue `node-<id>` of an LB node); each is idempotent. */
export interface CertificateLbActivities {
  /** The certificate live for its name (runtime API: new or replaced, no reload) and on disk, with its options. */
  installTlsSite(spec: TlsSiteSpec): Promise<{ changed: boolean }>;
  /** The name's certificate and options gone from HAProxy and disk; absent is fine. */
  removeTlsSite(input: { hostname: string }): Promise<{ changed: boolean }>;
  /** HAProxy answers these challenges on every host name it routes, at once. */
  setAcmeChallenges(input: { challenges: AcmeChallenge[] }): Promise<void>;
  removeAcmeChallenges(input: { tokens: string[] }): Promise<void>;
}

/** Two years: browsers' preload lists ask for one; more is never useful. */
export const MAX_HSTS_SECONDS = 63_072_000;
// RFC 8555: tokens are base64url; a key authorization is token '.' base64url(thumbprint).
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
const KEY_AUTHORIZATION = /^[A-Za-z0-9_-]{16,128}\.[A-Za-z0-9_-]{16,128}$/;
const PEM_BLOCK = /^-----BEGIN [A-Z ]+-----\n[A-Za-z0-9+/=\n]+-----END [A-Z ]+-----$/;

/** Why `max` is no HSTS max-age, or null. */
export function hstsProblem(max: unknown): string | null {
  if (max === null) return null;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 0 || max > MAX_HSTS_SECONDS)
    return `must be a whole number of seconds from 0 to ${MAX_HSTS_SECONDS}`;
  return null;
}

/** Why `spec` cannot go to HAProxy, or null (the PEM's content is checked by whoever made it). */
export function tlsSiteProblem(spec: TlsSiteSpec): string | null {
  const name = serverNameProblem(spec.hostname);
  if (name) return `hostname ${name}`;
  if (spec.hostname.startsWith('*.')) return 'hostname: wildcards are not served';
  const blocks = spec.pem.trim().split(/\n(?=-----BEGIN )/);
  if (blocks.length < 2 || !blocks.every((b) => PEM_BLOCK.test(b.trim())))
    return 'pem must be PEM blocks: certificates, then the private key';
  if (!/PRIVATE KEY-----$/.test(blocks.at(-1)!.trim())) return 'pem must end with the private key';
  const hsts = hstsProblem(spec.hstsMaxAge);
  return hsts ? `hstsMaxAge ${hsts}` : null;
}

/** Why `challenge` cannot go into HAProxy's challenge map, or null. */
export function challengeProblem(challenge: AcmeChallenge): string | null {
  if (!TOKEN.test(challenge.token)) return 'token must be base64url';
  if (
    !KEY_AUTHORIZATION.test(challenge.keyAuthorization) ||
    !challenge.keyAuthorization.startsWith(`${challenge.token}.`)
  )
    return 'keyAuthorization must be the token, a dot and the account thumbprint';
  return null;
}
