-- CreateEnum
CREATE TYPE "ConvergenceStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "ShardConvergence" (
    "id" UUID NOT NULL,
    "shardId" UUID NOT NULL,
    "status" "ConvergenceStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "errors" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "ShardConvergence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ShardConvergence_shardId_startedAt_idx" ON "ShardConvergence"("shardId", "startedAt");

-- AddForeignKey
ALTER TABLE "ShardConvergence" ADD CONSTRAINT "ShardConvergence_shardId_fkey" FOREIGN KEY ("shardId") REFERENCES "Shard"("id") ON DELETE CASCADE ON UPDATE CASCADE;
