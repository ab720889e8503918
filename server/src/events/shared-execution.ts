// graphql-js's `subscribe` executes every event once per subscription: resolvers, argument
// conversion and variable coercion run 1,000 times for 1,000 subscribers of the same thing.
// Subscribers with the same operation, variables and visibility get the same result, so it is
// computed once per event and shared. Authorization is not shared: an event reaches this only
// after its own subscriber's `canSeeEvent` and filter (event.service.ts).
import type { Context, Viewer } from '@hostplane/schema';
import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { directDeliveryOf, type DirectDelivery } from './direct-delivery.js';
import { EventQueue, tooSlow } from './event-queue.js';
import { epochNow, sharedEvent, subscriberStamps } from './trace.js';

type Result = ExecutionResult | Promise<ExecutionResult>;

/** Results per event object, by share key; dropped with the event once every subscriber took it. */
const resultsByEvent = new WeakMap<object, Map<string, Result>>();
const documentIds = new WeakMap<DocumentNode, number>();
let documentCount = 0;

/** A drop-in for graphql-js's `subscribe` (graphql-ws's `subscribe` option). */
export async function subscribeShared(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(ownContext(args));
  if (!isAsyncIterable(source)) return source;
  const key = shareKey(args);
  const toResult = (event: unknown) => resultFor(args, key, event);
  const direct = directDeliveryOf(args.contextValue);
  if (direct && source instanceof EventQueue) return new DirectResults(source, toResult, direct);
  return new SharedResults(source[Symbol.asyncIterator](), toResult);
}

/**
 * What decides a result besides the event: the operation (documents are shared objects when the
 * transport caches them; otherwise each subscription keys alone), its variables, and the viewer's
 * authorization (scopes, brands, tenant) — the only viewer data a field may depend on.
 */
function shareKey(args: ExecutionArgs): string {
  let id = documentIds.get(args.document);
  if (id === undefined) documentIds.set(args.document, (id = ++documentCount));
  const viewer = (args.contextValue as Partial<Context> | undefined)?.viewer;
  return JSON.stringify([id, args.operationName ?? null, args.variableValues ?? null, visibility(viewer)]);
}

function visibility(viewer: Viewer | undefined): unknown {
  return viewer ? [viewer.scopes, viewer.brandIds, viewer.tenantId] : null;
}

function resultFor(args: ExecutionArgs, key: string, event: unknown): Result {
  const shared = sharedEvent(event);
  if (typeof shared !== 'object' || shared === null) return execute({ ...ownContext(args), rootValue: event });
  let results = resultsByEvent.get(shared);
  if (!results) resultsByEvent.set(shared, (results = new Map()));
  let result = results.get(key);
  if (!result) results.set(key, (result = execute({ ...ownContext(args), rootValue: event })));
  const stamps = subscriberStamps(event);
  if (!stamps) return result;
  return Promise.resolve(result).then((r) => ({
    ...r,
    extensions: { ...r.extensions, trace: { ...stamps, executed: epochNow() } },
  }));
}

/**
 * Each execution reads the operation's context through an object of its own, so what it caches
 * there (the per-execution ports of ../http/websocket.ts) goes with it.
 */
function ownContext(args: ExecutionArgs): ExecutionArgs {
  const context: unknown = args.contextValue;
  return typeof context === 'object' && context !== null
    ? { ...args, contextValue: Object.create(context) as unknown }
    : args;
}

/** The source stream mapped to results; `return` ends the source (the subscriber left). */
class SharedResults implements AsyncIterableIterator<ExecutionResult> {
  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly toResult: (event: unknown) => Result,
  ) {}

  async next(): Promise<IteratorResult<ExecutionResult>> {
    const item = await this.source.next();
    if (item.done) return { value: undefined, done: true };
    try {
      return { value: await this.toResult(item.value), done: false };
    } catch (error) {
      // graphql-ws stops pulling on a rejection without calling `return`: end the source here,
      // or its hub listener would outlive the subscription.
      await this.source.return?.();
      throw error;
    }
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return?.();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return?.();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/**
 * The WebSocket fast path (./direct-delivery.ts): each event the queue takes is mapped to its
 * (shared) result and written to the socket at once, in order — a result still executing holds
 * the ones after it. To graphql-ws this is an iterator that yields nothing and ends with the
 * subscription (its `complete`, or the error that cut it off), so graphql-ws still owns the
 * protocol around it.
 */
class DirectResults implements AsyncIterableIterator<ExecutionResult> {
  private readonly ended: Promise<void>;
  /** Results still executing, in order; while any is, later ones wait behind it. */
  private behind: Promise<void> | null = null;

  constructor(
    private readonly source: EventQueue<unknown>,
    private readonly toResult: (event: unknown) => Result,
    private readonly direct: DirectDelivery,
  ) {
    this.ended = source.pipeTo(
      (event) => this.deliver(event),
      () => direct.paced(),
    );
  }

  private deliver(event: unknown): void {
    const result = this.toResult(event);
    if (!this.behind && !(result instanceof Promise)) return this.write(result);
    const previous = this.behind ?? Promise.resolve();
    const mine: Promise<void> = previous
      .then(async () => this.write(await result))
      .catch((error: unknown) => this.source.fail(error instanceof Error ? error : new Error(String(error))))
      .finally(() => {
        if (this.behind === mine) this.behind = null;
      });
    this.behind = mine;
  }

  private write(result: ExecutionResult): void {
    if (this.source.closed) return;
    if (!this.direct.send(result)) return void this.source.return();
    if (this.direct.tooSlow()) this.source.fail(tooSlow());
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    await this.ended; // rejects with the reason the queue failed: graphql-ws sends it as the error
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
