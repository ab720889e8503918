// The static cost of an operation, priced before it runs (the way GitHub and Shopify price theirs):
// every object a field returns costs 1, scalars are free, a connection multiplies what it selects
// by the page it asks for (`first` or `last`, or the default page; capped at the largest page, as anything
// larger is refused by the connection itself), and each mutation field costs MUTATION_COST
// more for the write it starts. It is an upper bound: a page that comes back short costs the same.
//
// Lists without `first` (Tenant.webroots, Webroot.fqdns, Database.users, …) are priced by size too
// when a tenant decides their length: a list of async resources (what tenants create) counts as
// NESTED_LIST_SIZE items, not 1. Why a fixed size rather than `first` pagination or the plan's
// limit: the price is taken before the query runs, when no tenant (and no plan) is known — an
// admin's query spans many — and adding `first` would truncate the lists every client reads
// whole today. DEFAULT_PAGE_SIZE is the size a connection without `first` is priced at, so a
// list and a connection of the same objects cost the same; nested lists multiply as connections
// do (a page of tenants × their webroots × their FQDNs), which is what made them the cheap way
// to fetch much. Lists the platform alone sizes (nodes, shards, capabilities) stay at 1.
import {
  Kind,
  getNamedType,
  getNullableType,
  isListType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  valueFromAST,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@hostplane/schema';

/** A write starts a workflow and an audit entry: it weighs more than what it returns. */
export const MUTATION_COST = 10;

/** The items an unpaginated list of tenant-created resources is priced at (see above). */
export const NESTED_LIST_SIZE = DEFAULT_PAGE_SIZE;

export function queryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): number {
  const rootType =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!rootType) return 0;
  const walk: Walk = { schema, fragments, variables, fragmentCosts: new Map() };
  const rootCost = selectionCost(operation.selectionSet, rootType, walk, new Set());
  const writes =
    operation.operation === 'mutation' ? rootResponseKeys(operation.selectionSet, fragments).size * MUTATION_COST : 0;
  return rootCost + writes;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /**
   * Each fragment's cost, computed once: its cost depends only on its own type condition, so a
   * fragment spread a thousand times (or a chain that spreads each link twice, 2^n walks) is priced
   * in one walk of the document.
   */
  fragmentCosts: Map<string, number>;
}

function selectionCost(
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  walk: Walk,
  spreading: Set<string>,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = fieldOf(parent, selection.name.value);
      if (!field) continue; // __typename, or what validation has already refused
      const type = getNamedType(field.type);
      if (!isCompositeType(type) || !selection.selectionSet) continue;
      const page = pageSize(field, selection.arguments ?? [], walk.variables);
      cost += 1 + page * selectionCost(selection.selectionSet, type, walk, spreading);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (condition && isCompositeType(condition)) {
        cost += selectionCost(selection.selectionSet, condition, walk, spreading);
      }
    } else {
      cost += fragmentCost(selection.name.value, walk, spreading);
    }
  }
  return cost;
}

function fragmentCost(name: string, walk: Walk, spreading: Set<string>): number {
  const known = walk.fragmentCosts.get(name);
  if (known !== undefined) return known;
  const fragment = walk.fragments[name];
  if (!fragment || spreading.has(name)) return 0; // a cycle is a validation error already
  const condition = walk.schema.getType(fragment.typeCondition.name.value);
  const cost =
    condition && isCompositeType(condition)
      ? selectionCost(fragment.selectionSet, condition, walk, new Set([...spreading, name]))
      : 0;
  walk.fragmentCosts.set(name, cost);
  return cost;
}

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/**
 * A list's page: its `first` (or `last`, e.g. a resource's latest events), literal or variable, up
 * to MAX_PAGE_SIZE; else the default page. A field with neither returns one object, or, for a
 * list of tenant-created resources, NESTED_LIST_SIZE.
 */
function pageSize(
  field: GraphQLField<unknown, unknown>,
  args: ReadonlyArray<{ name: { value: string }; value: Parameters<typeof valueFromAST>[0] }>,
  variables: Record<string, unknown>,
): number {
  const first = field.args.find((arg) => arg.name === 'first' || arg.name === 'last');
  if (!first) return isTenantSizedList(field) ? NESTED_LIST_SIZE : 1;
  const node = args.find((arg) => arg.name.value === first.name);
  const value = node ? valueFromAST(node.value, first.type, variables) : undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(Math.ceil(value), 1), MAX_PAGE_SIZE);
}

/** A list of async resources (their type implements AsyncResource): a tenant sets its length. */
function isTenantSizedList(field: GraphQLField<unknown, unknown>): boolean {
  if (!isListType(getNullableType(field.type))) return false;
  const item = getNamedType(field.type);
  return isObjectType(item) && item.getInterfaces().some((i) => i.name === 'AsyncResource');
}

/**
 * The mutation fields an operation runs: its root fields, with those reached through inline
 * fragments and fragment spreads. Fields merge by response key (alias, else name), so each key
 * runs once however often it is spread; each fragment is visited once.
 */
function rootResponseKeys(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  keys = new Set<string>(),
  visited = new Set<string>(),
): Set<string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!selection.name.value.startsWith('__')) keys.add(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      rootResponseKeys(selection.selectionSet, fragments, keys, visited);
    } else {
      const fragment = fragments[selection.name.value];
      if (!fragment || visited.has(fragment.name.value)) continue;
      visited.add(fragment.name.value);
      rootResponseKeys(fragment.selectionSet, fragments, keys, visited);
    }
  }
  return keys;
}
