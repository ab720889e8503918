// The ACME side of issuance (acme-client against Let's Encrypt, or Pebble in dev and tests): the
// platform's account per directory, kept in AcmeAccount with its key sealed, and an order split in
// two halves so the workflow can put the HTTP-01 answers on the load balancers in between.
import acme from 'acme-client';
import type { Db } from '@hostplane/server/db';
import { acmeAccountPlace, openValue, sealValue, type SecretsVault } from '@hostplane/server/secrets';
import type { AcmeChallenge } from '@hostplane/contract/certificates';

/** Where and as whom certificates are ordered. */
export interface AcmeConfig {
  directoryUrl: string;
  /** The account's contact (`mailto:` added); Let's Encrypt mails expiry notices there. */
  email?: string | undefined;
}

/** An order waiting for its challenges to be answered. */
export interface PendingOrder {
  orderUrl: string;
  challenges: AcmeChallenge[];
}

/** How acme-client polls a challenge or order: from 250 ms, doubling up to 10 s, 20 times. */
const POLLING = { backoffMin: 250, backoffMax: 10_000, backoffAttempts: 20 };

export class AcmeIssuer {
  private client: acme.Client | null = null;

  constructor(
    private readonly db: Db,
    private readonly vault: SecretsVault,
    private readonly config: AcmeConfig,
  ) {}

  /** Creates an order for `hostname` and answers its HTTP-01 challenges' key authorizations. */
  async begin(hostname: string): Promise<PendingOrder> {
    const client = await this.account();
    const order = await client.createOrder({ identifiers: [{ type: 'dns', value: hostname }] });
    const challenges: AcmeChallenge[] = [];
    for (const authz of await client.getAuthorizations(order)) {
      if (authz.status === 'valid') continue;
      const challenge = authz.challenges.find((c) => c.type === 'http-01');
      if (!challenge) throw new Error(`the ACME server offers no http-01 challenge for ${hostname}`);
      challenges.push({
        token: challenge.token,
        keyAuthorization: await client.getChallengeKeyAuthorization(challenge),
      });
    }
    return { orderUrl: order.url, challenges };
  }

  /**
   * Tells the server the challenges are answered, waits for validation, finalizes with a new
   * P-256 key and returns the certificate chain and that key.
   */
  async complete(hostname: string, orderUrl: string): Promise<{ certificatePem: string; keyPem: string }> {
    const client = await this.account();
    let order = await client.getOrder({ url: orderUrl } as acme.Order);
    if (order.status !== 'pending' && order.status !== 'ready')
      throw new Error(`the ACME order for ${hostname} is ${order.status}; a new order is needed`);
    for (const authz of await client.getAuthorizations(order)) {
      if (authz.status === 'valid') continue;
      const challenge = authz.challenges.find((c) => c.type === 'http-01')!;
      if (challenge.status === 'pending') await client.completeChallenge(challenge);
      await client.waitForValidStatus(challenge);
    }
    const key = await acme.crypto.createPrivateEcdsaKey('P-256');
    const [, csr] = await acme.crypto.createCsr({ commonName: hostname, altNames: [hostname] }, key);
    order = await client.finalizeOrder(order, csr);
    const certificatePem = await client.getCertificate(order);
    return { certificatePem, keyPem: key.toString() };
  }

  /** The ACME client of the platform's account, registered on first use. */
  private async account(): Promise<acme.Client> {
    if (this.client) return this.client;
    const { directoryUrl } = this.config;
    const place = acmeAccountPlace(directoryUrl);
    let row = await this.db.acmeAccount.findUnique({ where: { directoryUrl } });
    if (!row) {
      const wrapped = this.vault.newDataKey(place);
      const dataKey = this.vault.unwrap(place, wrapped);
      const keyPem = (await acme.crypto.createPrivateEcdsaKey('P-256')).toString();
      await this.db.acmeAccount.createMany({
        data: {
          directoryUrl,
          wrappedKey: new Uint8Array(wrapped.wrappedKey),
          masterKeyId: wrapped.masterKeyId,
          sealedAccountKey: new Uint8Array(sealValue(dataKey, place, 'key', keyPem)),
        },
        skipDuplicates: true, // a concurrent first order made one: use that
      });
      row = await this.db.acmeAccount.findUniqueOrThrow({ where: { directoryUrl } });
    }
    const dataKey = this.vault.unwrap(place, row);
    const accountKey = openValue(dataKey, place, 'key', row.sealedAccountKey);
    const client = new acme.Client({
      directoryUrl,
      accountKey,
      ...(row.accountUrl ? { accountUrl: row.accountUrl } : {}),
      // Validation and issuance take well under a second at Pebble and a few at Let's Encrypt:
      // acme-client's default first pause (5 s) would be most of a bind's wait for HTTPS.
      ...POLLING,
    });
    if (!row.accountUrl) {
      await client.createAccount({
        termsOfServiceAgreed: true,
        ...(this.config.email ? { contact: [`mailto:${this.config.email}`] } : {}),
      });
      await this.db.acmeAccount.update({ where: { directoryUrl }, data: { accountUrl: client.getAccountUrl() } });
    }
    this.client = client;
    return client;
  }
}
