-- Webroot environment variables and vaulted secrets (issue 11): per-tenant data keys wrapped by
-- the platform master key, and per-webroot variables whose secret values are stored sealed only.
CREATE TABLE "TenantDataKey" (
    "tenantId" UUID NOT NULL,
    "wrappedKey" BYTEA NOT NULL,
    "masterKeyId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rewrappedAt" TIMESTAMP(3),

    CONSTRAINT "TenantDataKey_pkey" PRIMARY KEY ("tenantId")
);

CREATE TABLE "WebrootEnvVar" (
    "id" UUID NOT NULL,
    "webrootId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "secret" BOOLEAN NOT NULL,
    "value" TEXT,
    "sealedValue" BYTEA,
    "fingerprint" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebrootEnvVar_pkey" PRIMARY KEY ("id"),
    -- A secret never has a plain value, a plain variable never a sealed one.
    CONSTRAINT "WebrootEnvVar_kind_check" CHECK (
        ("secret" AND "value" IS NULL AND "sealedValue" IS NOT NULL AND "fingerprint" IS NOT NULL)
        OR (NOT "secret" AND "value" IS NOT NULL AND "sealedValue" IS NULL)
    )
);

CREATE UNIQUE INDEX "WebrootEnvVar_webrootId_name_key" ON "WebrootEnvVar"("webrootId", "name");

ALTER TABLE "TenantDataKey" ADD CONSTRAINT "TenantDataKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "WebrootEnvVar" ADD CONSTRAINT "WebrootEnvVar_webrootId_fkey" FOREIGN KEY ("webrootId") REFERENCES "Webroot"("id") ON DELETE CASCADE ON UPDATE CASCADE;
