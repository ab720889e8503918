// The command table, built at run time from the generated MCP tool list (one entry per query and
// mutation document of the SDK, with a JSON Schema of its variables): a new operation in
// schema/src/sdk/operations becomes a hostctl command by `npm run generate` alone (DESIGN.md §3).
import { findOperation, type JsonSchema, type McpTool } from '@hostplane/schema/sdk';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** One command-line flag and where its value goes in the operation's variables. */
export interface FlagSpec {
  /** `tenant-id` for `--tenant-id`. */
  flag: string;
  /** The variable (`input`, `filter`, `id`, …) and, when flattened, the field inside it. */
  path: [variable: string] | [variable: string, field: string];
  schema: JsonSchema;
  required: boolean;
}

/** A generated command: `hostctl <path…>` runs `tool.operationName`. */
export interface OperationCommand {
  path: string[];
  tool: McpTool;
  flags: FlagSpec[];
  /** A mutation whose payload holds an async resource (`id` and `status`): it gets `--watch`. */
  watchable: boolean;
}

/** Variables whose fields become flags of their own, without a prefix: the common wrappers. */
const FLATTENED = new Set(['input', 'filter']);

const words = (name: string): string[] => name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [name];
const kebab = (parts: readonly string[]): string => parts.map((part) => part.toLowerCase()).join('-');
export const kebabName = (name: string): string => kebab(words(name));

function plural(word: string): string {
  if (/s$/i.test(word)) return word;
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/**
 * The command path of a resource noun: `Tenant` → `tenants`, `Fqdn` → `fqdns`, `DatabaseUser`
 * → `databases users`, `ValkeyInstance` → `valkey instances` (a noun that starts with a domain's
 * name nests under it). `collection` pluralizes the last word (a leaf query such as `Search` or
 * `TenantWebRuntimes` keeps its own name).
 */
function nounPath(noun: readonly string[], groups: ReadonlySet<string>, collection: boolean): string[] {
  const last = (parts: readonly string[]) =>
    collection ? [...parts.slice(0, -1), plural(parts[parts.length - 1]!)] : [...parts];
  const whole = kebab(last(noun));
  if (groups.has(whole) || noun.length === 1) return [whole];
  const [first, ...rest] = noun;
  for (const head of [plural(first!).toLowerCase(), first!.toLowerCase()]) {
    if (groups.has(head)) return [head, kebab(last(rest))];
  }
  return [whole];
}

/** `CreateWebroot` → `webroots create`; `ListDatabases` → `databases list`; `Viewer` → `viewer`. */
export function commandPath(tool: McpTool, groups: ReadonlySet<string>): string[] {
  const [verb, ...noun] = words(tool.operationName);
  // Mutations are `verbNoun` (DESIGN.md §4); queries are `Get…`/`List…` or named by what they read.
  const isVerb = !tool.readOnly || verb === 'Get' || verb === 'List';
  if (!isVerb || !noun.length) return nounPath(words(tool.operationName), groups, false);
  return [...nounPath(noun, groups, true), verb!.toLowerCase()];
}

/** Flags from the variables' JSON Schema: `input` and `filter` fields flattened, others as named. */
export function flagsOf(tool: McpTool): FlagSpec[] {
  const flags: FlagSpec[] = [];
  const required = new Set(tool.inputSchema.required ?? []);
  for (const [variable, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
    if (FLATTENED.has(variable) && schema.type === 'object' && schema.properties) {
      const inner = new Set(schema.required ?? []);
      for (const [field, fieldSchema] of Object.entries(schema.properties)) {
        flags.push({
          flag: kebabName(field),
          path: [variable, field],
          schema: fieldSchema,
          required: required.has(variable) && inner.has(field),
        });
      }
    } else {
      flags.push({ flag: kebabName(variable), path: [variable], schema, required: required.has(variable) });
    }
  }
  const names = flags.map((flag) => flag.flag);
  const clash = names.find((name, i) => names.indexOf(name) !== i);
  if (clash) throw new Error(`${tool.operationName}: two variables map to --${clash}.`);
  return flags;
}

/** Field names a selection set selects, fragment spreads and inline fragments included. */
function selectedFields(
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): Map<string, SelectionSetNode | undefined> {
  const fields = new Map<string, SelectionSetNode | undefined>();
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) fields.set(selection.name.value, selection.selectionSet);
    const inner =
      selection.kind === Kind.FRAGMENT_SPREAD
        ? fragments.get(selection.name.value)?.selectionSet
        : selection.kind === Kind.INLINE_FRAGMENT
          ? selection.selectionSet
          : undefined;
    if (inner) for (const [name, sub] of selectedFields(inner, fragments)) fields.set(name, sub);
  }
  return fields;
}

/** Whether the mutation's payload selects an object with `id` and `status`: an async resource. */
export function returnsAsyncResource(document: DocumentNode): boolean {
  const fragments = new Map(
    document.definitions
      .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operation?.operation !== 'mutation') return false;
  return [...selectedFields(operation.selectionSet, fragments).values()].some((payload) =>
    [...(payload ? selectedFields(payload, fragments).values() : [])].some((resource) => {
      const fields = resource ? selectedFields(resource, fragments) : new Map();
      return fields.has('id') && fields.has('status');
    }),
  );
}

/** Every generated command, except operations a hand-written command covers. */
export function operationCommands(tools: readonly McpTool[], handWritten: ReadonlySet<string>): OperationCommand[] {
  const groups = new Set(tools.map((tool) => tool.group));
  return tools
    .filter((tool) => !handWritten.has(tool.operationName))
    .map((tool) => {
      const document = findOperation(tool.operationName)?.document;
      const watchable = !tool.readOnly && document !== undefined && returnsAsyncResource(document);
      return { path: commandPath(tool, groups), tool, flags: flagsOf(tool), watchable };
    });
}
