import DataLoader from 'dataloader';
import type { Db } from '../db/index.js';

/**
 * The port DATABASE nodes serve MariaDB's clients on: the standard one, at each node's own
 * address (the test platform's second data node too, on its own loopback address).
 */
export const MYSQL_CLIENT_PORT = 3306;

/**
 * Per request: the address clients of a shard's databases and instances connect to — that of the
 * shard's first node by id, the node a migration copies from (worker nodesOf: sorted ids).
 */
export class ShardHosts {
  private readonly hosts = new DataLoader<string, string | null>(async (shardIds) => {
    const links = await this.db.nodeShard.findMany({
      where: { shardId: { in: [...shardIds] } },
      select: { shardId: true, node: { select: { id: true, ipAddress: true, hostname: true } } },
    });
    return shardIds.map((shardId) => {
      const [first] = links
        .filter((link) => link.shardId === shardId)
        .map((link) => link.node)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return first ? (first.ipAddress ?? first.hostname) : null;
    });
  });

  constructor(private readonly db: Db) {}

  /** `{ host, port }` on shard `shardId`, or null while the shard has no node. */
  async endpoint(shardId: string, port: number): Promise<{ host: string; port: number } | null> {
    const host = await this.hosts.load(shardId);
    return host ? { host, port } : null;
  }
}
