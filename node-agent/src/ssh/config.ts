import { z } from 'zod';

/** The node agent's SSH settings (merged into its config schema). */
export const SSH_ENV = {
  /**
   * `address:port` the node's own sshd listens on for tenants (`203.0.113.5:22`,
   * `[2001:db8::5]:22`). Unset: this node runs no sshd (data and LB nodes), and its SSH
   * activities fail as CapabilityMissing. Never the machine's own sshd: the agent runs its own,
   * with its own config and host keys.
   */
  HOSTPLANE_SSH_LISTEN: z
    .string()
    .regex(/^(\[[0-9a-fA-F:]+\]|[0-9.]+):\d{1,5}$/, 'must be address:port ([v6]:port for IPv6)')
    .optional(),
  /** The address tenants are told to connect to, when it differs from the listen address (NAT). */
  HOSTPLANE_SSH_PUBLIC_ADDRESS: z.string().min(1).optional(),
  /** Where sshd's config, host keys and the root-owned key files live (default: see sshDirOf). */
  HOSTPLANE_SSH_DIR: z.string().startsWith('/', 'must be an absolute path').optional(),
  /**
   * Where SFTP-only tenants' chroots are (default /var/lib/hostplane-sftp/<NODE_ID>): every folder
   * up to it must be root-owned and writable by root alone, as sshd's ChrootDirectory demands.
   */
  HOSTPLANE_SFTP_JAIL_DIR: z.string().startsWith('/', 'must be an absolute path').optional(),
  /** The sshd program (package openssh-server). */
  HOSTPLANE_SSHD_PATH: z.string().min(1).default('/usr/sbin/sshd'),
};
