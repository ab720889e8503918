-- Tenant UIDs come from one platform-wide sequence, well above system and login users.
CREATE SEQUENCE IF NOT EXISTS "tenant_uid_seq" START WITH 200000;

-- CreateSchema

-- CreateEnum
CREATE TYPE "ResourceStatus" AS ENUM ('PENDING', 'PROVISIONING', 'ACTIVE', 'FAILED', 'SUSPENDED', 'DELETING', 'DELETED');

-- CreateEnum
CREATE TYPE "ShardRole" AS ENUM ('WEB', 'DATABASE', 'DNS', 'EMAIL', 'VALKEY', 'S3', 'GATEWAY', 'LB');

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('CREATED', 'UPDATED', 'STATUS', 'STEP', 'DELETED');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('SUCCESS', 'USER_ERROR', 'ERROR');

-- CreateTable
CREATE TABLE "Brand" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "baseHostname" TEXT NOT NULL,
    "nsHostnames" TEXT[],
    "hostmasterEmail" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Brand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Region" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cluster" (
    "id" UUID NOT NULL,
    "regionId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Cluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClusterLbAddress" (
    "id" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClusterLbAddress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shard" (
    "id" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" "ShardRole" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Shard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Node" (
    "id" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "hostname" TEXT NOT NULL,
    "ipAddress" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Node_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NodeShard" (
    "nodeId" UUID NOT NULL,
    "shardId" UUID NOT NULL,

    CONSTRAINT "NodeShard_pkey" PRIMARY KEY ("nodeId","shardId")
);

-- CreateTable
CREATE TABLE "Tenant" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "displayName" TEXT,
    "brandId" UUID NOT NULL,
    "shardId" UUID NOT NULL,
    "uid" INTEGER NOT NULL DEFAULT nextval('tenant_uid_seq'),
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "suspendReason" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "idempotencyKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scopes" TEXT[],
    "brandIds" TEXT[],
    "tenantId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "apiKeyId" UUID,
    "operation" TEXT NOT NULL,
    "input" JSONB NOT NULL,
    "outcome" "AuditOutcome" NOT NULL,
    "errorCode" TEXT,
    "brandId" UUID,
    "requestId" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlatformConfig" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlatformConfig_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Event" (
    "cursor" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "brandId" UUID,
    "tenantId" UUID,
    "resourceType" TEXT NOT NULL,
    "resourceId" UUID NOT NULL,
    "kind" "EventKind" NOT NULL,
    "status" "ResourceStatus",
    "step" TEXT,
    "stepState" TEXT,
    "message" TEXT,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("cursor")
);

-- CreateIndex
CREATE UNIQUE INDEX "Brand_name_key" ON "Brand"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Region_name_key" ON "Region"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_regionId_name_key" ON "Cluster"("regionId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ClusterLbAddress_clusterId_address_key" ON "ClusterLbAddress"("clusterId", "address");

-- CreateIndex
CREATE INDEX "Shard_role_idx" ON "Shard"("role");

-- CreateIndex
CREATE UNIQUE INDEX "Shard_clusterId_name_key" ON "Shard"("clusterId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Node_clusterId_hostname_key" ON "Node"("clusterId", "hostname");

-- CreateIndex
CREATE INDEX "NodeShard_shardId_idx" ON "NodeShard"("shardId");

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_name_key" ON "Tenant"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_uid_key" ON "Tenant"("uid");

-- CreateIndex
CREATE INDEX "Tenant_brandId_status_idx" ON "Tenant"("brandId", "status");

-- CreateIndex
CREATE INDEX "Tenant_shardId_idx" ON "Tenant"("shardId");

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_brandId_idempotencyKey_key" ON "Tenant"("brandId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_brandId_at_idx" ON "AuditLog"("brandId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_apiKeyId_at_idx" ON "AuditLog"("apiKeyId", "at");

-- CreateIndex
CREATE INDEX "Event_resourceId_cursor_idx" ON "Event"("resourceId", "cursor");

-- CreateIndex
CREATE INDEX "Event_at_idx" ON "Event"("at");

-- AddForeignKey
ALTER TABLE "Cluster" ADD CONSTRAINT "Cluster_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterLbAddress" ADD CONSTRAINT "ClusterLbAddress_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shard" ADD CONSTRAINT "Shard_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Node" ADD CONSTRAINT "Node_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NodeShard" ADD CONSTRAINT "NodeShard_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NodeShard" ADD CONSTRAINT "NodeShard_shardId_fkey" FOREIGN KEY ("shardId") REFERENCES "Shard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "Brand"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_shardId_fkey" FOREIGN KEY ("shardId") REFERENCES "Shard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

