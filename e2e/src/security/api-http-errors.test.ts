// Every answer on every path is a GraphQL JSON error without internals (server/src/http/
// express-errors.ts): before, Express answered an oversize or malformed body with its HTML page
// (stack trace, server paths), a wrong content type reached Apollo without a body (500), and a
// query over the token limit was a 500 rather than the client's 400.
import { describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { graphqlPost, rawRequest, type RawAnswer } from './api-http.js';

/** A JSON GraphQL error answer with this status and code, and nothing of the server inside. */
function expectJsonError(answer: RawAnswer, status: number, code: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/(graphql-response\+)?json/);
  const body = JSON.parse(answer.text) as { errors: { message: string; extensions: { code: string } }[] };
  expect(body.errors[0]!.extensions.code).toBe(code);
  expect(answer.text).not.toMatch(
    /<html|<pre|node_modules|\/work\/|\bat [A-Za-z.]+ \(|PayloadTooLargeError|SyntaxError: Unexpected/,
  );
}

describe('HTTP errors of the API', () => {
  const json = { 'content-type': 'application/json' };

  it('answers a 2 MiB body with 413 JSON', async () => {
    const query = `{ __typename } # ${'x'.repeat(2 * 1024 * 1024)}`;
    expectJsonError(await rawRequest({ body: JSON.stringify({ query }), headers: json }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON with 400 JSON', async () => {
    expectJsonError(await rawRequest({ body: '{"query": "{ viewer', headers: json }), 400, 'BAD_REQUEST');
  });

  it('answers a body that is not JSON with 415 JSON', async () => {
    const answer = await rawRequest({ body: 'query={viewer{name}}', headers: { 'content-type': 'text/plain' } });
    expectJsonError(answer, 415, 'BAD_REQUEST');
  });

  it('answers an unknown route with 404 JSON', async () => {
    expectJsonError(await rawRequest({ method: 'GET', path: '/wp-admin/' }), 404, 'NOT_FOUND');
    expectJsonError(
      await rawRequest({ method: 'POST', path: '/api/graphql', headers: json, body: '{}' }),
      404,
      'NOT_FOUND',
    );
  });

  it('answers a query over the token limit with 400, as a request error', async () => {
    const query = `{ ${Array.from({ length: 1100 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const answer = await graphqlPost(query, getPlatform().adminKey);
    expectJsonError(answer, 400, 'GRAPHQL_PARSE_FAILED');
    expect(answer.text).toMatch(/more th\w+ 2000 tokens/);
  });

  it('still answers a good request', async () => {
    const answer = await graphqlPost('{ viewer { name } }', getPlatform().adminKey);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ data: { viewer: { name: expect.any(String) } } });
  });
});
