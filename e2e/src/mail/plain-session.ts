// A line-based plaintext SMTP or IMAP session, for what real clients will not do (log in without
// TLS), and the certificate a STARTTLS upgrade shows.
import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type PeerCertificate } from 'node:tls';

/**
 * Connects from 127.0.0.2, never the node's own loopback address: Dovecot counts a client on the
 * server's own address as local (secured), which a client elsewhere never is.
 */
export function plainSession(host: string, port: number) {
  const socket = tcpConnect({ host, port, localAddress: '127.0.0.2' });
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (buffer += chunk));
  /** What arrived up to a line matching `pattern` (waits up to 5 s), consumed. */
  const until = async (pattern: RegExp) => {
    for (let i = 0; i < 100 && !pattern.test(buffer); i++) await new Promise((r) => setTimeout(r, 50));
    const seen = buffer;
    buffer = '';
    return seen;
  };
  return { socket, until, send: (line: string) => socket.write(`${line}\r\n`) };
}

/** The certificate the IMAP port shows after STARTTLS, verified with `tls` (trust anchor, servername). */
export async function imapCertificate(host: string, port: number, tls: ConnectionOptions): Promise<PeerCertificate> {
  const session = plainSession(host, port);
  await session.until(/^\* OK/m);
  session.send('a STARTTLS');
  const answer = await session.until(/^a /m);
  if (!/^a OK/m.test(answer)) throw new Error(`STARTTLS refused: ${answer}`);
  const secure = tlsConnect({ socket: session.socket, ...tls });
  await new Promise<void>((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
  const certificate = secure.getPeerCertificate();
  secure.destroy();
  return certificate;
}

/** AUTH PLAIN's initial response for a login. */
export const plainAuth = (user: string, pass: string) => Buffer.from(`\0${user}\0${pass}`).toString('base64');
