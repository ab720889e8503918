-- Cron jobs (issue 11): a webroot's scheduled commands and their run history.
CREATE TYPE "CronConcurrency" AS ENUM ('FORBID', 'ALLOW');

CREATE TYPE "CronRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

CREATE TABLE "CronJob" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "webrootId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "schedule" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "command" TEXT[],
    "timeoutSeconds" INTEGER NOT NULL,
    "concurrency" "CronConcurrency" NOT NULL DEFAULT 'FORBID',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "maxConsecutiveFailures" INTEGER NOT NULL DEFAULT 5,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CronJob_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "CronJob_tenantId_idx" ON "CronJob"("tenantId");

CREATE INDEX "CronJob_webrootId_idx" ON "CronJob"("webrootId");

-- One live job per name and webroot: a DELETED job's name can be used again.
CREATE UNIQUE INDEX "CronJob_live_name_key" ON "CronJob"("webrootId", "name") WHERE "status" <> 'DELETED';

ALTER TABLE "CronJob" ADD CONSTRAINT "CronJob_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "CronJob" ADD CONSTRAINT "CronJob_webrootId_fkey" FOREIGN KEY ("webrootId") REFERENCES "Webroot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "CronJobRun" (
    "id" UUID NOT NULL,
    "cronJobId" UUID NOT NULL,
    "workflowId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" "CronRunStatus" NOT NULL DEFAULT 'RUNNING',
    "nodeId" UUID,
    "scheduledAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "exitCode" INTEGER,
    "signal" TEXT,
    "timedOut" BOOLEAN NOT NULL DEFAULT false,
    "durationMs" INTEGER,
    "output" TEXT NOT NULL DEFAULT '',
    "outputTruncated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "CronJobRun_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "CronJobRun_workflowId_key" ON "CronJobRun"("workflowId");

-- A job's history, newest first (pruning keeps the newest runs).
CREATE INDEX "CronJobRun_cronJobId_startedAt_idx" ON "CronJobRun"("cronJobId", "startedAt");

ALTER TABLE "CronJobRun" ADD CONSTRAINT "CronJobRun_cronJobId_fkey" FOREIGN KEY ("cronJobId") REFERENCES "CronJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Plan" ADD COLUMN "maxCronJobs" INTEGER;
