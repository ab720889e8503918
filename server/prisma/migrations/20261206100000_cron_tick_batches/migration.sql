-- The runs of a tick are begun in bulk by its workflow: the delivery that inserted a run row
-- claims it. A retried begin of the same delivery finds its own runs, another delivery of the
-- same tick finds them taken. Runs begun one by one (runCronJobNow, older ticks) leave it null.
ALTER TABLE "CronJobRun" ADD COLUMN "tickRunId" TEXT;
