-- Mail (issue 13): mail domains on tenants' DNS zones, mailboxes and aliases, served by the mail
-- shard's Postfix/Dovecot, and the mail endpoint each node's agent last answered.
ALTER TABLE "Node" ADD COLUMN "mailEndpoint" JSONB;

CREATE TABLE "MailDomain" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "zoneId" UUID NOT NULL,
    "shardId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "dkimSelector" TEXT NOT NULL,
    "dkimPublicKey" TEXT NOT NULL,
    "dkimPrivateKeySealed" BYTEA NOT NULL,
    "catchAllTargets" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MailDomain_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Mailbox" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "domainId" UUID NOT NULL,
    "localPart" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "quotaBytes" BIGINT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "forwardTo" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "forwardKeepCopy" BOOLEAN NOT NULL DEFAULT true,
    "autoReply" JSONB,
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Mailbox_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "MailAlias" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "domainId" UUID NOT NULL,
    "localPart" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "targets" TEXT[],
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MailAlias_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "MailDomain_tenantId_idx" ON "MailDomain"("tenantId");
CREATE INDEX "MailDomain_zoneId_idx" ON "MailDomain"("zoneId");
CREATE INDEX "MailDomain_shardId_idx" ON "MailDomain"("shardId");
CREATE INDEX "MailDomain_name_idx" ON "MailDomain"("name");
-- One live mail domain per zone, hence per name (a deleted one frees it).
CREATE UNIQUE INDEX "MailDomain_live_zone_key" ON "MailDomain"("zoneId") WHERE "status" <> 'DELETED';
CREATE INDEX "Mailbox_tenantId_idx" ON "Mailbox"("tenantId");
CREATE INDEX "Mailbox_domainId_idx" ON "Mailbox"("domainId");
CREATE INDEX "Mailbox_address_idx" ON "Mailbox"("address");
CREATE UNIQUE INDEX "Mailbox_live_address_key" ON "Mailbox"("address") WHERE "status" <> 'DELETED';
CREATE INDEX "MailAlias_tenantId_idx" ON "MailAlias"("tenantId");
CREATE INDEX "MailAlias_domainId_idx" ON "MailAlias"("domainId");
CREATE INDEX "MailAlias_address_idx" ON "MailAlias"("address");
CREATE UNIQUE INDEX "MailAlias_live_address_key" ON "MailAlias"("address") WHERE "status" <> 'DELETED';

ALTER TABLE "MailDomain" ADD CONSTRAINT "MailDomain_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "MailDomain" ADD CONSTRAINT "MailDomain_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "DnsZone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Mailbox" ADD CONSTRAINT "Mailbox_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Mailbox" ADD CONSTRAINT "Mailbox_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "MailDomain"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "MailAlias" ADD CONSTRAINT "MailAlias_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "MailAlias" ADD CONSTRAINT "MailAlias_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "MailDomain"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
