// Pure (no imports), so contract-level validators can throw it on the control-plane side too.

/**
 * A problem that retrying cannot fix (an invalid spec, a charset the server lacks, a port held
 * by another instance, a config a daemon's checker rejects). Each domain has its subclass
 * (DatabaseError, ValkeyError, TenantUserError, WebError). `reconcile` (./reconcile.ts) turns it
 * into a non-retryable ApplicationFailure whose `type` is `type`, so the workflow can show the
 * message as the resource's statusMessage.
 */
export class NonRetryableError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
