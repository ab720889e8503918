-- A Valkey port is unique among the LIVE instances of a shard: once an instance is DELETED its
-- port may be allocated again. Prisma cannot declare partial indexes, hence raw SQL here and a
-- plain index in schema.prisma.
DROP INDEX "ValkeyInstance_shardId_port_key";
CREATE INDEX "ValkeyInstance_shardId_port_idx" ON "ValkeyInstance"("shardId", "port");
CREATE UNIQUE INDEX "ValkeyInstance_live_port_key" ON "ValkeyInstance"("shardId", "port") WHERE "status" <> 'DELETED';
