import { createConnection, type Socket } from 'node:net';

/** One runtime API command; with `payload`, sent as `<line> <<` followed by the lines and a blank line. */
export interface RuntimeCommand {
  line: string;
  payload?: readonly string[];
}

/**
 * HAProxy refuses a payload near its 16 KB buffer size by resetting the connection, and then
 * applies none of it (TOOLCHAIN.md: 26 KB failed, 13 KB worked). Payloads are cut below this.
 */
export const MAX_PAYLOAD_BYTES = 12 * 1024;

const PROMPT = '\n> ';

/**
 * A client of HAProxy's runtime API on its admin socket. Commands are pipelined over one
 * connection in interactive (`prompt`) mode, where every reply ends with a prompt; replies are
 * read while the commands are still being written, since HAProxy stops reading a client that
 * does not read its replies.
 */
export class HaproxyRuntimeClient {
  constructor(
    readonly socketPath: string,
    private readonly timeoutMs = 60_000,
  ) {}

  /** Runs `commands` in order; resolves with one reply per command (prompt stripped). */
  execute(commands: readonly RuntimeCommand[]): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const socket = createConnection(this.socketPath);
      const replies: string[] = [];
      let buffer = '';
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        if (error) reject(error);
        else resolve(replies.slice(1)); // the first reply answers `prompt` itself
      };
      socket.setTimeout(this.timeoutMs, () => finish(new Error(`HAProxy runtime API timed out on ${this.socketPath}`)));
      socket.on('error', (error) => finish(error));
      socket.on('close', () =>
        finish(
          new Error(
            `HAProxy closed the runtime API connection after ${Math.max(0, replies.length - 1)} of ${commands.length} replies`,
          ),
        ),
      );
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        for (let at = buffer.indexOf(PROMPT); at !== -1; at = buffer.indexOf(PROMPT)) {
          // Payload lines are acknowledged with `+ ` continuation prompts before the reply.
          replies.push(
            buffer
              .slice(0, at)
              .replace(/^(?:\+ )+/, '')
              .replace(/^\n+/, ''),
          );
          buffer = buffer.slice(at + PROMPT.length);
        }
        if (replies.length === commands.length + 1) finish();
      });
      socket.on('connect', () => void this.write(socket, commands).catch((error: Error) => finish(error)));
    });
  }

  private async write(socket: Socket, commands: readonly RuntimeCommand[]): Promise<void> {
    const send = (text: string) =>
      socket.write(text) ? Promise.resolve() : new Promise<void>((resolve) => socket.once('drain', resolve));
    await send('prompt\n');
    let batch = '';
    for (const command of commands) {
      if (/[\n\r]/.test(command.line)) throw new Error('runtime API commands are single lines');
      batch += command.payload ? `${command.line} <<\n${command.payload.join('\n')}\n\n` : `${command.line}\n`;
      if (batch.length >= 64 * 1024) {
        await send(batch);
        batch = '';
      }
    }
    if (batch) await send(batch);
  }
}

/** Splits `lines` into payloads of at most MAX_PAYLOAD_BYTES (and 500 lines) each. */
export function chunkPayload(lines: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const line of lines) {
    const size = Buffer.byteLength(line) + 1;
    if (current.length > 0 && (bytes + size > MAX_PAYLOAD_BYTES || current.length >= 500)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(line);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The worker pid HAProxy reports (`show info`), or null when the socket does not answer. */
export async function workerPid(client: HaproxyRuntimeClient): Promise<number | null> {
  try {
    const [info] = await client.execute([{ line: 'show info' }]);
    const pid = /^Pid: (\d+)$/m.exec(info ?? '')?.[1];
    return pid ? Number(pid) : null;
  } catch {
    return null;
  }
}
