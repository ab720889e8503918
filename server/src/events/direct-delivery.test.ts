// The WebSocket fast path with real sockets (`ws` on loopback): events pushed to a subscriber's
// queue reach its client in order as graphql-ws `next` messages, one execution and one payload
// serialization shared by subscribers of the same thing, and a client that stops reading is cut
// off with SUBSCRIBER_TOO_SLOW instead of growing the API's memory.
import { once } from 'node:events';
import {
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { directDelivery, MAX_UNSENT_BYTES, withDirectDelivery } from './direct-delivery.js';
import { EventQueue, TOO_SLOW } from './event-queue.js';
import { subscribeShared } from './shared-execution.js';

let executions = 0;
const Event = new GraphQLObjectType({
  name: 'Event',
  fields: {
    cursor: {
      type: GraphQLString,
      resolve: (event: { cursor: bigint }) => {
        executions++;
        return event.cursor.toString();
      },
    },
    message: { type: GraphQLString },
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
const document = parse('subscription { events { cursor message } }');

let server: WebSocketServer;
let url: string;

beforeAll(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const address = server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => server.close());

/** A connected client and the server's end of it, with a subscription delivered directly to it. */
async function subscriber(id: string) {
  const accepted = once(server, 'connection') as Promise<[WebSocket]>;
  const client = new WebSocket(url);
  const received: unknown[] = [];
  client.on('message', (data) => received.push(JSON.parse(String(data))));
  const [[socket]] = await Promise.all([accepted, once(client, 'open')]);
  const source = new EventQueue<object>(() => {});
  const context = withDirectDelivery(
    { source, viewer: { scopes: ['*'], brandIds: ['*'], tenantId: null } },
    directDelivery(socket, id, (errors) => errors.map((e) => ({ message: e.message }))),
  );
  const stream = (await subscribeShared({
    schema,
    document,
    contextValue: context,
  } as ExecutionArgs)) as AsyncIterableIterator<ExecutionResult>;
  return { client, received, source, stream, socket };
}

async function until(probe: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !probe(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('direct delivery of event subscriptions', () => {
  it('writes each event as a graphql-ws next message, in order, executing it once for subscribers alike', async () => {
    const a = await subscriber('op-a');
    const b = await subscriber('op-b');
    const ended = Promise.all([a.stream.next(), b.stream.next()]);
    executions = 0;
    const events = [1n, 2n, 3n].map((cursor) => ({ cursor, message: `event ${cursor}` }));
    for (const event of events) for (const s of [a, b]) s.source.push(event);
    await until(() => a.received.length === 3 && b.received.length === 3);
    expect(executions).toBe(3);
    const expected = (id: string) =>
      events.map((e) => ({
        id,
        type: 'next',
        payload: { data: { events: { cursor: String(e.cursor), message: e.message } } },
      }));
    expect(a.received).toEqual(expected('op-a'));
    expect(b.received).toEqual(expected('op-b'));
    // The subscriber leaves: graphql-ws's loop sees the end, the source is closed.
    await Promise.all([a.stream.return!(), b.stream.return!()]);
    expect((await ended).map((r) => r.done)).toEqual([true, true]);
    expect(a.source.closed && b.source.closed).toBe(true);
    a.client.close();
    b.client.close();
  });

  it('cuts off a client that stops reading once its socket holds too much, with SUBSCRIBER_TOO_SLOW', async () => {
    const s = await subscriber('op-slow');
    const ended = s.stream.next().then(
      () => null,
      (error: unknown) => error,
    );
    s.client.pause(); // reads nothing more: the server's socket buffer fills
    const big = 'x'.repeat(64 * 1024);
    for (let cursor = 1n; s.socket.bufferedAmount <= MAX_UNSENT_BYTES && cursor < 10_000n; cursor++) {
      s.source.push({ cursor, message: big });
      await new Promise((r) => setImmediate(r));
    }
    expect(await ended).toMatchObject({ message: TOO_SLOW, extensions: { code: 'SUBSCRIBER_TOO_SLOW' } });
    expect(s.source.closed).toBe(true);
    s.client.terminate();
  });
});
