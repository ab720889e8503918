// Postfix's main.cf, master.cf and lookup tables for one mail node, rendered from structured data.
// Every value that reaches a file was checked by the contract's address rules (no whitespace or
// map syntax), so a tenant's address can never add a line or a parameter.
import type { MailNodeSpec } from '@hostplane/contract/mail';
import { renderAliasTable } from './postfix-aliases.js';
import type { MailPaths } from './paths.js';

export interface PostfixOptions {
  hostname: string;
  address: string;
  smtpPort: number;
  submissionPort: number;
  /** OpenDKIM's milter port, or null: submitted mail is not signed. */
  dkimPort: number | null;
  /** The listener Dovecot sends Sieve auto-replies through (submission_host). */
  replyPort: number;
  outboundTransport: string;
}

/** Mail to a suspended tenant's domains: the sender's server keeps it and retries (SECURITY.md). */
export const SUSPENDED_REPLY = '450 4.2.1 Mailbox temporarily unavailable';

/**
 * TLS with the mail host's certificate when the node has one (`tls`): offered on port 25,
 * required on submission. AUTH is offered only inside TLS, everywhere, so without a certificate
 * nobody logs in at all (a password never crosses the network in clear).
 */
const tlsSettings = (paths: MailPaths, tls: boolean) => [
  'smtpd_tls_auth_only = yes',
  ...(tls
    ? [
        `smtpd_tls_cert_file = ${paths.tlsCert}`,
        `smtpd_tls_key_file = ${paths.tlsKey}`,
        'smtpd_tls_security_level = may',
        'smtpd_tls_protocols = >=TLSv1.2',
        'smtpd_tls_mandatory_protocols = >=TLSv1.2',
        'smtpd_tls_loglevel = 1',
      ]
    : []),
];

export function renderMainCf(paths: MailPaths, o: PostfixOptions, tls = false): string {
  const lmtp = `lmtp:unix:${paths.dovecotBase}/lmtp`;
  return [
    'compatibility_level = 3.6',
    `queue_directory = ${paths.postfixQueue}`,
    `data_directory = ${paths.postfixData}`,
    'mail_owner = postfix',
    'setgid_group = postdrop',
    `myhostname = ${o.hostname}`,
    `inet_interfaces = ${o.address}`,
    'inet_protocols = ipv4',
    // Nothing is local: every hosted domain is virtual and delivered to Dovecot over LMTP.
    'mydestination =',
    'local_recipient_maps =',
    'mynetworks = 127.0.0.1/32',
    'smtpd_peername_lookup = no',
    'biff = no',
    'append_dot_mydomain = no',
    'recipient_delimiter = +',
    'virtual_mailbox_domains = hash:$config_directory/domains',
    'virtual_mailbox_maps = hash:$config_directory/mailboxes',
    // Aliases, catch-alls and forwards: rewritten before delivery (postfix-aliases.ts).
    'virtual_alias_maps = hash:$config_directory/aliases',
    `virtual_transport = ${lmtp}`,
    // Mail to anywhere else: the error transport in `npm start` and tests, a relay in production.
    `default_transport = ${o.outboundTransport}`,
    `relay_transport = ${o.outboundTransport}`,
    // Port 25 relays for nobody, not even loopback (tenant processes share it).
    'smtpd_relay_restrictions = reject_unauth_destination',
    'smtpd_recipient_restrictions = check_recipient_access hash:$config_directory/deferred, reject_unlisted_recipient',
    'smtpd_helo_required = yes',
    'disable_vrfy_command = yes',
    'message_size_limit = 26214400',
    ...tlsSettings(paths, tls),
    `maillog_file = ${paths.logs}/postfix.log`,
    `maillog_file_prefixes = ${paths.logs}`,
    '',
  ].join('\n');
}

