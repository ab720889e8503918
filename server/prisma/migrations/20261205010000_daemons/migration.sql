-- Daemons (issue 11): long-running processes of webroots under supervisord, and the plan limit.
CREATE TYPE "DaemonRestartPolicy" AS ENUM ('ALWAYS', 'ON_FAILURE', 'NEVER');

CREATE TYPE "DaemonStopSignal" AS ENUM ('TERM', 'INT', 'QUIT', 'HUP', 'KILL', 'USR1', 'USR2');

CREATE TABLE "Daemon" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "webrootId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "command" TEXT[],
    "processes" INTEGER NOT NULL DEFAULT 1,
    "restart" "DaemonRestartPolicy" NOT NULL DEFAULT 'ALWAYS',
    "stopSignal" "DaemonStopSignal" NOT NULL DEFAULT 'TERM',
    "stopWaitSeconds" INTEGER NOT NULL DEFAULT 10,
    "proxyPath" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "status" "ResourceStatus" NOT NULL DEFAULT 'PENDING',
    "statusMessage" TEXT,
    "lastOperation" TEXT NOT NULL DEFAULT 'CREATE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Daemon_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Daemon_tenantId_idx" ON "Daemon"("tenantId");

CREATE INDEX "Daemon_webrootId_idx" ON "Daemon"("webrootId");

-- One live daemon per name and per proxy path of a webroot (names and paths of DELETED ones are free again).
CREATE UNIQUE INDEX "Daemon_live_name_key" ON "Daemon"("webrootId", "name") WHERE "status" <> 'DELETED';

CREATE UNIQUE INDEX "Daemon_live_proxyPath_key" ON "Daemon"("webrootId", "proxyPath")
    WHERE "status" <> 'DELETED' AND "proxyPath" IS NOT NULL;

ALTER TABLE "Daemon" ADD CONSTRAINT "Daemon_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Daemon" ADD CONSTRAINT "Daemon_webrootId_fkey" FOREIGN KEY ("webrootId") REFERENCES "Webroot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Plan" ADD COLUMN "maxDaemons" INTEGER;
