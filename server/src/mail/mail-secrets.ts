// What the mail domain and mailbox creates make before anything is written: a DKIM key pair
// (RSA 2048, private key sealed under the tenant's data key) and Dovecot's Argon2id hash of a
// password. Neither the private key nor the password is ever stored, logged or returned in clear.
import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { isArgon2idHash } from '@hostplane/contract/mail/addresses';
import { argon2idEncoded } from './argon2-thread.js';

const generate = promisify(generateKeyPair);

/** A fresh DKIM key pair: the PKCS#8 PEM for the signer, the SPKI (base64) for `p=` of the TXT. */
export async function newDkimKeyPair(): Promise<{ privateKeyPem: string; publicKey: string }> {
  const { privateKey, publicKey } = await generate('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

/**
 * Dovecot's `{ARGON2ID}` form of a password (libsodium's PHC string: what `doveadm pw -s
 * ARGON2ID` makes; Dovecot verifies it with the parameters it names). 64 MiB, 3 passes, as
 * Dovecot's own default, so a stolen table costs an attacker what Dovecot's would.
 */
export async function dovecotArgon2id(password: string): Promise<string> {
  const encoded = await argon2idEncoded({
    password,
    salt: randomBytes(16),
    iterations: 3,
    parallelism: 1,
    memorySize: 65_536,
    hashLength: 32,
  });
  const hash = `{ARGON2ID}${encoded}`;
  // The agent refuses anything else: fail here, before a row is written, rather than on the node.
  if (!isArgon2idHash(hash)) throw new Error('argon2id produced an unexpected encoding');
  return hash;
}
