// @hostplane/server/certificates: what the API and the worker share about certificates.
export { certificateBlocks, certificateFacts, checkUpload, type CertificateFacts, type CheckedUpload } from './pem.js';
export { openCertificateKey, sealCertificateKey } from './key-seal.js';
export { renewAfterOf, retryRenewalAt } from './renewal.js';
