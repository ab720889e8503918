// Raw HTTP to the API for the security tests: bodies, content types and source addresses the SDK
// would never send. `localAddress` picks the loopback address the request comes from, so a test
// that gets its address throttled throttles no other test.
import { request } from 'node:http';
import { getPlatform } from '../harness/platform.js';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawRequest {
  method?: string;
  path?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  localAddress?: string;
}

export function rawRequest({
  method = 'POST',
  path,
  body,
  headers = {},
  localAddress,
}: RawRequest): Promise<RawAnswer> {
  const url = new URL(getPlatform().apiUrl);
  if (path) url.pathname = path;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A GraphQL POST with an API key. */
export function graphqlPost(query: string, apiKey: string, localAddress?: string): Promise<RawAnswer> {
  return rawRequest({
    body: JSON.stringify({ query }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    localAddress,
  });
}
