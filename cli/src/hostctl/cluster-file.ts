import { readFile } from 'node:fs/promises';
import type { ApplyClusterInput } from '@hostplane/schema/sdk';
import { parse } from 'yaml';
import { z } from 'zod';
import { SHARD_ROLES } from './enums.js';
import { UsageError } from './errors.js';

/** The cluster file (see infra/cluster.example.yaml); unknown keys are refused to catch typos. */
const clusterFile = z.strictObject({
  region: z.string().min(1),
  cluster: z.string().min(1),
  lbAddresses: z.array(z.string().min(1)).default([]),
  shards: z.array(z.strictObject({ name: z.string().min(1), role: z.enum(SHARD_ROLES) })).default([]),
  nodes: z
    .array(
      z.strictObject({
        hostname: z.string().min(1),
        ipAddress: z.string().min(1).optional(),
        shards: z.array(z.string().min(1)).default([]),
      }),
    )
    .default([]),
});

/** Reads and validates a cluster YAML file into `applyCluster`'s input; UsageError when it is bad. */
export async function readClusterFile(file: string): Promise<ApplyClusterInput> {
  let document: unknown;
  try {
    document = parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = clusterFile.safeParse(document);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new UsageError(`${file} is not a valid cluster file:\n${issues.join('\n')}`);
  }
  return parsed.data;
}
