import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import * as generated from './generated/graphql.js';

/** What a GraphQL operation does. */
export type OperationKind = OperationDefinitionNode['operation'];

/** A generated operation document, found by its operation name. */
export interface OperationEntry {
  name: string;
  kind: OperationKind;
  document: DocumentNode;
  /** The root fields it selects (`createTenant`, `node`, …): what `viewer.allowedOperations` names. */
  rootFields: string[];
}

function isDocument(value: unknown): value is DocumentNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Document';
}

function rootFieldsOf(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === 'Field' && selection.name.value !== '__typename' ? [selection.name.value] : [],
  );
}

/**
 * Every generated operation by name, read from the generated module's exports so no list is
 * kept by hand. Fragment-only documents (`XFieldsFragmentDoc`) have no operation and are skipped.
 */
const byName: ReadonlyMap<string, OperationEntry> = new Map(
  Object.values(generated)
    .filter(isDocument)
    .flatMap((document) =>
      document.definitions
        .filter((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition')
        .filter((operation) => operation.name !== undefined)
        .map((operation): [string, OperationEntry] => [
          operation.name!.value,
          { name: operation.name!.value, kind: operation.operation, document, rootFields: rootFieldsOf(operation) },
        ]),
    ),
);

/** The generated operation named `name` (e.g. `CreateTenant`), or undefined. */
export function findOperation(name: string): OperationEntry | undefined {
  return byName.get(name);
}

/** Names of every generated operation, sorted. */
export function operationNames(): string[] {
  return [...byName.keys()].sort();
}
