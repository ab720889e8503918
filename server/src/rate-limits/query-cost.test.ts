import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MUTATION_COST, queryCost } from './query-cost.js';

const schema = buildSchema(`
  type Query { tenants(first: Int, after: String): TenantConnection!  viewer: Viewer! }
  type Mutation { suspendTenant(id: ID!): Tenant }
  type Viewer { name: String! }
  type TenantConnection { edges: [TenantEdge!]!  pageInfo: PageInfo!  totalCount: Int! }
  type TenantEdge { cursor: String!  node: Tenant! }
  type PageInfo { hasNextPage: Boolean! }
  type Tenant { id: ID!  name: String!  brand: Brand!  webroots(first: Int): WebrootConnection!  events(last: Int): [Event!]! }
  type Event { cursor: String!  brand: Brand! }
  type Brand { id: ID! }
  type WebrootConnection { edges: [WebrootEdge!]! }
  type WebrootEdge { node: Webroot! }
  type Webroot { id: ID! }
`);

function cost(source: string, variables: Record<string, unknown> = {}): number {
  const document = parse(source);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return queryCost(schema, operation, fragments, variables);
}

describe('queryCost', () => {
  it('prices objects at 1 and scalars at 0', () => {
    expect(cost('{ viewer { name } }')).toBe(1);
    expect(cost('{ __typename }')).toBe(0);
  });

  it('multiplies what a connection selects by its page, literal or variable', () => {
    // Everything under the connection is multiplied, pageInfo included: an upper bound.
    const page = '{ tenants(first: 10) { pageInfo { hasNextPage } edges { node { name brand { id } } } } }';
    expect(cost(page)).toBe(1 + 10 * (1 + (1 + (1 + 1))));
    const byVariable = 'query($n: Int) { tenants(first: $n) { edges { node { id } } } }';
    expect(cost(byVariable, { n: 50 })).toBe(1 + 50 * 2);
  });

  it('uses the default page without `first`, and never prices beyond the largest page', () => {
    const noFirst = '{ tenants { edges { node { id } } } }';
    expect(cost(noFirst)).toBe(1 + 25 * 2);
    expect(cost('{ tenants(first: 1000000) { edges { node { id } } } }')).toBe(1 + 100 * 2);
  });

  it('prices a `last` page like a `first` page', () => {
    const latest = '{ tenants(first: 1) { edges { node { events(last: 20) { cursor brand { id } } } } } }';
    expect(cost(latest)).toBe(1 + (1 + (1 + (1 + 20 * 1))));
  });

  it('multiplies nested connections', () => {
    const nested = '{ tenants(first: 10) { edges { node { webroots(first: 5) { edges { node { id } } } } } } }';
    expect(cost(nested)).toBe(1 + 10 * (1 + (1 + (1 + 5 * 2))));
  });

  it('counts fragments and inline fragments like the fields they hold', () => {
    const spread = 'query { tenants(first: 2) { edges { ...E } } } fragment E on TenantEdge { node { brand { id } } }';
    const inline = '{ tenants(first: 2) { edges { ... on TenantEdge { node { brand { id } } } } } }';
    expect(cost(spread)).toBe(1 + 2 * (1 + 1 + 1));
    expect(cost(inline)).toBe(cost(spread));
  });

  it('adds the write to each mutation field', () => {
    expect(cost('mutation { suspendTenant(id: "t") { id } }')).toBe(1 + MUTATION_COST);
    expect(cost('mutation { a: suspendTenant(id: "t") { id } b: suspendTenant(id: "u") { id } }')).toBe(
      2 * (1 + MUTATION_COST),
    );
  });

  it('counts the mutation fields reached through fragments, each response key once', () => {
    const spread =
      'mutation { ...W } fragment W on Mutation { a: suspendTenant(id: "t") { id } b: suspendTenant(id: "u") { id } }';
    expect(cost(spread)).toBe(2 * (1 + MUTATION_COST));
    const inline =
      'mutation { ... on Mutation { a: suspendTenant(id: "t") { id } } ...W } fragment W on Mutation { b: suspendTenant(id: "u") { id } }';
    expect(cost(inline)).toBe(2 * (1 + MUTATION_COST));
    expect(cost('mutation { __typename }')).toBe(0);
  });

  it('prices each fragment once: a chain that spreads every link twice is linear, not 2^n', () => {
    const links = 40;
    let source = 'query { viewer { ...F0 } }';
    for (let i = 0; i < links; i++) source += ` fragment F${i} on Viewer { ...F${i + 1} ...F${i + 1} }`;
    source += ` fragment F${links} on Viewer { name }`;
    const started = performance.now();
    expect(cost(source)).toBe(1);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
