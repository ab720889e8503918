import path from 'node:path';

/**
 * The mail node's folders under one root. Socket paths stay short (108 bytes is the limit):
 * Dovecot's base_dir holds the LMTP and auth sockets Postfix connects to.
 */
export interface MailPaths {
  root: string;
  /** The live Postfix config directory: a symlink swapped to each validated generation. */
  postfixConf: string;
  /** Generations of the Postfix config (main.cf, master.cf, maps): built and checked beside the live one. */
  postfixGenerations: string;
  postfixQueue: string;
  postfixData: string;
  dovecotConf: string;
  dovecotBase: string;
  dovecotState: string;
  /** Dovecot's passdb (logins allowed) and userdb (every mailbox: delivery, quota) files. */
  passdb: string;
  userdb: string;
  dkimDir: string;
  /**
   * Each mailbox's Sieve script (auto-reply), `<sieve>/<domain>/<local>.sieve` and its compiled
   * `.svbin`: root's, readable by the mail GID (Dovecot's LMTP), by nothing a tenant runs.
   */
  sieve: string;
  /** Mailboxes: `<boxes>/<domain>/<local>/Maildir`, owned by the mail UID. */
  boxes: string;
  logs: string;
  /** The mail host's certificate and key: root's, 0600 in a 0700 folder (the daemons read them as root). */
  tlsCert: string;
  tlsKey: string;
}

export function mailPathsOf(root: string): MailPaths {
  const at = (...parts: string[]) => path.join(root, ...parts);
  return {
    root,
    postfixConf: at('postfix'),
    postfixGenerations: at('postfix-gen'),
    postfixQueue: at('queue'),
    postfixData: at('postfix-data'),
    dovecotConf: at('dovecot', 'dovecot.conf'),
    dovecotBase: at('run'),
    dovecotState: at('dovecot', 'state'),
    passdb: at('dovecot', 'passdb'),
    userdb: at('dovecot', 'userdb'),
    dkimDir: at('dkim'),
    sieve: at('sieve'),
    boxes: at('boxes'),
    logs: at('logs'),
    tlsCert: at('tls', 'mail.crt'),
    tlsKey: at('tls', 'mail.key'),
  };
}
