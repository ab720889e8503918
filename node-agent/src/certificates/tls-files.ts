// Where a load balancer's TLS state lives on disk, and the HAProxy lines that use it. Every file
// is root's and 0600 (private keys; the maps are HAProxy's business only), in a 0700 folder.
import path from 'node:path';

/** HAProxy's TLS on a load-balancer node. */
export interface TlsOptions {
  /** HTTPS `bind` values (`:443`; tests a loopback port). */
  bind: string[];
  /** The folder of the files below. */
  dir: string;
}

/** The files of one TLS folder. */
export function tlsFilesOf(dir: string) {
  return {
    dir,
    /** Self-signed, made at first start: HAProxy 2.6 needs a certificate on an ssl bind at start. */
    defaultCert: path.join(dir, 'default.pem'),
    /** `<certificate file> <hostname>` per line: the SNI name each certificate answers. */
    crtList: path.join(dir, 'crt-list'),
    certDir: path.join(dir, 'certs'),
    /** ACME token → key authorization, answered at /.well-known/acme-challenge/<token>. */
    challengeMap: path.join(dir, 'acme-challenges.map'),
    /** Host names whose plain-HTTP requests get a 301 to https. */
    redirectMap: path.join(dir, 'https-redirect.map'),
    /** Host name → Strict-Transport-Security max-age. */
    hstsMap: path.join(dir, 'hsts.map'),
  };
}

export type TlsFiles = ReturnType<typeof tlsFilesOf>;

/** The certificate file of `hostname` (a validated server name: no slashes, no dot-dot). */
export const certFileOf = (files: TlsFiles, hostname: string) => path.join(files.certDir, `${hostname}.pem`);

/** The port a redirect names: none for 443. */
function portSuffix(bind: string): string {
  const port = bind.split(':').at(-1);
  return port === '443' ? '' : `:${port}`;
}

/** The request's host name as the routing map sees it (no port, lowercase). */
const HOST = 'req.hdr(host),field(1,:),lower';

/**
 * The HTTP frontend's TLS lines: the HTTPS binds (SNI from the crt-list, HTTP/2 by ALPN), the
 * ACME challenge answers (on every host name, before any routing or redirect), the redirect to
 * https and the HSTS header. All three maps change through the runtime API, never a reload.
 */
export function tlsFrontendLines(options: TlsOptions, checkPath: (p: string) => string): string[] {
  const f = tlsFilesOf(options.dir);
  const challenge = `path,field(4,/),map(${checkPath(f.challengeMap)})`;
  const https = options.bind[0];
  const lines = options.bind.map(
    (b) => `    bind ${b} ssl crt ${checkPath(f.defaultCert)} crt-list ${checkPath(f.crtList)} alpn h2,http/1.1`,
  );
  lines.push(
    '    acl acme_challenge path_beg /.well-known/acme-challenge/',
    `    http-request return status 200 content-type text/plain lf-string "%[${challenge}]" if acme_challenge { ${challenge} -m found }`,
  );
  if (https) {
    lines.push(
      `    http-request redirect code 301 location https://%[${HOST}]${portSuffix(https)}%[capture.req.uri] if !{ ssl_fc } !acme_challenge { ${HOST},map(${checkPath(f.redirectMap)}) -m found }`,
    );
  }
  lines.push(
    `    http-request set-var(txn.hsts) ${HOST},map(${checkPath(f.hstsMap)}) if { ssl_fc }`,
    '    http-response set-header Strict-Transport-Security "max-age=%[var(txn.hsts)]" if { var(txn.hsts) -m found }',
  );
  return lines;
}
