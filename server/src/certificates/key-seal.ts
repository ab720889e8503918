// Certificate private keys at rest: sealed under the tenant's data key with the secrets envelope
// (server/src/secrets), bound to the certificate's row so a sealed key copied to another row
// does not open.
import { openValue, sealValue } from '../secrets/vault.js';

const PLACE = 'tls-private-key';

export const sealCertificateKey = (dataKey: Buffer, certificateId: string, keyPem: string): Buffer =>
  sealValue(dataKey, `certificate:${certificateId}`, PLACE, keyPem);

export const openCertificateKey = (dataKey: Buffer, certificateId: string, sealed: Uint8Array): string =>
  openValue(dataKey, `certificate:${certificateId}`, PLACE, sealed);
