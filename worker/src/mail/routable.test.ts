// Unit test of the spec's routing clean-up: plain data in, plain data out (no services).
import { describe, expect, it } from 'vitest';
import type { MailboxSpec, MailNodeSpec } from '@hostplane/contract/mail';
import { routable } from './routable.js';

const box = (address: string, extra: Partial<MailboxSpec> = {}): MailboxSpec => ({
  address,
  passwordHash: '{ARGON2ID}$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA',
  quotaBytes: 1,
  loginEnabled: true,
  ...extra,
});
const spec = (mailboxes: MailboxSpec[], aliases: MailNodeSpec['aliases']): MailNodeSpec => ({
  domains: [{ name: 'a.test', receiving: true }],
  mailboxes,
  aliases,
});

describe('routable (what the mail agent accepts)', () => {
  it('leaves a clean spec as it is', () => {
    const clean = spec(
      [box('x@a.test'), box('y@a.test', { forward: { to: ['x@a.test', 'far@out.test'], keepCopy: true } })],
      [
        { address: 'team@a.test', targets: ['x@a.test', 'y@a.test'] },
        { address: '@a.test', targets: ['x@a.test'] },
      ],
    );
    expect(routable(clean)).toEqual(clean);
  });

  it('drops targets on a hosted domain that nothing holds, and aliases left without targets', () => {
    const out = routable(
      spec(
        [box('x@a.test', { forward: { to: ['gone@a.test'], keepCopy: false } })],
        [
          { address: 'team@a.test', targets: ['gone@a.test', 'x@a.test'] },
          { address: 'only-gone@a.test', targets: ['gone@a.test'] },
          { address: 'via@a.test', targets: ['only-gone@a.test'] },
        ],
      ),
    );
    expect(out.aliases).toEqual([{ address: 'team@a.test', targets: ['x@a.test'] }]);
    expect(out.mailboxes[0]!.forward).toBeUndefined();
  });

  it('breaks loops through aliases and forwards, and drops an alias over a mailbox', () => {
    const out = routable(
      spec(
        [box('x@a.test', { forward: { to: ['p@a.test'], keepCopy: true } })],
        [
          { address: 'p@a.test', targets: ['q@a.test'] },
          { address: 'q@a.test', targets: ['p@a.test', 'x@a.test'] },
          { address: 'x@a.test', targets: ['q@a.test'] },
        ],
      ),
    );
    const edges = new Map<string, string[]>([
      ...(out.aliases ?? []).map((a) => [a.address, a.targets] as [string, string[]]),
      ...out.mailboxes.flatMap((m) => (m.forward ? [[m.address, m.forward.to] as [string, string[]]] : [])),
    ]);
    const reach = (from: string, seen = new Set<string>()): boolean =>
      (edges.get(from) ?? []).some((t) => t === from || (!seen.has(t) && (seen.add(t), reach(t, seen))));
    expect([...edges.keys()].some((a) => reach(a))).toBe(false);
    expect(out.aliases?.some((a) => a.address === 'x@a.test')).toBe(false);
  });
});
