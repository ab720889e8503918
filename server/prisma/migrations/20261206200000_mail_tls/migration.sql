-- The certificate of each mail node's host name (issue 13: IMAP and submission over TLS), ordered
-- from the platform's ACME CA, its private key sealed under a data key of its own, which the
-- secrets master key wraps (like an ACME account's).
CREATE TABLE "MailNodeCertificate" (
    "nodeId" UUID NOT NULL,
    "hostname" TEXT NOT NULL,
    "wrappedKey" BYTEA NOT NULL,
    "masterKeyId" TEXT NOT NULL,
    "certificatePem" TEXT,
    "sealedKey" BYTEA,
    "notAfter" TIMESTAMP(3),
    "renewAfter" TIMESTAMP(3),
    "renewFailures" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailNodeCertificate_pkey" PRIMARY KEY ("nodeId")
);

ALTER TABLE "MailNodeCertificate" ADD CONSTRAINT "MailNodeCertificate_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;
