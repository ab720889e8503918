-- Plans count what a tenant holds by tenant on every create of a counted resource (quota check)
-- and for Tenant.usage: database and Valkey users had no index on their tenant.
CREATE INDEX "DatabaseUser_tenantId_idx" ON "DatabaseUser"("tenantId");
CREATE INDEX "ValkeyUser_tenantId_idx" ON "ValkeyUser"("tenantId");
