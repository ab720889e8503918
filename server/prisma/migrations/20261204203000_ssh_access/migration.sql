-- SSH access per tenant (issue 11): a shell, or SFTP only, chrooted to its webroots.
CREATE TYPE "SshAccess" AS ENUM ('SHELL', 'SFTP_ONLY');

ALTER TABLE "Tenant" ADD COLUMN "sshAccess" "SshAccess" NOT NULL DEFAULT 'SHELL';
