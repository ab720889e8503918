-- Certificates (issue 12): TLS options per FQDN, one certificate per FQDN, the ACME accounts.
CREATE TYPE "TlsMode" AS ENUM ('AUTOMATIC', 'CUSTOM', 'OFF');

ALTER TABLE "Fqdn" ADD COLUMN "tlsMode" "TlsMode" NOT NULL DEFAULT 'AUTOMATIC',
ADD COLUMN "httpsRedirect" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "hstsMaxAge" INTEGER;

CREATE TABLE "Certificate" (
    "id" UUID NOT NULL,
    "fqdnId" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "source" "TlsMode" NOT NULL,
    "certificatePem" TEXT,
    "sealedKey" BYTEA,
    "issuer" TEXT,
    "notBefore" TIMESTAMP(3),
    "notAfter" TIMESTAMP(3),
    "serial" TEXT,
    "fingerprint" TEXT,
    "renewAfter" TIMESTAMP(3),
    "renewFailures" INTEGER NOT NULL DEFAULT 0,
    "renewRequested" BOOLEAN NOT NULL DEFAULT false,
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Certificate_fqdnId_key" ON "Certificate"("fqdnId");
CREATE INDEX "Certificate_tenantId_idx" ON "Certificate"("tenantId");
CREATE INDEX "Certificate_notAfter_idx" ON "Certificate"("notAfter");
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_fqdnId_fkey" FOREIGN KEY ("fqdnId") REFERENCES "Fqdn"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "AcmeAccount" (
    "directoryUrl" TEXT NOT NULL,
    "wrappedKey" BYTEA NOT NULL,
    "masterKeyId" TEXT NOT NULL,
    "sealedAccountKey" BYTEA NOT NULL,
    "accountUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AcmeAccount_pkey" PRIMARY KEY ("directoryUrl")
);
