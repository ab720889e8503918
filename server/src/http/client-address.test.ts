import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddresses, parseTrustedProxies } from './client-address.js';

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('client addresses', () => {
  const behindPanel = clientAddresses(parseTrustedProxies('127.0.0.1, ::1, 10.0.0.0/8'));

  it('takes the address a trusted proxy forwards for, through a chain of trusted proxies', () => {
    expect(behindPanel.of(request('127.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
    expect(behindPanel.of(request('::ffff:127.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
    expect(behindPanel.of(request('127.0.0.1', '203.0.113.9, 10.1.2.3'))).toBe('203.0.113.9');
  });

  it('believes no header from an untrusted peer, nor what a client wrote before the trusted hops', () => {
    expect(behindPanel.of(request('198.51.100.7', '203.0.113.9'))).toBe('198.51.100.7');
    // A client sending its own header through the panel: only the hop the panel added counts.
    expect(behindPanel.of(request('127.0.0.1', '192.0.2.1, 198.51.100.7'))).toBe('198.51.100.7');
    expect(clientAddresses([]).of(request('127.0.0.1', '203.0.113.9'))).toBe('127.0.0.1');
    expect(behindPanel.of(request('127.0.0.1'))).toBe('127.0.0.1');
    expect(behindPanel.of(request('127.0.0.1', 'not-an-address'))).toBe('127.0.0.1');
  });

  it('refuses a setting that is not addresses or CIDRs', () => {
    expect(() => parseTrustedProxies('127.0.0.1, panel.example')).toThrow('"panel.example"');
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow();
    expect(parseTrustedProxies(' ')).toEqual([]);
  });
});
