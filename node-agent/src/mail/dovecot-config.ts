// Dovecot's config and its two passwd-files for one mail node, rendered from structured data.
// passdb holds only mailboxes whose logins are on (disabled ones and suspended tenants' are absent,
// so IMAP and submission refuse them); userdb holds every mailbox, so LMTP still delivers to them.
import type { MailboxSpec } from '@hostplane/contract/mail';
import type { MailPaths } from './paths.js';

export interface DovecotOptions {
  hostname: string;
  address: string;
  imapPort: number;
  /** The mail UID/GID that owns every mailbox. */
  uid: number;
  /** Postfix's listener for Sieve auto-replies (postfix-config.ts). */
  replyPort: number;
  /** Pigeonhole is installed (package dovecot-sieve): without it LMTP must not load the plugin, or no mail is delivered. */
  sieve: boolean;
  /** The mail host's certificate files (tls.ts), or null: none yet, no TLS offered. */
  tls?: { cert: string; key: string } | null;
}

/**
 * TLS, and no login without it. Dovecot counts a connection whose two ends share an address
 * (a process on the node itself) as secured: only such local clients log in without TLS.
 */
const tlsSettings = (tls: DovecotOptions['tls']) =>
  tls
    ? `ssl = required
ssl_cert = <${tls.cert}
ssl_key = <${tls.key}
ssl_min_protocol = TLSv1.2
ssl_prefer_server_ciphers = yes`
    : '# No certificate yet: no TLS, so nobody but the node itself can log in.\nssl = no';

export function renderDovecotConf(paths: MailPaths, o: DovecotOptions): string {
  return `# Rendered by the Hostplane node agent; never the machine's dovecot service.
base_dir = ${paths.dovecotBase}
state_dir = ${paths.dovecotState}
instance_name = hostplane-mail
protocols = imap lmtp
listen = ${o.address}
log_path = ${paths.logs}/dovecot.log
${tlsSettings(o.tls)}
disable_plaintext_auth = yes
auth_mechanisms = plain login
mail_uid = ${o.uid}
mail_gid = ${o.uid}
first_valid_uid = ${o.uid}
last_valid_uid = ${o.uid}
first_valid_gid = ${o.uid}
last_valid_gid = ${o.uid}
mail_home = ${paths.boxes}/%d/%n
mail_location = maildir:~/Maildir
mail_plugins = quota
recipient_delimiter = +
lmtp_rcpt_check_quota = yes
# Sieve auto-replies go back through this node's own Postfix, never /usr/sbin/sendmail (the
# machine's Postfix, whose relay is not ours).
submission_host = ${o.address}:${o.replyPort}
passdb {
  driver = passwd-file
  args = scheme=ARGON2ID username_format=%Lu ${paths.passdb}
}
userdb {
  driver = passwd-file
  args = username_format=%Lu ${paths.userdb}
}
service imap-login {
  inet_listener imap {
    address = ${o.address}
    port = ${o.imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  unix_listener lmtp {
    user = postfix
    group = postfix
    mode = 0600
  }
}
service auth {
  unix_listener auth-postfix {
    user = postfix
    group = postfix
    mode = 0600
  }
}
protocol lmtp {
  postmaster_address = postmaster@${o.hostname}
${o.sieve ? '  mail_plugins = $mail_plugins sieve\n' : ''}}
plugin {
  # One script a mailbox, written and compiled by the agent (sieve.ts); none: no filtering.
  sieve = file:${paths.sieve}/%d/%n.sieve
  sieve_vacation_min_period = 1d
  sieve_vacation_max_period = 30d
  quota = count:Mailbox
  quota_vsizes = yes
  quota_status_success = DUNNO
}
`;
}

/** passdb: `address:{ARGON2ID}…` for mailboxes that may log in. */
export const renderPassdb = (mailboxes: MailboxSpec[]): string =>
  mailboxes
    .filter((m) => m.loginEnabled)
    .map((m) => `${m.address}:${m.passwordHash}\n`)
    .join('');

/** userdb: every mailbox with its quota (home from mail_home; passwd-file wants userdb_ on extra fields). */
export const renderUserdb = (mailboxes: MailboxSpec[], uid: number): string =>
  mailboxes.map((m) => `${m.address}::${uid}:${uid}::::userdb_quota_rule=*:storage=${m.quotaBytes}B\n`).join('');
