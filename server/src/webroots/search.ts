import type { TypedRecord, Viewer } from '@hostplane/schema';
import type { Db } from '../db/index.js';
import {
  fqdnRecord,
  NOT_DELETED,
  visibleFqdnsWhere,
  visibleWebrootsWhere,
  webrootRecord,
  withOwner,
  withWebrootOwner,
} from './webroot-records.js';

const typed = (type: string, rows: object[]): TypedRecord[] => rows.map((r) => ({ __typename: type, ...r }));

/** Search hits among webroots (by name) and FQDNs (by host name): only with webroots:read, only what `node(id:)` would return. */
export async function searchWebHosting(db: Db, viewer: Viewer, query: string, first: number): Promise<TypedRecord[]> {
  if (!viewer.can('webroots:read')) return [];
  const contains = { contains: query, mode: 'insensitive' as const };
  const [webroots, fqdns] = await Promise.all([
    db.webroot.findMany({
      where: { AND: [visibleWebrootsWhere(viewer), NOT_DELETED, { name: contains }] },
      include: withOwner,
      take: first,
      orderBy: { name: 'asc' },
    }),
    db.fqdn.findMany({
      where: { AND: [visibleFqdnsWhere(viewer), NOT_DELETED, { hostname: contains }] },
      include: withWebrootOwner,
      take: first,
      orderBy: { hostname: 'asc' },
    }),
  ]);
  return [...typed('Webroot', webroots.map(webrootRecord)), ...typed('Fqdn', fqdns.map(fqdnRecord))];
}