/** The standard services, chroot off (the queue lives in the agent's folder), and our two listeners. */
export function renderMasterCf(paths: MailPaths, o: PostfixOptions, tls = false): string {
  const submission = [
    `${o.address}:${o.submissionPort} inet n - n - - smtpd`,
    '  -o syslog_name=postfix/submission',
    // STARTTLS before anything else (RFC 8314's submission rule); AUTH only inside it (main.cf).
    ...(tls ? ['  -o smtpd_tls_security_level=encrypt'] : []),
    '  -o smtpd_sasl_auth_enable=yes',
    '  -o smtpd_sasl_type=dovecot',
    `  -o smtpd_sasl_path=${paths.dovecotBase}/auth-postfix`,
    '  -o smtpd_sasl_security_options=noanonymous',
    // A login sends only as its own address: no tenant can submit as another's mailbox.
    '  -o smtpd_sender_login_maps=hash:$config_directory/senders',
    '  -o smtpd_client_restrictions=permit_sasl_authenticated,reject',
    '  -o smtpd_sender_restrictions=reject_sender_login_mismatch',
    '  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject',
    ...(o.dkimPort === null
      ? []
      : [`  -o smtpd_milters=inet:127.0.0.1:${o.dkimPort}`, '  -o milter_default_action=tempfail']),
  ];
  // Sieve auto-replies from Dovecot's LMTP: only from this host and only with the null sender
  // `vacation` uses (RFC 3834), so it relays nothing else; SECURITY.md says what stays open.
  const replies = [
    `${o.address}:${o.replyPort} inet n - n - - smtpd`,
    '  -o syslog_name=postfix/sieve-reply',
    '  -o smtpd_client_restrictions=permit_mynetworks,reject',
    '  -o smtpd_sender_restrictions=check_sender_access,inline:{<>=OK},reject',
    '  -o smtpd_relay_restrictions=permit_mynetworks,reject',
    '  -o smtpd_recipient_restrictions=',
  ];
  return [
    `${o.address}:${o.smtpPort} inet n - n - - smtpd`,
    ...submission,
    ...replies,
    'pickup unix n - n 60 1 pickup',
    'cleanup unix n - n - 0 cleanup',
    'qmgr unix n - n 300 1 qmgr',
    'rewrite unix - - n - - trivial-rewrite',
    'bounce unix - - n - 0 bounce',
    'defer unix - - n - 0 bounce',
    'trace unix - - n - 0 bounce',
    'verify unix - - n - 1 verify',
    'flush unix n - n 1000? 0 flush',
    'proxymap unix - - n - - proxymap',
    'proxywrite unix - - n - 1 proxymap',
    'smtp unix - - n - - smtp',
    'relay unix - - n - - smtp',
    'showq unix n - n - - showq',
    'error unix - - n - - error',
    'retry unix - - n - - error',
    'discard unix - - n - - discard',
    'lmtp unix - - n - - lmtp',
    'anvil unix - - n - 1 anvil',
    // TLS session cache and random seed for smtpd.
    'tlsmgr unix - - n 1000? 1 tlsmgr',
    'scache unix - - n - 1 scache',
    'postlog unix-dgram n - n - 1 postlogd',
    '',
  ].join('\n');
}

const table = (rows: Array<[string, string]>) =>
  rows
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k} ${v}\n`)
    .join('');

/** The lookup tables (source form; `postmap` makes their .db files). */
export function renderPostfixTables(spec: MailNodeSpec): Record<string, string> {
  return {
    domains: table(spec.domains.map((d) => [d.name, 'OK'])),
    // The value is Postfix's, unused with LMTP delivery; Dovecot finds the mailbox by address.
    mailboxes: table(spec.mailboxes.map((m) => [m.address, 'OK'])),
    senders: table(spec.mailboxes.map((m) => [m.address, m.address])),
    aliases: table(renderAliasTable(spec)),
    deferred: table(spec.domains.filter((d) => !d.receiving).map((d) => [d.name, SUSPENDED_REPLY])),
  };
}
