// The build both commands share: Prisma client generation, then `tsc -b` over the project
// references and `next build` of the panel (web/) when its sources changed. The generated client
// is git-ignored, so a fresh clone has to generate it first.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { run } from './exec.mjs';
import { step } from './log.mjs';
import { repoRoot } from './paths.mjs';
import { buildWeb } from './web.mjs';

const serverDir = path.join(repoRoot, 'server');
const prismaSchema = path.join(serverDir, 'prisma', 'schema.prisma');
const generatedClient = path.join(serverDir, 'src', 'generated', 'prisma', 'client.ts');
const installedMarker = path.join(repoRoot, 'node_modules', '.package-lock.json');
const bin = (name) => path.join(repoRoot, 'node_modules', '.bin', name);

/** Environment for every Prisma CLI call: no telemetry, no update nag (CI logs stay clean). */
export function prismaEnv(databaseUrl) {
  return {
    ...process.env,
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    // `prisma generate` never connects, but without a DATABASE_URL the 6.19 CLI decides it needs
    // the native query engine and tries to download it (fails offline). Any syntactically valid
    // URL avoids that.
    DATABASE_URL: databaseUrl ?? process.env.DATABASE_URL ?? 'postgresql://unused@127.0.0.1:1/unused',
  };
}

export async function build() {
  if (prismaClientStale()) {
    await step('prisma generate', () =>
      run(bin('prisma'), ['generate'], { cwd: serverDir, env: prismaEnv(), quiet: true }),
    );
  }
  // The panel needs none of tsc's output (only committed generated files): build side by side.
  await Promise.all([step('tsc -b', () => run(bin('tsc'), ['-b'], { cwd: repoRoot })), buildWeb()]);
}

/** Regenerate when the schema or the installed Prisma changed since the last generation. */
function prismaClientStale() {
  if (!existsSync(generatedClient)) return true;
  const generatedAt = statSync(generatedClient).mtimeMs;
  return [prismaSchema, installedMarker].some((file) => existsSync(file) && statSync(file).mtimeMs > generatedAt);
}
