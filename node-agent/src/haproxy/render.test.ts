import { describe, expect, it } from 'vitest';
import { golden } from '../webroots/test-harness.js';
import { parseMapFile, renderHaproxyConf, renderMapFile } from './render.js';

describe('HAProxy rendering', () => {
  it('renders one backend per web shard with consistent hashing on the Host header', async () => {
    const text = renderHaproxyConf(
      {
        bind: [':80', '[::]:80'],
        mapFile: '/etc/hostplane/haproxy/fqdn-to-shard.map',
        adminSocket: '/run/hostplane/haproxy-admin.sock',
      },
      [
        { name: 'shard_web2', servers: [{ name: 'web3', address: '10.10.10.13:80' }] },
        {
          name: 'shard_web1',
          servers: [
            { name: 'web1', address: '10.10.10.11:80' },
            { name: 'web2', address: '[fd00::12]:80' },
          ],
        },
      ],
    );
    expect(text).toBe(await golden('haproxy/haproxy.cfg', text));
  });

  it('writes a sorted map file and reads it back', () => {
    const entries = [
      { fqdn: 'b.test', backend: 'shard_web2' },
      { fqdn: 'a.test', backend: 'shard_web1' },
    ];
    const text = renderMapFile(entries);
    expect(text.split('\n').slice(1)).toEqual(['a.test shard_web1', 'b.test shard_web2', '']);
    expect(parseMapFile(text)).toEqual(
      new Map([
        ['a.test', 'shard_web1'],
        ['b.test', 'shard_web2'],
      ]),
    );
  });
});
