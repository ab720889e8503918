// Prices every operation (./query-cost.ts) and takes it from its key's bucket (./bucket.ts) before
// it runs: over HTTP a refusal is RATE_LIMITED with 429 and Retry-After, and every answer carries
// `extensions.cost` and X-RateLimit-* headers so a client can pace itself; a subscription is
// priced once, when it starts.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { Context } from '@hostplane/schema';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';
import type { Limiter, TakeOutcome } from './bucket.js';
import { queryCost } from './query-cost.js';

export interface Priced {
  cost: number;
  outcome: TakeOutcome;
}

/** Prices the document's operation and takes it from `apiKeyId`'s bucket; null for no operation. */
export async function priceAndTake(
  limiter: Limiter,
  schema: GraphQLSchema,
  apiKeyId: string,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): Promise<Priced | null> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  const operations = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operationName
    ? operations.find((candidate) => candidate.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) return null;
  const cost = queryCost(schema, operation, fragments, variables);
  return { cost, outcome: await limiter.take(apiKeyId, cost) };
}

/** The RATE_LIMITED error for a refused operation (`http` is used by Apollo, ignored elsewhere). */
export function rateLimitedError({ cost, outcome }: Priced): GraphQLError {
  const { retryAfterSeconds, status } = outcome;
  const message =
    retryAfterSeconds === null
      ? `This operation costs ${cost} points, more than the ${status.maximumAvailable} a key may spend at once: ask for smaller pages or fewer fields.`
      : `Rate limit exceeded: this operation costs ${cost} points and ${status.currentlyAvailable} are available; retry in ${retryAfterSeconds} s.`;
  const headers = new HeaderMap(rateLimitHeaders(outcome));
  if (retryAfterSeconds !== null) headers.set('retry-after', String(retryAfterSeconds));
  return new GraphQLError(message, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      cost: costExtension({ cost, outcome }),
      http: { status: 429, headers },
    },
  });
}

export function rateLimitPlugin(limiter: Limiter): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let priced: Priced | null = null;
      return {
        async didResolveOperation({ document, request, contextValue, schema }) {
          priced = await priceAndTake(
            limiter,
            schema,
            contextValue.viewer.apiKeyId,
            document,
            request.operationName,
            request.variables,
          );
          if (priced && !priced.outcome.allowed) throw rateLimitedError(priced);
        },
        async willSendResponse({ response }) {
          if (!priced) return;
          for (const [name, value] of rateLimitHeaders(priced.outcome)) response.http.headers.set(name, value);
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: costExtension(priced) };
        },
      };
    },
  };
}

function costExtension({ cost, outcome }: Priced) {
  return { requestedQueryCost: cost, throttleStatus: outcome.status };
}

function rateLimitHeaders({ status }: TakeOutcome): [string, string][] {
  return [
    ['x-ratelimit-limit', String(status.maximumAvailable)],
    ['x-ratelimit-remaining', String(status.currentlyAvailable)],
    ['x-ratelimit-restore-rate', String(status.restoreRate)],
  ];
}
