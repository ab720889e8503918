// Prebuilds the workflow bundle: `node dist/bundle.js <out.js>`, then start the worker with
// WORKFLOW_BUNDLE_PATH=<out.js> so it does not run webpack at every start.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleWorkflowCode, type Logger } from '@temporalio/worker';
import { defaultWorkflowsPath } from './worker.js';

/** Bundles `workflowsPath` (TypeScript sources work too) and writes the code to `outPath`. */
export async function writeWorkflowBundle(
  outPath: string,
  workflowsPath: string = defaultWorkflowsPath,
  logger?: Logger,
): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath, logger });
  await writeFile(outPath, code);
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const outPath = process.argv[2];
  if (!outPath) {
    process.stderr.write('usage: node dist/bundle.js <output-file.js>\n');
    process.exit(2);
  }
  await writeWorkflowBundle(path.resolve(outPath));
  process.stdout.write(`workflow bundle written to ${path.resolve(outPath)}\n`);
}
