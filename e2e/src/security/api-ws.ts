// A bare graphql-transport-ws client for the API's WebSocket tests: it sends exactly what a test
// writes (oversize frames, no connection_init, hundreds of subscribes) and records every message
// and the close code, which the SDK's client hides or retries.
import WebSocket from 'ws';
import { getPlatform } from '../harness/platform.js';

export interface WsMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

export interface Closed {
  code: number;
  reason: string;
}

export class RawSocket {
  readonly messages: WsMessage[] = [];
  readonly closed: Promise<Closed>;
  private waiters: (() => void)[] = [];

  private constructor(private readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        this.wake();
        resolve({ code, reason: reason.toString() });
      });
    });
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as WsMessage);
      this.wake();
    });
    socket.on('error', () => {}); // a refused socket reports through `closed`
  }

  /** Opens a socket to the API (from `localAddress`, a loopback address, when given). */
  static async open(localAddress?: string): Promise<RawSocket> {
    const socket = new WebSocket(getPlatform().wsUrl, 'graphql-transport-ws', { localAddress });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new RawSocket(socket);
  }

  /** Opens and authenticates (connection_init → connection_ack) with `apiKey`. */
  static async ready(apiKey: string, localAddress?: string): Promise<RawSocket> {
    const socket = await RawSocket.open(localAddress);
    socket.send({ type: 'connection_init', payload: { authorization: `Bearer ${apiKey}` } });
    await socket.waitFor((m) => m.type === 'connection_ack', 10_000);
    return socket;
  }

  send(message: WsMessage | string): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  subscribe(id: string, query: string, variables: Record<string, unknown> = {}): void {
    this.send({ type: 'subscribe', id, payload: { query, variables } });
  }

  /** The first message matching `match`, waiting up to `timeoutMs`; rejects if the socket closes first. */
  async waitFor(match: (message: WsMessage) => boolean, timeoutMs: number): Promise<WsMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (this.socket.readyState >= WebSocket.CLOSING)
        throw new Error(`socket closed: ${JSON.stringify(await this.closed)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The error message sent for operation `id`. */
  errorOf(id: string, timeoutMs = 10_000): Promise<WsMessage> {
    return this.waitFor((m) => m.id === id && m.type === 'error', timeoutMs);
  }

  close(): void {
    this.socket.close();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

/** The `code` extension of each error in an `error` message's payload. */
export function codesOf(message: WsMessage): string[] {
  return (message.payload as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code ?? '');
}
