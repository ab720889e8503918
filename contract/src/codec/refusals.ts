// The Temporal SDK marks an activity whose arguments fail to decode as retryable, whatever the
// codec threw, so a refused payload would be tried again and again on the caller's retry policy.
// A node agent runs activities only, so it can do better: a payload its codec refuses decodes to
// a marker instead, and the interceptor below fails the activity with the codec's own
// non-retryable failure before anything runs.
import { ApplicationFailure, type Payload, type PayloadCodec } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

const MARKER = '$hostplaneRefusedPayload';
const text = new TextEncoder();

interface Refusal {
  type: string;
  message: string;
}

function markerOf(refusal: Refusal): Payload {
  return {
    metadata: { encoding: text.encode('json/plain') },
    data: text.encode(JSON.stringify({ [MARKER]: refusal })),
  };
}

/** `codec`, whose non-retryable refusals of a payload become markers (activity workers only). */
export function markingRefusals(codec: PayloadCodec): PayloadCodec {
  return {
    encode: (payloads) => codec.encode(payloads),
    decode: (payloads) =>
      Promise.all(
        payloads.map(async (payload) => {
          try {
            const [opened] = await codec.decode([payload]);
            return opened!;
          } catch (error) {
            if (!(error instanceof ApplicationFailure) || !error.nonRetryable) throw error;
            return markerOf({ type: error.type ?? 'PayloadRefused', message: error.message });
          }
        }),
      ),
  };
}

const refusalIn = (args: readonly unknown[]): Refusal | undefined =>
  args
    .map((arg) => (arg && typeof arg === 'object' ? (arg as Record<string, unknown>)[MARKER] : undefined))
    .find((found): found is Refusal => !!found && typeof (found as Refusal).type === 'string');

/** Fails, non-retryably and before it runs, an activity whose input held a refused payload. */
export const refuseMarkedPayloads: ActivityInterceptorsFactory = () => ({
  inbound: {
    async execute(input, next) {
      const refusal = refusalIn(input.args);
      if (refusal) throw ApplicationFailure.create({ ...refusal, nonRetryable: true });
      return next(input);
    },
  },
});
