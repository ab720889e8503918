-- DNS (issue 12): zones and records served by the PowerDNS of the DNS role, and the DNS endpoint of each node.
ALTER TABLE "Node" ADD COLUMN "dnsEndpoint" JSONB;

CREATE TABLE "DnsZone" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "dnssec" BOOLEAN NOT NULL DEFAULT false,
    "dnssecKeys" JSONB,
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DnsZone_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "DnsRecord" (
    "id" UUID NOT NULL,
    "zoneId" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "ttl" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "priority" INTEGER,
    "weight" INTEGER,
    "port" INTEGER,
    "flags" INTEGER,
    "tag" TEXT,
    "managed" BOOLEAN NOT NULL DEFAULT false,
    "sourceType" TEXT,
    "sourceId" UUID,
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DnsRecord_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "DnsZone_tenantId_idx" ON "DnsZone"("tenantId");
CREATE INDEX "DnsZone_name_idx" ON "DnsZone"("name");
-- One live zone per name, platform-wide (a deleted one frees it).
CREATE UNIQUE INDEX "DnsZone_live_name_key" ON "DnsZone"("name") WHERE "status" <> 'DELETED';
CREATE INDEX "DnsRecord_zoneId_name_type_idx" ON "DnsRecord"("zoneId", "name", "type");
CREATE INDEX "DnsRecord_tenantId_idx" ON "DnsRecord"("tenantId");
-- A source (an FQDN) has at most one live managed record per zone and type.
CREATE UNIQUE INDEX "DnsRecord_live_managed_key" ON "DnsRecord"("zoneId", "sourceId", "type", "content") WHERE "managed" AND "status" <> 'DELETED';

ALTER TABLE "DnsZone" ADD CONSTRAINT "DnsZone_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "DnsRecord" ADD CONSTRAINT "DnsRecord_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "DnsZone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "DnsRecord" ADD CONSTRAINT "DnsRecord_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
