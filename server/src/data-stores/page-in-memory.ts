import { encodeCursor, pageRequest, type ConnectionResult, type PageArgs } from '@hostplane/schema';

/**
 * A page of rows already loaded whole, ordered by (createdAt, id): for a tenant's few rows of a
 * capped type (egress rules, SSH keys), which a page of tenants loads in one query each.
 */
export function pageInMemory<R extends { id: string; createdAt: Date }>(
  rows: R[],
  args: PageArgs,
): ConnectionResult<R> {
  const page = pageRequest(args);
  const keyOf = (row: R) => row.createdAt.toISOString();
  const after = page.after;
  const rest = after ? rows.filter((r) => keyOf(r) > after.key || (keyOf(r) === after.key && r.id > after.id)) : rows;
  const edges = rest.slice(0, page.limit).map((node) => ({ cursor: encodeCursor(keyOf(node), node.id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rest.length > page.limit, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: rows.length,
  };
}
