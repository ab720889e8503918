-- SSH keys (issue 11): a tenant's public keys, synced to every node of its web shard.
CREATE TABLE "SshKey" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "keyType" TEXT NOT NULL,
    "bits" INTEGER NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "comment" TEXT,
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SshKey_pkey" PRIMARY KEY ("id")
);

-- A tenant's keys are read as a whole on every sync (and batched per page of tenants).
CREATE INDEX "SshKey_tenantId_idx" ON "SshKey"("tenantId");

-- One live key per fingerprint and tenant: adding it twice is TAKEN, a DELETED key can come back.
CREATE UNIQUE INDEX "SshKey_live_fingerprint_key" ON "SshKey"("tenantId", "fingerprint") WHERE "status" <> 'DELETED';

ALTER TABLE "SshKey" ADD CONSTRAINT "SshKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The node's sshd as its agent last answered: where tenants connect and its host key fingerprints.
ALTER TABLE "Node" ADD COLUMN "sshEndpoint" JSONB;
