import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EGRESS_ENV } from './config.js';

const parse = (env: Record<string, string>) => z.object(EGRESS_ENV).safeParse(env);

describe('HOSTPLANE_EGRESS_DENY', () => {
  it('takes addresses and CIDRs of both families, spaces and empty entries aside', () => {
    const parsed = parse({ HOSTPLANE_EGRESS_DENY: ' 10.0.0.5, 10.1.0.0/16,,fd00::/8 ' });
    expect(parsed.success && parsed.data.HOSTPLANE_EGRESS_DENY).toEqual(['10.0.0.5', '10.1.0.0/16', 'fd00::/8']);
    expect(parse({}).data?.HOSTPLANE_EGRESS_DENY).toEqual([]);
  });

  it('refuses anything else at start, before it could reach an nft script', () => {
    for (const bad of ['control.example', '10.0.0.0/33', '10.0.0.5 tcp dport 22 accept']) {
      expect([bad, parse({ HOSTPLANE_EGRESS_DENY: bad }).success]).toEqual([bad, false]);
    }
  });
});
