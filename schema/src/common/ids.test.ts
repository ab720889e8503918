import { describe, expect, it } from 'vitest';
import { decodeIdOf, fromGlobalId, toGlobalId } from './ids.js';

const UUID = '3f0c2a52-8d1e-4c3b-9a7e-2b1d0f6e9c11';

describe('global ids', () => {
  it('round-trips type and uuid', () => {
    const id = toGlobalId('Tenant', UUID);
    expect(fromGlobalId(id)).toEqual({ type: 'Tenant', id: UUID });
    expect(decodeIdOf('Tenant', id)).toBe(UUID);
  });

  it('refuses an id of another type', () => {
    expect(decodeIdOf('Brand', toGlobalId('Tenant', UUID))).toBeNull();
  });

  it.each(['', 'not-base64!', 'VGVuYW50', toGlobalId('Tenant', 'not-a-uuid'), 'x'.repeat(500), "'; drop table"])(
    'returns null for malformed %j',
    (bad) => {
      expect(fromGlobalId(bad)).toBeNull();
    },
  );
});
