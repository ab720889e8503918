import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';

/**
 * The name servers of `/etc/resolv.conf` (addresses only): a tenant restricted to an allowlist
 * still resolves names through them. Read at start, like Temporal's address.
 */
export async function nodeResolvers(file = '/etc/resolv.conf'): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return parseResolvers(text);
}

export function parseResolvers(text: string): string[] {
  const found = text.split('\n').flatMap((line) => {
    const [keyword, address = ''] = line.trim().split(/\s+/);
    // A scoped IPv6 resolver (`fe80::1%eth0`) is reached through its interface: nft takes the address.
    const bare = address.split('%')[0] ?? '';
    return keyword === 'nameserver' && isIP(bare) ? [bare] : [];
  });
  return [...new Set(found)];
}
