// The subscription bench's subscribers, in a process of their own (./subscriptions.ts forks it):
// in production the 1,000 clients are other machines, so the bench keeps their CPU apart from
// the API's — in another process that it can pin to the other core. Each subscriber is a
// graphql-ws client running the SDK's own `Events` subscription, as the panel and `waitFor` do.
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { EventStamps } from '@hostplane/server/events';
import { EventsDocument, type EventsSubscription } from '@hostplane/schema/sdk';

export interface SubscriberSetup {
  url: string;
  keys: string[];
  resourceId: string;
  count: number;
}

/** From the bench to this process. */
export type ToSubscribers = { type: 'setup'; setup: SubscriberSetup } | { type: 'collect' } | { type: 'stop' };

/** From this process to the bench. */
export type FromSubscribers =
  | { type: 'ready' }
  /** Every subscriber has received the event with this cursor. */
  | { type: 'complete'; cursor: string }
  | { type: 'arrivals'; arrivals: Record<string, Arrival[]> }
  | { type: 'error'; message: string };

export interface Arrival {
  at: number;
  trace: EventStamps | undefined;
}

/** The API's clock (server/src/events/trace.ts), without loading the server's modules here. */
const epochNow = () => performance.timeOrigin + performance.now();
const send = (message: FromSubscribers) => process.send!(message);
const arrivals: Record<string, Arrival[]> = {};
let clients: Client[] = [];

function subscribeAll({ url, keys, resourceId, count }: SubscriberSetup) {
  const query = print(EventsDocument);
  let connected = 0;
  clients = Array.from({ length: count }, (_, i) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${keys[i % keys.length]}` },
      lazy: false,
      on: { connected: () => ++connected === count && send({ type: 'ready' }) },
    });
    client.subscribe<EventsSubscription, { trace?: EventStamps }>(
      { query, variables: { filter: { resourceIds: [resourceId] } } },
      {
        next: ({ data, extensions }) => {
          const at = epochNow();
          const cursor = data!.events.cursor;
          const list = (arrivals[cursor] ??= []);
          list.push({ at, trace: extensions?.trace });
          if (list.length === count) send({ type: 'complete', cursor });
        },
        error: (e) => send({ type: 'error', message: String(e) }),
        complete: () => undefined,
      },
    );
    return client;
  });
}

process.on('message', (message: ToSubscribers) => {
  if (message.type === 'setup') subscribeAll(message.setup);
  else if (message.type === 'collect') send({ type: 'arrivals', arrivals });
  else void Promise.all(clients.map((c) => c.dispose())).then(() => process.exit(0));
});
