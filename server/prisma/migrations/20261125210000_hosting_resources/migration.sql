-- CreateEnum
CREATE TYPE "WebRuntime" AS ENUM ('PHP', 'NODE', 'PYTHON', 'RUBY', 'STATIC');

-- CreateEnum
CREATE TYPE "DatabasePrivileges" AS ENUM ('ALL', 'READ_ONLY');

-- CreateTable
CREATE TABLE "Webroot" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tenantId" UUID NOT NULL,
    "runtime" "WebRuntime" NOT NULL,
    "runtimeVersion" TEXT NOT NULL,
    "runtimeConfig" JSONB NOT NULL DEFAULT '{}',
    "appPort" INTEGER,
    "documentRoot" TEXT NOT NULL DEFAULT 'public',
    "serviceHostnameEnabled" BOOLEAN NOT NULL DEFAULT true,
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Webroot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Fqdn" (
    "id" UUID NOT NULL,
    "hostname" TEXT NOT NULL,
    "webrootId" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Fqdn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Database" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tenantId" UUID NOT NULL,
    "shardId" UUID NOT NULL,
    "charset" TEXT NOT NULL DEFAULT 'utf8mb4',
    "collation" TEXT NOT NULL DEFAULT 'utf8mb4_unicode_ci',
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "migratingToShardId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Database_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatabaseUser" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "databaseId" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "privileges" "DatabasePrivileges" NOT NULL DEFAULT 'ALL',
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DatabaseUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatabaseAccessRule" (
    "id" UUID NOT NULL,
    "databaseId" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "cidr" TEXT NOT NULL,
    "description" TEXT,
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DatabaseAccessRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ValkeyInstance" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tenantId" UUID NOT NULL,
    "shardId" UUID NOT NULL,
    "port" INTEGER NOT NULL,
    "maxMemoryMb" INTEGER NOT NULL,
    "evictionPolicy" TEXT NOT NULL DEFAULT 'noeviction',
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "migratingToShardId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ValkeyInstance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ValkeyUser" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "instanceId" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "keyPatterns" TEXT[],
    "channels" TEXT[],
    "commands" TEXT[],
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ValkeyUser_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Webroot_name_key" ON "Webroot"("name");

-- CreateIndex
CREATE INDEX "Webroot_tenantId_idx" ON "Webroot"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Fqdn_hostname_key" ON "Fqdn"("hostname");

-- CreateIndex
CREATE INDEX "Fqdn_webrootId_idx" ON "Fqdn"("webrootId");

-- CreateIndex
CREATE INDEX "Fqdn_tenantId_idx" ON "Fqdn"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Database_name_key" ON "Database"("name");

-- CreateIndex
CREATE INDEX "Database_tenantId_idx" ON "Database"("tenantId");

-- CreateIndex
CREATE INDEX "Database_shardId_idx" ON "Database"("shardId");

-- CreateIndex
CREATE UNIQUE INDEX "DatabaseUser_name_key" ON "DatabaseUser"("name");

-- CreateIndex
CREATE INDEX "DatabaseUser_databaseId_idx" ON "DatabaseUser"("databaseId");

-- CreateIndex
CREATE UNIQUE INDEX "DatabaseAccessRule_databaseId_cidr_key" ON "DatabaseAccessRule"("databaseId", "cidr");

-- CreateIndex
CREATE UNIQUE INDEX "ValkeyInstance_name_key" ON "ValkeyInstance"("name");

-- CreateIndex
CREATE INDEX "ValkeyInstance_tenantId_idx" ON "ValkeyInstance"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "ValkeyInstance_shardId_port_key" ON "ValkeyInstance"("shardId", "port");

-- CreateIndex
CREATE UNIQUE INDEX "ValkeyUser_instanceId_name_key" ON "ValkeyUser"("instanceId", "name");

-- AddForeignKey
ALTER TABLE "Webroot" ADD CONSTRAINT "Webroot_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fqdn" ADD CONSTRAINT "Fqdn_webrootId_fkey" FOREIGN KEY ("webrootId") REFERENCES "Webroot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Database" ADD CONSTRAINT "Database_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Database" ADD CONSTRAINT "Database_shardId_fkey" FOREIGN KEY ("shardId") REFERENCES "Shard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatabaseUser" ADD CONSTRAINT "DatabaseUser_databaseId_fkey" FOREIGN KEY ("databaseId") REFERENCES "Database"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatabaseAccessRule" ADD CONSTRAINT "DatabaseAccessRule_databaseId_fkey" FOREIGN KEY ("databaseId") REFERENCES "Database"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ValkeyInstance" ADD CONSTRAINT "ValkeyInstance_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ValkeyInstance" ADD CONSTRAINT "ValkeyInstance_shardId_fkey" FOREIGN KEY ("shardId") REFERENCES "Shard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ValkeyUser" ADD CONSTRAINT "ValkeyUser_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "ValkeyInstance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

