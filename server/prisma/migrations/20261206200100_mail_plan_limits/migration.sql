-- Mail (issue 13): how many mail domains and mailboxes a plan lets a tenant hold (null: unlimited).
ALTER TABLE "Plan" ADD COLUMN "maxMailDomains" INTEGER;
ALTER TABLE "Plan" ADD COLUMN "maxMailboxes" INTEGER;
