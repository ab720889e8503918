// The outside world of a mail test: a minimal SMTP server on loopback that a node's outbound
// transport (HOSTPLANE_MAIL_OUTBOUND_TRANSPORT=smtp:[127.0.0.1]:port) relays to, recording each
// message's envelope and text so a test can assert what left the node, and to whom.
import { createServer, type Socket } from 'node:net';

export interface CapturedMessage {
  from: string;
  to: string[];
  data: string;
}

export interface CaptureSink {
  port: number;
  messages: CapturedMessage[];
  /** Resolves with the messages `match` takes once there are `count` of them (or throws after `ms`). */
  waitFor: (match: (m: CapturedMessage) => boolean, count?: number, ms?: number) => Promise<CapturedMessage[]>;
  close: () => Promise<void>;
}

/** One SMTP session: no extensions offered, so the client sends one command at a time. */
function serve(socket: Socket, messages: CapturedMessage[]) {
  let buffer = '';
  let envelope: CapturedMessage = { from: '', to: [], data: '' };
  let inData = false;
  const reply = (line: string) => socket.write(`${line}\r\n`);
  reply('220 capture.test ESMTP');
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    for (;;) {
      if (inData) {
        const end = buffer.indexOf('\r\n.\r\n');
        if (end < 0) return;
        envelope.data = buffer.slice(0, end + 2).replace(/^\.\./gm, '.');
        buffer = buffer.slice(end + 5);
        messages.push(envelope);
        envelope = { from: '', to: [], data: '' };
        inData = false;
        reply('250 2.0.0 captured');
        continue;
      }
      const eol = buffer.indexOf('\r\n');
      if (eol < 0) return;
      const line = buffer.slice(0, eol);
      buffer = buffer.slice(eol + 2);
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO' || verb === 'HELO') reply('250 capture.test');
      else if (verb === 'MAIL') {
        envelope = { from: /<([^>]*)>/.exec(line)?.[1] ?? '', to: [], data: '' };
        reply('250 2.1.0 ok');
      } else if (verb === 'RCPT') {
        envelope.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
        reply('250 2.1.5 ok');
      } else if (verb === 'DATA') {
        inData = true;
        reply('354 go ahead');
      } else if (verb === 'QUIT') {
        reply('221 2.0.0 bye');
        socket.end();
      } else reply('250 2.0.0 ok');
    }
  });
  socket.on('error', () => undefined);
}

export async function startCaptureSink(): Promise<CaptureSink> {
  const messages: CapturedMessage[] = [];
  const server = createServer((socket) => serve(socket, messages));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('capture sink has no port');
  return {
    port: address.port,
    messages,
    waitFor: async (match, count = 1, ms = 15_000) => {
      for (const started = Date.now(); ;) {
        const found = messages.filter(match);
        if (found.length >= count) return found;
        if (Date.now() - started > ms) throw new Error(`capture sink: ${found.length} of ${count} messages`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
