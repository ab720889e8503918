// Following an FQDN's certificate: it appears once the bind has routed the name, then goes
// ACTIVE when it is live on the load balancers.
import { GetFqdnTlsDocument, type CertificateFieldsFragment, type HostplaneClient } from '@hostplane/schema/sdk';
import { watchStatus, withinTest } from '../support/watch.js';

export async function fqdnTls(c: HostplaneClient, fqdnId: string) {
  const { node } = await c.query(GetFqdnTlsDocument, { id: fqdnId });
  if (!node || !('tlsMode' in node)) throw new Error(`FQDN ${fqdnId} not found`);
  return node;
}

/**
 * Waits until the FQDN has a certificate in `until` other than `notSerial` (a renewal's new
 * one); throws with its status message and events when it ends FAILED instead.
 */
export async function certificateOf(
  c: HostplaneClient,
  fqdnId: string,
  options: { notSerial?: string | null; timeoutMs?: number } = {},
): Promise<CertificateFieldsFragment> {
  const deadline = Date.now() + withinTest(options.timeoutMs ?? 60_000);
  for (;;) {
    const { certificate } = await fqdnTls(c, fqdnId);
    if (certificate) {
      const watched = await watchStatus(
        c,
        certificate.id,
        ['ACTIVE', 'FAILED'],
        Math.max(1_000, deadline - Date.now()),
      );
      const now = (await fqdnTls(c, fqdnId)).certificate!;
      if (watched.status === 'FAILED') throw new Error(`certificate FAILED: ${now.statusMessage}`);
      if (now.status === 'ACTIVE' && (options.notSerial === undefined || now.serial !== options.notSerial)) return now;
    }
    if (Date.now() > deadline)
      throw new Error(`no ACTIVE certificate for ${fqdnId} in time: ${JSON.stringify(certificate)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
