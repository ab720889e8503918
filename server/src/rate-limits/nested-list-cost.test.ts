// Nested lists without `first` (issue 10): against the real schema, a list of tenant-created
// resources is priced at NESTED_LIST_SIZE items, and nested ones multiply like connections.
import { buildHostplaneSchema } from '@hostplane/schema';
import { Kind, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { NESTED_LIST_SIZE, queryCost } from './query-cost.js';

describe('nested list pricing', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildHostplaneSchema();
  });

  const cost = (source: string) => {
    const operation = parse(source).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    return queryCost(schema, operation as OperationDefinitionNode, {});
  };

  it('prices Tenant.webroots by its bound, not as one object', () => {
    expect(cost('{ tenant(id: "x") { id } }')).toBe(1);
    expect(cost('{ tenant(id: "x") { webroots { id } } }')).toBe(1 + 1 + NESTED_LIST_SIZE * 0);
    expect(cost('{ tenant(id: "x") { webroots { id brand: tenant { id } } } }')).toBe(1 + 1 + NESTED_LIST_SIZE * 1);
  });

  it('multiplies nested lists: a tenant’s webroots × their FQDNs, a database’s users', () => {
    const sites = '{ tenant(id: "x") { webroots { viewerCan { update } fqdns { viewerCan { update } } } } }';
    // tenant 1 + webroots list 1 + N × (viewerCan 1 + fqdns list 1 + N × viewerCan 1)
    expect(cost(sites)).toBe(2 + NESTED_LIST_SIZE * (2 + NESTED_LIST_SIZE));
    const users = '{ database(id: "x") { users { viewerCan { update } } accessRules { viewerCan { update } } } }';
    expect(cost(users)).toBe(1 + 2 * (1 + NESTED_LIST_SIZE));
  });

  it('leaves lists the platform sizes (not tenant resources) at one object', () => {
    expect(cost('{ shards(role: WEB) { id cluster { id } } }')).toBe(1 + 1);
  });
});
