// How the certificate workflows (a site's and a mail node's) call their activities.
import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';

/** Plan reads and bookkeeping: local activities in the worker. */
export const BOOKKEEPING: LocalActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
};

/** The ACME order's halves talk to the CA: ordinary activities, a few tries (a CA may be slow or down). */
export const ACME_ORDER: ActivityOptions = {
  startToCloseTimeout: '3 minutes',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 3,
    maximumAttempts: 3,
    nonRetryableErrorTypes: ['CertificateUnavailable'],
  },
};
