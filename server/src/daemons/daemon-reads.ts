import DataLoader from 'dataloader';
import type { ConnectionResult, DaemonRecord, PageArgs, Viewer, WebrootRecord } from '@hostplane/schema';
import type { Db } from '../db/index.js';
import { canSeeOwned, grouped, LIVE, withBrand } from '../data-stores/ownership.js';
import { pageInMemory } from '../data-stores/page-in-memory.js';
import { TenantOwnedReads, type OwnedModel } from '../data-stores/tenant-owned-reads.js';

/** The read side of the daemons port: a tenant-owned resource's reads, and a webroot's daemons. */
export class DaemonReads extends TenantOwnedReads<DaemonRecord> {
  /** Live daemons per webroot: a page of webroots loads theirs in one query. */
  private readonly byWebroot = new DataLoader<string, DaemonRecord[]>(async (ids) => {
    const rows = await this.db.daemon.findMany({
      where: { webrootId: { in: [...ids] }, ...LIVE },
      include: withBrand,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return grouped(ids, rows.map(this.record), (r) => r.webrootId);
  });

  constructor(private readonly db: Db) {
    super(db, { type: 'Daemon', scope: 'daemons:read', model: db.daemon as unknown as OwnedModel });
  }

  /** The webroot is the resolver's root (visible); each daemon is checked again all the same. */
  async ofWebroot(viewer: Viewer, webroot: WebrootRecord, args: PageArgs): Promise<ConnectionResult<DaemonRecord>> {
    viewer.require('daemons:read');
    return pageInMemory(
      (await this.byWebroot.load(webroot.id)).filter((d) => canSeeOwned(viewer, d)),
      args,
    );
  }

  /** Live daemons of a webroot (what the per-webroot cap counts). */
  countLiveOf(webrootId: string): Promise<number> {
    return this.db.daemon.count({ where: { webrootId, ...LIVE } });
  }

  /** Whether another live daemon of the webroot has this name or proxy path (the field that clashes). */
  async clash(webrootId: string, name: string, proxyPath: string | null, exceptId?: string) {
    const others = await this.db.daemon.findMany({
      where: {
        webrootId,
        ...LIVE,
        ...(exceptId ? { id: { not: exceptId } } : {}),
        OR: [{ name }, ...(proxyPath ? [{ proxyPath }] : [])],
      },
      select: { name: true, proxyPath: true },
    });
    if (others.some((o) => o.name === name)) return 'name';
    if (proxyPath && others.some((o) => o.proxyPath === proxyPath)) return 'proxyPath';
    return null;
  }
}
