import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { encodeCursor, MAX_PAGE_SIZE, pageRequest } from './connection.js';

describe('pageRequest', () => {
  it('defaults and decodes cursors', () => {
    expect(pageRequest({})).toEqual({ limit: 25, after: null });
    expect(pageRequest({ first: 5, after: encodeCursor('2026-01-01', 'abc') })).toEqual({
      limit: 5,
      after: { key: '2026-01-01', id: 'abc' },
    });
  });

  it.each([0, -1, MAX_PAGE_SIZE + 1, 10_000, 1.5])('refuses first=%s with BAD_USER_INPUT', (first) => {
    try {
      pageRequest({ first });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses a forged cursor', () => {
    expect(() => pageRequest({ after: 'garbage' })).toThrow(/not a valid cursor/);
    expect(() => pageRequest({ after: Buffer.from('[1,2]').toString('base64url') })).toThrow(/not a valid cursor/);
  });
});
