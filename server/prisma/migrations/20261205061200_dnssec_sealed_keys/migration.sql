-- DNSSEC keys kept by the platform (issue 12): a zone's private keys sealed under its tenant's
-- data key, so convergence re-imports the same keys into a wiped PowerDNS database.
ALTER TABLE "DnsZone" ADD COLUMN "dnssecSealedKeys" BYTEA;
