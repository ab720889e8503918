// @hostplane/server/secrets: the envelope encryption the API seals with and the worker opens with.
export {
  fingerprintOf,
  keyIdOf,
  openDkimKey,
  openValue,
  sealDkimKey,
  sealValue,
  SecretsVault,
  type WrappedDataKey,
} from './vault.js';
export { acmeAccountPlace, dataKeyOf, mailTlsPlace, rewrapDataKeys } from './data-keys.js';
