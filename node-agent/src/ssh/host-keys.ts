import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { SshHostKey } from '@hostplane/contract/ssh';
import { runCommand } from '../linux-users/run-command.js';

/** Host key types the node's sshd offers (RSA left out: both clients and servers prefer these). */
const HOST_KEY_TYPES = ['ed25519', 'ecdsa'] as const;

/** Private key files of the node's sshd, made once (ssh-keygen) and kept across restarts. */
export async function ensureHostKeys(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const type of HOST_KEY_TYPES) {
    const file = path.join(dir, `ssh_host_${type}_key`);
    const exists = await readFile(`${file}.pub`).then(
      () => true,
      () => false,
    );
    if (!exists) await runCommand('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', '', '-f', file]);
    files.push(file);
  }
  return files;
}

/** The fingerprints users compare with what `ssh` shows on first connect (`SHA256:…`). */
export async function hostKeyFingerprints(files: string[]): Promise<SshHostKey[]> {
  return Promise.all(
    files.map(async (file) => {
      const [type = '', base64 = ''] = (await readFile(`${file}.pub`, 'utf8')).trim().split(/\s+/);
      const digest = createHash('sha256').update(Buffer.from(base64, 'base64')).digest('base64');
      return { type, fingerprint: `SHA256:${digest.replace(/=+$/, '')}` };
    }),
  );
}
