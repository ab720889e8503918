// The WebSocket fast path of event subscriptions. graphql-ws delivers each result through a
// chain of promises per subscriber (the source's next, the mapping, its for-await, onNext, the
// send's callback) and stringifies the payload per subscriber: with 1,000 subscribers of one
// event that chain, not the socket, was most of the API's time per event. Here an event the hub
// pushes is written to the subscriber's socket in the same tick — the shared result's payload
// serialized once for everyone — and graphql-ws keeps the protocol: subscribe, complete, errors.
import type { ExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import type { WebSocket } from 'ws';

const DIRECT = Symbol('direct delivery');

/** A subscriber whose socket holds more than this unsent is too slow (it resubscribes with `after`). */
export const MAX_UNSENT_BYTES = 4 * 1024 * 1024;
/** A replay waits for the socket to drain below this before it reads the next batch. */
const REPLAY_LOW_WATER_BYTES = 256 * 1024;

/** Where one graphql-ws operation's results go when they bypass graphql-ws's own loop. */
export interface DirectDelivery {
  /** Writes a `next` message for the operation; false when the socket is gone. */
  send(result: ExecutionResult): boolean;
  /** Whether the socket holds more unsent data than a subscriber may fall behind by. */
  tooSlow(): boolean;
  /** Resolves once the socket has drained enough for a replay to read its next batch. */
  paced(): Promise<void>;
}

/** Payload JSON per result object: subscribers sharing a result (./shared-execution.ts) share it. */
const payloads = new WeakMap<ExecutionResult, string>();

/**
 * The direct delivery of operation `id` on `socket`, with `mask` applied to errors as graphql-ws's
 * onNext would (./../http/websocket.ts): the same message graphql-ws would have sent.
 */
export function directDelivery(
  socket: WebSocket,
  id: string,
  mask: (errors: readonly GraphQLError[]) => GraphQLFormattedError[],
): DirectDelivery {
  const prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  const payloadOf = (result: ExecutionResult): string => {
    let json = payloads.get(result);
    if (json === undefined) {
      const { errors, ...rest } = result;
      json = JSON.stringify(errors ? { ...rest, errors: mask(errors) } : rest);
      payloads.set(result, json);
    }
    return json;
  };
  return {
    send(result) {
      if (socket.readyState !== socket.OPEN) return false;
      socket.send(`${prefix}${payloadOf(result)}}`);
      return true;
    },
    tooSlow: () => socket.bufferedAmount > MAX_UNSENT_BYTES,
    async paced() {
      while (socket.readyState === socket.OPEN && socket.bufferedAmount > REPLAY_LOW_WATER_BYTES) {
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

/** The operation's context with its direct delivery attached (read by ./shared-execution.ts). */
export function withDirectDelivery<C extends object>(context: C, delivery: DirectDelivery): C {
  Object.defineProperty(context, DIRECT, { value: delivery, enumerable: false });
  return context;
}

export function directDeliveryOf(context: unknown): DirectDelivery | undefined {
  return typeof context === 'object' && context !== null
    ? ((context as Record<typeof DIRECT, DirectDelivery | undefined>)[DIRECT] ?? undefined)
    : undefined;
}
