// Shared by the plan tests: a plan of a brand, and the refusal every over-limit create answers.
import { CreatePlanDocument, type CreatePlanInput } from '@hostplane/schema/sdk';
import { Client, Connection } from '@temporalio/client';
import { expect } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, withDatabase } from '../support/clients.js';

let planCount = 0;

/** A plan of `brandId` with these limits (the others unlimited). */
export async function createPlan(brandId: string, limits: Omit<CreatePlanInput, 'brandId' | 'name'> = {}) {
  const { createPlan } = await admin().mutate(CreatePlanDocument, {
    input: { brandId, name: `plan ${++planCount} ${Date.now()}`, ...limits },
  });
  if (!createPlan.plan) throw new Error(JSON.stringify(createPlan.userErrors));
  return createPlan.plan;
}

/** The one userError of a create the plan refused: QUOTA_EXCEEDED on `field`, naming the resource and limit. */
export function expectOverQuota(
  payload: { userErrors: { field: string[]; code: string; message: string }[] },
  field: string,
  ...mentions: string[]
): void {
  expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', field], code: 'QUOTA_EXCEEDED' })]);
  for (const text of mentions) expect(payload.userErrors[0]!.message).toContain(text);
}

/** Rows of `table` the tenant has, in any status (DELETED included): what was ever written. */
export async function rowsOf(table: string, tenantUuid: string): Promise<number> {
  return withDatabase(async (db) => {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE "tenantId" = $1`, [
      tenantUuid,
    ]);
    return rows[0]!.n;
  });
}

/**
 * Workflows of `type` started since `since`, and those whose resource row does not exist: what a create
 * that started its workflow and then rolled its row back would leave. Other test files start
 * workflows of the same type meanwhile; theirs all have rows.
 */
export async function workflowsSince(
  type: string,
  table: string,
  since: Date,
): Promise<{ started: string[]; orphans: string[] }> {
  const connection = await Connection.connect({ address: getPlatform().temporalAddress });
  try {
    const client = new Client({ connection });
    const ids: string[] = [];
    const query = `WorkflowType = '${type}' AND StartTime >= '${since.toISOString()}'`;
    for await (const execution of client.workflow.list({ query })) ids.push(execution.workflowId);
    const uuids = ids.map((id) => id.slice(-36));
    const existing = await withDatabase(async (db) => {
      const { rows } = await db.query<{ id: string }>(`SELECT id::text FROM "${table}" WHERE id = ANY($1::uuid[])`, [
        uuids,
      ]);
      return new Set(rows.map((r) => r.id));
    });
    return { started: ids, orphans: ids.filter((id) => !existing.has(id.slice(-36))) };
  } finally {
    await connection.close();
  }
}
