// PowerDNS's HTTP API (the only way the agent changes zones: it purges caches and rectifies
// signed zones itself). https://doc.powerdns.com/authoritative/http-api/
import { NonRetryableError } from '@hostplane/contract/errors';
import type { DnsRrset } from '@hostplane/contract/dns';

export interface ApiRrset {
  name: string;
  type: string;
  ttl: number;
  records: Array<{ content: string; disabled: boolean }>;
}

export interface ApiZone {
  name: string;
  dnssec: boolean;
  rrsets: ApiRrset[];
}

export interface ApiCryptokey {
  id: number;
  keytype: string;
  active: boolean;
  algorithm: string;
  dnskey: string;
  ds?: string[];
  privatekey?: string;
}

/** An HTTP 4xx/5xx from PowerDNS; a 422 is content it refuses (no retry fixes it). */
export class PdnsApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class PdnsApi {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T | null> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'X-API-Key': this.apiKey, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    if (response.status === 404 && method === 'GET') return null;
    const text = await response.text();
    if (!response.ok) {
      const detail = (() => {
        try {
          return (JSON.parse(text) as { error?: string }).error ?? text;
        } catch {
          return text;
        }
      })();
      const error = new PdnsApiError(response.status, `PowerDNS ${method} ${path}: ${response.status} ${detail}`);
      if (response.status === 422 || response.status === 400) throw new NonRetryableError('DnsRejected', error.message);
      throw error;
    }
    return text ? (JSON.parse(text) as T) : null;
  }

  /** Is the API up (the server has started)? */
  async ready(): Promise<boolean> {
    try {
      return (await this.call<object>('GET', '')) !== null;
    } catch {
      return false;
    }
  }

  zone = (name: string) => this.call<ApiZone>('GET', `/zones/${encodeURIComponent(name)}`);

  async zones(): Promise<string[]> {
    return ((await this.call<Array<{ name: string }>>('GET', '/zones')) ?? []).map((z) => z.name);
  }

  createZone(name: string, rrsets: DnsRrset[], dnssec: boolean) {
    return this.call('POST', '/zones', {
      name,
      kind: 'Native',
      nameservers: [],
      dnssec,
      rrsets: rrsets.map(toApi),
    });
  }

  /** One PATCH: REPLACE each rrset that has records, DELETE each that has none. */
  async patch(zone: string, rrsets: DnsRrset[]): Promise<void> {
    if (rrsets.length === 0) return;
    const changes = rrsets.map((r) =>
      r.records.length ? { ...toApi(r), changetype: 'REPLACE' } : { name: r.name, type: r.type, changetype: 'DELETE' },
    );
    await this.call('PATCH', `/zones/${encodeURIComponent(zone)}`, { rrsets: changes });
  }

  async deleteZone(name: string): Promise<boolean> {
    try {
      await this.call('DELETE', `/zones/${encodeURIComponent(name)}`);
      return true;
    } catch (error) {
      if (error instanceof PdnsApiError && error.status === 404) return false;
      throw error;
    }
  }

  setDnssec = (zone: string, dnssec: boolean) => this.call('PUT', `/zones/${encodeURIComponent(zone)}`, { dnssec });

  async cryptokeys(zone: string): Promise<ApiCryptokey[]> {
    const keys = (await this.call<ApiCryptokey[]>('GET', `/zones/${encodeURIComponent(zone)}/cryptokeys`)) ?? [];
    // The list leaves the private key out: each key's own document has it.
    return Promise.all(
      keys.map(async (k) => ({
        ...k,
        ...(await this.call<ApiCryptokey>('GET', `/zones/${encodeURIComponent(zone)}/cryptokeys/${k.id}`)),
      })),
    );
  }

  importCryptokey = (zone: string, key: { keytype: string; privatekey: string }) =>
    this.call('POST', `/zones/${encodeURIComponent(zone)}/cryptokeys`, { ...key, active: true });

  /** Orders and authoritative bits for a signed zone (an imported key does not rectify it by itself). */
  rectify = (zone: string) => this.call('PUT', `/zones/${encodeURIComponent(zone)}/rectify`);

  deleteCryptokey = (zone: string, id: number) =>
    this.call('DELETE', `/zones/${encodeURIComponent(zone)}/cryptokeys/${id}`);
}

function toApi(r: DnsRrset): ApiRrset {
  return {
    name: r.name,
    type: r.type,
    ttl: r.ttl,
    records: r.records.map((content) => ({ content, disabled: false })),
  };
}
