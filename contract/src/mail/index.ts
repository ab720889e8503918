// E-mail on the nodes of the mail role (Postfix + Dovecot run by the node agent): what the
// workflows send the node agent. Plain data and types only: the workflows import this inside
// their deterministic bundle (address validation lives in ./addresses.ts).

/** A domain the node accepts mail for, with the DKIM key it signs submitted mail with. */
export interface MailDomainSpec {
  /** `example.com`: lowercase, no trailing dot. */
  name: string;
  /** Off while the tenant is suspended: mail to it is deferred (4xx), never accepted or bounced. */
  receiving: boolean;
  dkim?: {
    /** The DNS label of `<selector>._domainkey.<domain>`. */
    selector: string;
    /** PKCS#8 PEM. Crosses Temporal only inside the sealed payload codec; the agent keeps it 0600. */
    privateKeyPem: string;
  };
}

/** A mailbox: its login is the address; the hash is Dovecot's `{ARGON2ID}$argon2id$…` form. */
export interface MailboxSpec {
  /** `local@example.com`, lowercase; its domain is one of the spec's domains. */
  address: string;
  passwordHash: string;
  /** Dovecot quota (storage), in bytes; mail over it bounces. */
  quotaBytes: number;
  /** Off (disabled, or its tenant suspended): IMAP and submission logins are refused; mail is still delivered. */
  loginEnabled: boolean;
  /**
   * A forward: mail to the mailbox also (keepCopy) or only (!keepCopy) goes to these addresses,
   * hosted or not. Absent or empty: no forward.
   */
  forward?: { to: string[]; keepCopy: boolean };
  /** An auto-reply (Sieve vacation), answered at most once per sender per `intervalDays`. */
  autoReply?: MailAutoReplySpec;
}

/** Sieve `vacation`: plain text; dates are ISO `YYYY-MM-DD` in UTC, both optional. */
export interface MailAutoReplySpec {
  subject: string;
  body: string;
  /** First day it answers (inclusive); absent: from now. */
  startDate?: string;
  /** Last day it answers (inclusive); absent: until removed. */
  endDate?: string;
  /** 1–30. */
  intervalDays: number;
}

/**
 * An alias: mail to `address` is delivered to each target (hosted mailboxes or outside
 * addresses). `address` is `local@domain`, or `@domain` for the domain's catch-all, which takes
 * mail to every address of the domain that no mailbox or alias holds.
 */
export interface MailAliasSpec {
  address: string;
  targets: string[];
}

/**
 * Everything one mail node serves, from the database: `applyMailNode` makes the node's maps and
 * user files exactly this (mail stored in mailboxes that left the spec is kept: deleting mail
 * data is a separate, deliberate step).
 */
export interface MailNodeSpec {
  domains: MailDomainSpec[];
  mailboxes: MailboxSpec[];
  /** Absent is empty (an agent of the previous contract's spec). */
  aliases?: MailAliasSpec[];
  /**
   * The certificate of the node's mail host name, issued by the platform's ACME CA; absent: none
   * yet, so the node offers no TLS and therefore takes no logins (they need TLS).
   */
  tls?: MailTlsSpec;
}

/** A mail host's certificate: the leaf then its chain, and its private key (crosses Temporal sealed only). */
export interface MailTlsSpec {
  certificatePem: string;
  keyPem: string;
}

/** Where a mail node answers (loopback in `npm start` and tests). */
export interface MailEndpoint {
  /** The host name MX records name. */
  hostname: string;
  address: string;
  smtpPort: number;
  submissionPort: number;
  imapPort: number;
}

/** Failure type of a spec the agent refuses to write (a retry cannot fix it). */
export const MAIL_REJECTED = 'MailRejected';

export interface MailActivities {
  /** The node's Postfix maps, DKIM keys and Dovecot users made `spec`: validated, swapped, reloaded once. */
  applyMailNode(spec: MailNodeSpec): Promise<{ changed: boolean; endpoint: MailEndpoint }>;
  /**
   * Deletes the stored mail and Sieve state (auto-reply memory) of mailboxes that left the applied
   * spec (the delete workflow calls it after the grace period). Safe to repeat: `removed` lists the
   * addresses that still had data. An address still in the applied spec is refused (MailRejected).
   */
  removeMailboxData(addresses: string[]): Promise<{ removed: string[] }>;
}
