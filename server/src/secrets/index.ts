// @hostplane/server/secrets: the envelope encryption the API seals with and the worker opens with.
export { fingerprintOf, keyIdOf, openValue, sealValue, SecretsVault, type WrappedDataKey } from './vault.js';
export { dataKeyOf, rewrapDataKeys } from './data-keys.js';
