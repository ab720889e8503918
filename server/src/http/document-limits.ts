// The limits every GraphQL document meets before anything prices or runs it, on every transport
// (DESIGN.md §5): HTTP hands them to Apollo, the WebSocket path applies them in `checkDocument`.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
} from 'graphql';

/**
 * Lexer tokens a document may hold. graphql-js counts them itself and throws a syntax error, which
 * Apollo answers with 400; armor's own token plugin throws from a hook, which Apollo answered 500.
 */
export const MAX_TOKENS = 2000;

export const parseOptions: ParseOptions = { maxTokens: MAX_TOKENS };

const armor = new ApolloArmor({
  maxDepth: { n: 10 },
  maxAliases: { n: 15 },
  maxTokens: { enabled: false }, // parseOptions.maxTokens, above
  // armor prices by depth, not by `first`; a 100-tenant page with brand/shard/nodes costs ~8.8k.
  costLimit: { maxCost: 25_000 },
  maxDirectives: { n: 20 },
});

/** armor's Apollo plugins (field-suggestion masking) and its validation rules (depth, aliases, …). */
export const protection = armor.protect();

/** graphql-js's rules (fragment cycles included) and armor's, in one list. */
export const validationRules = [...specifiedRules, ...protection.validationRules];

/**
 * Parses with the token limit and validates with every rule: the document, or the errors to
 * answer. Nothing else may walk a document before this passed: armor's rules stop early, a
 * naive walk of fragments does not.
 */
export function checkDocument(schema: GraphQLSchema, source: unknown): DocumentNode | readonly GraphQLError[] {
  if (typeof source !== 'string') {
    return [new GraphQLError('The query must be a string.', { extensions: { code: 'BAD_REQUEST' } })];
  }
  let document: DocumentNode;
  try {
    document = parse(source, parseOptions);
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : 'The query could not be parsed.';
    return [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
  }
  const errors = validate(schema, document, validationRules);
  if (errors.length === 0) return document;
  return errors.map(
    (e) =>
      new GraphQLError(e.message, {
        nodes: e.nodes,
        extensions: { ...e.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
  );
}
