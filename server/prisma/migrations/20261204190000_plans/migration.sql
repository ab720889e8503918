-- Plans (issue 10): per-brand limits per counted resource (null = unlimited), and each tenant plan.
CREATE TABLE "Plan" (
    "id" UUID NOT NULL,
    "brandId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "maxWebroots" INTEGER,
    "maxFqdns" INTEGER,
    "maxDatabases" INTEGER,
    "maxDatabaseUsers" INTEGER,
    "maxValkeyInstances" INTEGER,
    "maxValkeyUsers" INTEGER,
    "maxValkeyMemoryMb" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Plan_brandId_name_key" ON "Plan"("brandId", "name");

ALTER TABLE "Plan" ADD CONSTRAINT "Plan_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "Brand"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Tenant" ADD COLUMN "planId" UUID;

-- deletePlan refuses a plan in use by counting its tenants: the index keeps that cheap.
CREATE INDEX "Tenant_planId_idx" ON "Tenant"("planId");

ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
