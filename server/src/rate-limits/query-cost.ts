// The static cost of an operation, priced before it runs (the way GitHub and Shopify price theirs):
// every object a field returns costs 1, scalars are free, a connection multiplies what it selects
// by the page it asks for (`first` or `last`, or the default page; capped at the largest page, as anything
// larger is refused by the connection itself), and each mutation field costs MUTATION_COST
// more for the write it starts. It is an upper bound: a page that comes back short costs the same.
import {
  Kind,
  getNamedType,
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
  const rootCost = selectionCost(operation.selectionSet, rootType, { schema, fragments, variables }, new Set());
  const writes = operation.operation === 'mutation' ? countFields(operation.selectionSet) * MUTATION_COST : 0;
  return rootCost + writes;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
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
      const name = selection.name.value;
      const fragment = walk.fragments[name];
      if (!fragment || spreading.has(name)) continue; // a cycle is a validation error already
      const condition = walk.schema.getType(fragment.typeCondition.name.value);
      if (condition && isCompositeType(condition)) {
        cost += selectionCost(fragment.selectionSet, condition, walk, new Set([...spreading, name]));
      }
    }
  }
  return cost;
}

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/**
 * A list's page: its `first` (or `last`, e.g. a resource's latest events), literal or variable, up
 * to MAX_PAGE_SIZE; else the default page. A field with neither returns one object.
 */
function pageSize(
  field: GraphQLField<unknown, unknown>,
  args: ReadonlyArray<{ name: { value: string }; value: Parameters<typeof valueFromAST>[0] }>,
  variables: Record<string, unknown>,
): number {
  const first = field.args.find((arg) => arg.name === 'first' || arg.name === 'last');
  if (!first) return 1;
  const node = args.find((arg) => arg.name.value === first.name);
  const value = node ? valueFromAST(node.value, first.type, variables) : undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(Math.ceil(value), 1), MAX_PAGE_SIZE);
}

function countFields(selectionSet: SelectionSetNode): number {
  return selectionSet.selections.filter((selection) => selection.kind === Kind.FIELD).length;
}
