import {
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.js';
import { subscribeShared } from './shared-execution.js';
import { withSubscriberStamps } from './trace.js';

let executions = 0;
const seenPorts: unknown[] = [];
const Event = new GraphQLObjectType({
  name: 'Event',
  fields: {
    cursor: {
      type: GraphQLString,
      resolve: (event: { cursor: bigint }, _args, context: { ports?: unknown }) => {
        executions++;
        if ('ports' in context) seenPorts.push(context.ports);
        return event.cursor.toString();
      },
    },
  },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      events: {
        type: Event,
        subscribe: (_root, _args, context: { source: EventQueue<object> }) => context.source,
        resolve: (event: unknown) => event,
      },
    },
  }),
});
const document = parse('subscription { events { cursor } }');

function viewer(scopes: string[]) {
  return { scopes, brandIds: ['*'], tenantId: null };
}

async function subscriber(scopes: string[]) {
  const source = new EventQueue<object>(() => {});
  const args = { schema, document, contextValue: { source, viewer: viewer(scopes) } } as ExecutionArgs;
  const stream = (await subscribeShared(args)) as AsyncIterableIterator<ExecutionResult>;
  return { source, stream };
}

describe('subscribeShared', () => {
  it('executes an event once for subscribers of the same operation and visibility, once more for another visibility', async () => {
    const [a, b, other] = await Promise.all([subscriber(['*']), subscriber(['*']), subscriber(['tenants:read'])]);
    const event = { cursor: 7n };
    executions = 0;
    for (const s of [a, b, other]) s.source.push(event);
    const results = await Promise.all([a, b, other].map((s) => s.stream.next()));
    expect(results.map((r) => r.value)).toEqual(Array(3).fill({ data: { events: { cursor: '7' } } }));
    expect(executions).toBe(2);
  });

  it('shares the execution between traced views of one event, each keeping its own stamps', async () => {
    const [a, b] = await Promise.all([subscriber(['*']), subscriber(['*'])]);
    const event = { cursor: 8n };
    executions = 0;
    a.source.push(withSubscriberStamps(event, 1, 0.1));
    b.source.push(withSubscriberStamps(event, 2, 0.2));
    const [ra, rb] = await Promise.all([a.stream.next(), b.stream.next()]);
    expect(executions).toBe(1);
    expect(ra.value).toMatchObject({ data: { events: { cursor: '8' } }, extensions: { trace: { authorized: 1 } } });
    expect(rb.value).toMatchObject({ data: { events: { cursor: '8' } }, extensions: { trace: { authorized: 2 } } });
  });

  it('runs each execution with a context of its own, so what one caches there (ports) leaves with it', async () => {
    const source = new EventQueue<object>(() => {});
    let built = 0;
    // The shape of the WebSocket context (../http/websocket.ts): ports built on first read, kept on the reader.
    const context = {
      source,
      viewer: viewer(['*']),
      get ports(): object {
        const ports = { n: ++built };
        Object.defineProperty(this, 'ports', { value: ports });
        return ports;
      },
    };
    const args = { schema, document, contextValue: context } as ExecutionArgs;
    const stream = (await subscribeShared(args)) as AsyncIterableIterator<ExecutionResult>;
    seenPorts.length = 0;
    source.push({ cursor: 1n });
    await stream.next();
    source.push({ cursor: 2n });
    await stream.next();
    expect(seenPorts).toEqual([{ n: 1 }, { n: 2 }]); // one set per event's execution
    expect(Object.getOwnPropertyDescriptor(context, 'ports')?.get).toBeDefined(); // none kept by the subscription
  });

  it('ends its source when the subscriber leaves', async () => {
    const { source, stream } = await subscriber(['*']);
    await stream.return!();
    expect(source.closed).toBe(true);
  });
});
