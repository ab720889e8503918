-- Egress rules (issue 10): a tenant's outbound allowlist, one destination per row.
CREATE TYPE "EgressProtocol" AS ENUM ('ANY', 'TCP', 'UDP');

CREATE TABLE "EgressRule" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "cidr" TEXT NOT NULL,
    "protocol" "EgressProtocol" NOT NULL DEFAULT 'ANY',
    "portFrom" INTEGER,
    "portTo" INTEGER,
    "description" TEXT,
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EgressRule_pkey" PRIMARY KEY ("id"),
    -- What the API validates, held by the table too: a port range is both ends or neither, in order.
    CONSTRAINT "EgressRule_ports_check" CHECK (
        ("portFrom" IS NULL AND "portTo" IS NULL)
        OR ("portFrom" BETWEEN 1 AND 65535 AND "portTo" BETWEEN "portFrom" AND 65535)
    )
);

-- A tenant's rules are read as a whole on every sync (and batched per page of tenants).
CREATE INDEX "EgressRule_tenantId_idx" ON "EgressRule"("tenantId");

-- One live rule per destination: a repeated create is TAKEN, while a DELETED rule's destination
-- can be added again. COALESCE because NULL ports would never collide in a unique index.
CREATE UNIQUE INDEX "EgressRule_live_destination_key" ON "EgressRule"(
    "tenantId", "cidr", "protocol", COALESCE("portFrom", 0), COALESCE("portTo", 0)
) WHERE "status" <> 'DELETED';

ALTER TABLE "EgressRule" ADD CONSTRAINT "EgressRule_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
