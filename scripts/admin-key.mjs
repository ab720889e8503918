// `npm run admin-key`: the operator's way back in (like a self-hosted app's password-reset task).
// Mints a new platform-admin API key, revokes every other platform-admin key (`--keep-others`
// keeps them) and writes the new one to `.env`. Works whether or not `npm start` is running: on
// the embedded PostgreSQL it starts it for the moment when it is not up. DATABASE_URL names
// another database, as for `npm start`.
import path from 'node:path';
import { embeddedPostgresUrl, startEmbeddedPostgres, withDatabase } from './lib/database.mjs';
import { envFile, readDotEnv, setDotEnv } from './lib/dotenv.mjs';
import { bold, info, red } from './lib/log.mjs';
import { dataDir } from './lib/paths.mjs';
import { bootstrap } from './lib/platform.mjs';
import { isListening } from './lib/ports.mjs';
import { ProcessGroup } from './lib/processes.mjs';

const postgresPort = Number(process.env.POSTGRES_PORT ?? 54329);
const keepOthers = process.argv.includes('--keep-others');
const group = new ProcessGroup({ logDir: path.join(dataDir, 'logs') });

try {
  const databaseUrl = process.env.DATABASE_URL ?? (await embeddedDatabaseUrl());
  const args = ['--new-admin-key', ...(keepOthers ? ['--keep-other-admin-keys'] : [])];
  const { adminKey, revokedKeys } = await bootstrap(databaseUrl, args);
  setDotEnv({ HOSTING_API_KEY: adminKey, ...(readDotEnv().HOSTING_API_URL ? {} : { HOSTING_API_URL: apiUrl() }) });
  process.stdout.write(`${bold(`New admin API key: ${adminKey}`)}\n`);
  info(`saved to ${path.relative(process.cwd(), envFile) || envFile} as HOSTING_API_KEY`);
  info(keepOthers ? 'other admin keys kept' : `${revokedKeys} other admin key(s) revoked`);
} catch (error) {
  process.stderr.write(`${red('admin-key failed:')} ${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
} finally {
  await group.stopAll();
}

/** The running embedded PostgreSQL's URL, or one started for this command. */
async function embeddedDatabaseUrl() {
  if (!(await isListening(postgresPort))) await startEmbeddedPostgres(group, { stateDir: dataDir, port: postgresPort });
  return withDatabase(embeddedPostgresUrl(postgresPort), 'hostplane');
}

function apiUrl() {
  return `http://127.0.0.1:${process.env.API_PORT ?? 4000}/graphql`;
}
