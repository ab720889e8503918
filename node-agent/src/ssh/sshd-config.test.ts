import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ensureHostKeys, hostKeyFingerprints } from './host-keys.js';
import { authorizedKeyLine, renderSshdConfig } from './sshd-config.js';

const run = promisify(execFile);

/** `sshd -T` of a rendered config: what sshd itself makes of it (after `-t`'s checks), for a user. */
async function effective(config: string, user: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hp-sshd-'));
  await writeFile(path.join(dir, 'sshd_config'), config);
  const file = path.join(dir, 'sshd_config');
  await run('/usr/sbin/sshd', ['-t', '-f', file]);
  return (await run('/usr/sbin/sshd', ['-T', '-f', file, '-C', `user=${user},host=h,addr=127.0.0.1`])).stdout;
}

describe('the node sshd config', () => {
  it('passes sshd -t: keys only, no root, no forwarding; SFTP-only accounts chrooted with internal-sftp', async () => {
    const hostKeyFiles = await ensureHostKeys(await mkdtemp(path.join(tmpdir(), 'hp-hostkeys-')));
    expect((await hostKeyFingerprints(hostKeyFiles)).map((k) => k.type)).toEqual([
      'ssh-ed25519',
      'ecdsa-sha2-nistp256',
    ]);
    const config = renderSshdConfig({
      address: '127.0.0.1',
      port: 2222,
      hostKeyFiles,
      pidFile: '/tmp/x.pid',
      authorizedKeysDir: '/etc/hostplane/ssh/authorized-keys',
      sftpOnly: ['t_sftp'],
      sftpJailRoot: '/var/lib/hostplane-sftp/n1',
    });
    const shell = await effective(config, 't_shell');
    for (const line of [
      'passwordauthentication no',
      'kbdinteractiveauthentication no',
      'permitrootlogin no',
      'allowtcpforwarding no',
      'allowagentforwarding no',
      'x11forwarding no',
      'permittunnel no',
      'permituserenvironment no',
      'authorizedkeysfile /etc/hostplane/ssh/authorized-keys/%u',
      'chrootdirectory none',
    ]) {
      expect(shell).toContain(`${line}\n`);
    }
    const sftp = await effective(config, 't_sftp');
    expect(sftp).toContain('chrootdirectory /var/lib/hostplane-sftp/n1/%u\n');
    expect(sftp).toContain('forcecommand internal-sftp -d /webroots\n');
    expect(sftp).toContain('permittty no\n');
  });

  it('writes each key behind restrict, named by its id (never the user’s comment)', () => {
    expect(authorizedKeyLine({ id: 'k1', publicKey: 'ssh-ed25519 AAAA' })).toBe(
      'restrict,pty ssh-ed25519 AAAA hostplane-key-k1',
    );
  });
});
