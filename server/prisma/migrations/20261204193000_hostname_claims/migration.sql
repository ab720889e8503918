-- Hostname squatting (issue 10): a binding routes only once control of the name is proven
-- (TXT record) or needed no proof, brands reserve suffixes for their own tenants.
ALTER TABLE "Brand" ADD COLUMN "reservedHostnameSuffixes" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

ALTER TABLE "Fqdn" ADD COLUMN "verificationToken" TEXT;
ALTER TABLE "Fqdn" ADD COLUMN "verifiedAt" TIMESTAMP(3);
-- Names bound before this change were routed already: they keep routing.
UPDATE "Fqdn" SET "verifiedAt" = "createdAt";

-- One proven live binding per name, unproven claims (a squatter's among them) may wait side by
-- side, so a claim nobody can prove never blocks the name's real owner. One live claim per
-- tenant and name.
DROP INDEX "Fqdn_hostname_key";
CREATE INDEX "Fqdn_hostname_idx" ON "Fqdn"("hostname");
CREATE UNIQUE INDEX "Fqdn_hostname_proven_key" ON "Fqdn"("hostname") WHERE "verifiedAt" IS NOT NULL AND "status" <> 'DELETED';
CREATE UNIQUE INDEX "Fqdn_hostname_tenant_live_key" ON "Fqdn"("hostname", "tenantId") WHERE "status" <> 'DELETED';
