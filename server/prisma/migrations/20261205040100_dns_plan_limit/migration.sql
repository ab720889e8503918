-- DNS (issue 12): how many zones a plan lets a tenant host (null: unlimited).
ALTER TABLE "Plan" ADD COLUMN "maxDnsZones" INTEGER;
