import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65_535);

/** The node agent's mail settings (merged into its config schema): its own Postfix and Dovecot. */
export const MAIL_ENV = {
  /**
   * Address this node's Postfix receives mail on (MX, port HOSTPLANE_MAIL_SMTP_PORT). Unset: the
   * node serves no mail and its mail activities fail as CapabilityMissing. Never the machine's
   * postfix or dovecot services: the agent runs its own, with their own config directories.
   */
  HOSTPLANE_MAIL_LISTEN: z
    .string()
    .regex(/^[0-9.]+$/, 'must be an IPv4 address')
    .optional(),
  /** The host name MX records name and Postfix greets with. */
  HOSTPLANE_MAIL_HOSTNAME: z.string().min(1).optional(),
  /** Inbound SMTP (25 in production; a loopback port in `npm start` and tests). */
  HOSTPLANE_MAIL_SMTP_PORT: port.default(25),
  /** Submission with SASL authentication through Dovecot (587 in production). */
  HOSTPLANE_MAIL_SUBMISSION_PORT: port.default(587),
  /** IMAP (143 in production). */
  HOSTPLANE_MAIL_IMAP_PORT: port.default(143),
  /**
   * Postfix's listener for Sieve auto-replies (Dovecot's submission_host), on the mail address: it
   * takes only null-sender mail (what `vacation` sends) from this host.
   */
  HOSTPLANE_MAIL_REPLY_PORT: port.default(10025),
  /** Loopback port of OpenDKIM's milter (signing submitted mail). */
  HOSTPLANE_MAIL_DKIM_PORT: port.default(8891),
  /**
   * The numeric UID and GID that own every mailbox (Dovecot's mail_uid): no account of that number
   * is needed, and tenants' UIDs start far above it (tenant_uid_seq starts at 200000).
   */
  HOSTPLANE_MAIL_UID: z.coerce.number().int().min(1000).max(199_999).default(5000),
  /** Postfix's master program (package postfix), run in the foreground as the agent's child. */
  HOSTPLANE_POSTFIX_MASTER_PATH: z
    .string()
    .startsWith('/', 'must be an absolute path')
    .default('/usr/lib/postfix/sbin/master'),
  /** Where configs, queue, logs and mailboxes live (default: `mail/` in the agent's state folder). */
  HOSTPLANE_MAIL_DIR: z.string().startsWith('/', 'must be an absolute path').optional(),
  /**
   * Where mail to other domains goes: Postfix's default and relay transports. The default error
   * transport bounces it, so nothing leaves the machine; production sets its relay (`smtp:[relay]:25`).
   */
  HOSTPLANE_MAIL_OUTBOUND_TRANSPORT: z
    .string()
    .regex(/^[a-z]+:[^\r\n,]*$/, 'must be a Postfix transport (error:…, smtp:[host]:port)')
    .default('error:outbound mail is disabled on this platform'),
};
