import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field({ description: 'True when more items follow the last edge.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass as `after`.' })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** What a port returns for a list: already a Relay connection. */
export interface ConnectionResult<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds `XEdge` and `XConnection` object types for a node type. */
export function ConnectionType<T extends object>(NodeClass: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `An edge in a ${name} connection.` })
  class EdgeType {
    @Field({ description: 'Opaque cursor of this edge.' })
    cursor!: string;

    @Field(() => NodeClass, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} objects.` })
  class ConnectionClass {
    @Field(() => [EdgeType], { description: 'The edges of this page.' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Where this page ends.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filter, over all pages.' })
    totalCount!: number;
  }
  return ConnectionClass;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor.' })
  after?: string | null;
}

/** A validated page request: `after` decoded to the keyset position. */
export interface PageRequest {
  limit: number;
  after: { key: string; id: string } | null;
}

export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id]), 'utf8').toString('base64url');
}

/** Validates `first`/`after`; a bad value is a clear BAD_USER_INPUT error, never a 500. */
export function pageRequest(args: PageArgs): PageRequest {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE} (got ${args.first}).`);
  }
  if (!args.after) return { limit, after: null };
  try {
    const parsed: unknown = JSON.parse(Buffer.from(args.after, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string')) {
      return { limit, after: { key: parsed[0] as string, id: parsed[1] as string } };
    }
  } catch {
    // fall through to the clear error below
  }
  throw badInput('after is not a valid cursor.');
}
