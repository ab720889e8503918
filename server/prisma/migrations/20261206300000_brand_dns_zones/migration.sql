-- Brand-owned DNS zones (issue 12): a zone (and its records) belongs to a tenant or to a brand,
-- never both, never neither.
ALTER TABLE "DnsZone" ALTER COLUMN "tenantId" DROP NOT NULL;
ALTER TABLE "DnsZone" ADD COLUMN "brandId" UUID;
ALTER TABLE "DnsZone" ADD CONSTRAINT "DnsZone_one_owner" CHECK (("tenantId" IS NULL) <> ("brandId" IS NULL));
ALTER TABLE "DnsZone" ADD CONSTRAINT "DnsZone_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "Brand"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "DnsZone_brandId_idx" ON "DnsZone"("brandId");

ALTER TABLE "DnsRecord" ALTER COLUMN "tenantId" DROP NOT NULL;
ALTER TABLE "DnsRecord" ADD COLUMN "brandId" UUID;
ALTER TABLE "DnsRecord" ADD CONSTRAINT "DnsRecord_one_owner" CHECK (("tenantId" IS NULL) <> ("brandId" IS NULL));
ALTER TABLE "DnsRecord" ADD CONSTRAINT "DnsRecord_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "Brand"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "DnsRecord_brandId_idx" ON "DnsRecord"("brandId");
