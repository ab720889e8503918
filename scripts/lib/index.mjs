// The set-up library's public surface for TypeScript callers (the e2e harness); its types are in
// index.d.mts. The scripts themselves import the modules directly.
export { repoRoot, dataDir, entryPoints, prepareDataDirModes } from './paths.mjs';
export { ensureTemporal } from './ensure-temporal.mjs';
export { startTemporal, hasPollers } from './temporal.mjs';
export { ProcessGroup, stopDaemonsUnder } from './processes.mjs';
export { missingPackages, readPackageList } from './system-packages.mjs';
export { withDatabase, databaseName, ensureDatabase, dropDatabase, listDatabases, migrateDeploy } from './database.mjs';
export { bootstrap, bundleWorkflows, startNodeAgent, startPlatformProcesses } from './platform.mjs';
export { startPrivateMariadb } from './mariadb-server.mjs';
export { buildWeb, startWeb, webBuildStale, webDir } from './web.mjs';
export { freePort, portBlockBelowEphemeral } from './ports.mjs';
export { startPebble } from './pebble.mjs';
