-- Cron jobs at scale (issue 11): one Temporal schedule per (shard, expression, time zone), not
-- per job. Null for the jobs of the old design: the worker's convergence removes their per-job
-- schedules and attaches them to their key's.
ALTER TABLE "CronJob" ADD COLUMN "scheduleKey" TEXT;

CREATE INDEX "CronJob_scheduleKey_idx" ON "CronJob"("scheduleKey");
