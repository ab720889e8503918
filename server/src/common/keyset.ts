import { encodeCursor, pageRequest, type ConnectionResult, type PageArgs } from '@hostplane/schema';

type Direction = 'asc' | 'desc';

export interface KeysetQuery<Row> {
  args: PageArgs;
  /** The list's filter, without the page position. */
  where: Record<string, unknown>;
  /** Prisma field to sort on; `id` breaks ties so the order is total. */
  sortField: string;
  direction: Direction;
  /** Sort value → cursor string and back. */
  keyOf: (row: Row) => string;
  parseKey: (key: string) => unknown;
  findMany: (args: {
    where: Record<string, unknown>;
    orderBy: Record<string, Direction>[];
    take: number;
  }) => Promise<Row[]>;
  count: (args: { where: Record<string, unknown> }) => Promise<number>;
}

/**
 * One Relay page with keyset pagination: two SQL statements (page + count) whatever the page
 * size or position, and stable under concurrent inserts (unlike OFFSET).
 */
export async function keysetPage<Row extends { id: string }>(q: KeysetQuery<Row>): Promise<ConnectionResult<Row>> {
  const page = pageRequest(q.args);
  const cmp = q.direction === 'desc' ? 'lt' : 'gt';
  let where = q.where;
  if (page.after) {
    const key = q.parseKey(page.after.key);
    where = {
      AND: [
        q.where,
        {
          OR: [{ [q.sortField]: { [cmp]: key } }, { [q.sortField]: key, id: { [cmp]: page.after.id } }],
        },
      ],
    };
  }
  const [rows, totalCount] = await Promise.all([
    q.findMany({
      where,
      orderBy: [{ [q.sortField]: q.direction }, { id: q.direction }],
      take: page.limit + 1,
    }),
    q.count({ where: q.where }),
  ]);
  const hasNextPage = rows.length > page.limit;
  const edges = rows.slice(0, page.limit).map((node) => ({ cursor: encodeCursor(q.keyOf(node), node.id), node }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

/** The usual case: newest first by creation time. */
export const byCreatedAt = {
  sortField: 'createdAt',
  direction: 'desc' as const,
  keyOf: (row: { createdAt: Date }) => row.createdAt.toISOString(),
  parseKey: (key: string) => {
    const date = new Date(key);
    return Number.isNaN(date.getTime()) ? new Date(0) : date;
  },
};
