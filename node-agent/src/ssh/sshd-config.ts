// sshd_config of the node's own sshd: pure rendering, validated with `sshd -t` before use.

export interface SshdConfigOptions {
  address: string;
  port: number;
  hostKeyFiles: string[];
  pidFile: string;
  /** The folder of root-owned key files, one per tenant account (`%u`). */
  authorizedKeysDir: string;
  /** Tenants allowed SFTP only, each chrooted to `<sftpJailRoot>/<account>` (./sftp-jails.ts). */
  sftpOnly: readonly string[];
  sftpJailRoot: string;
}

/**
 * Keys only, no root, no forwarding of any kind, no user-set environment or rc file. The keys
 * are read from files the platform writes and the tenant cannot (its home's `.ssh` is ignored),
 * each line starting with `restrict`, so a tenant cannot plant a key or a `command=`. StrictModes
 * is off because its checks assume the file sits in the user's home: these are root-owned, 0640
 * root:<tenant>, in root-owned folders (and tests keep them under /tmp, which it would refuse).
 */
export function renderSshdConfig(o: SshdConfigOptions): string {
  const listen = o.address.includes(':') ? `[${o.address}]:${o.port}` : `${o.address}:${o.port}`;
  return [
    '# Written by the Hostplane node agent; changes are overwritten at its next start.',
    `ListenAddress ${listen}`,
    ...o.hostKeyFiles.map((file) => `HostKey ${file}`),
    `PidFile ${o.pidFile}`,
    `AuthorizedKeysFile ${o.authorizedKeysDir}/%u`,
    'AuthorizedPrincipalsFile none',
    'AuthenticationMethods publickey',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'HostbasedAuthentication no',
    'PermitEmptyPasswords no',
    'PermitRootLogin no',
    'UsePAM no',
    'StrictModes no',
    'AllowTcpForwarding no',
    'AllowStreamLocalForwarding no',
    'AllowAgentForwarding no',
    'X11Forwarding no',
    'PermitTunnel no',
    'GatewayPorts no',
    'PermitListen none',
    'PermitOpen none',
    'PermitUserEnvironment no',
    'PermitUserRC no',
    'PrintMotd no',
    'PrintLastLog no',
    'ClientAliveInterval 60',
    'MaxAuthTries 4',
    'LoginGraceTime 30',
    'Subsystem sftp internal-sftp',
    // Last: a Match block runs to the end of the file. No shell, no terminal, its webroots only.
    ...(o.sftpOnly.length
      ? [
          `Match User ${o.sftpOnly.join(',')}`,
          `  ChrootDirectory ${o.sftpJailRoot}/%u`,
          '  ForceCommand internal-sftp -d /webroots',
          '  PermitTTY no',
        ]
      : []),
    '',
  ].join('\n');
}

/** One line of a tenant's key file: `restrict` (no forwarding, no rc) plus a terminal for shells. */
export function authorizedKeyLine(key: { id: string; publicKey: string }): string {
  return `restrict,pty ${key.publicKey} hostplane-key-${key.id}`;
}
