// Runs a generated command: the operation through the SDK, userErrors → exit 1, `--watch`
// through the SDK's `waitFor`, and the result printed as JSON or a table (output.ts).
import { waitFor, type ResourceStatus, type UserErrorFieldsFragment } from '@hostplane/schema/sdk';
import { EXIT, ExitCodeError } from './errors.js';
import { formatEvent, note, printResult } from './output.js';
import type { OperationCommand } from './operation-commands.js';
import { assertNoUserErrors } from './results.js';
import type { Runtime } from './runtime.js';

/** Where a workflow has settled: nothing more happens unasked. */
const SETTLED: readonly ResourceStatus[] = ['ACTIVE', 'SUSPENDED', 'FAILED', 'DELETED'];

/** How long `--watch` waits by default: a node's first convergence can take minutes. */
const WATCH_TIMEOUT_MS = 10 * 60_000;

type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A mutation payload's resource: its one object field besides userErrors (`webroot`, `tenant`, …). */
function resourceOf(payload: Row): [string, Row] | null {
  const objects = Object.entries(payload).filter(
    (entry): entry is [string, Row] => entry[0] !== 'userErrors' && isRow(entry[1]),
  );
  return objects.length === 1 ? objects[0]! : null;
}

/** Follows `resource` to a settled status, printing each event; exit 1 when it ends FAILED. */
async function watch(runtime: Runtime, resource: Row, timeoutMs = WATCH_TIMEOUT_MS): Promise<Row> {
  const id = String(resource.id);
  note(`${String(resource.name ?? resource.hostname ?? id)}: ${String(resource.status)}, watching…`);
  const final = await waitFor(runtime.client(), id, SETTLED, {
    timeoutMs,
    onEvent: (event) => note(formatEvent(event)),
  });
  return { ...resource, status: final.status, statusMessage: final.statusMessage };
}

export interface RunOptions {
  watch: boolean;
  timeoutMs?: number;
}

/** Runs `command` with `variables` and prints what it returned. */
export async function runOperationCommand(
  runtime: Runtime,
  command: OperationCommand,
  variables: Record<string, unknown>,
  options: RunOptions,
): Promise<void> {
  const data = await runtime.client().runOperation(command.tool.operationName, variables);
  // One root field per SDK document: its value is the result.
  const result = isRow(data) ? Object.values(data)[0] : data;
  if (command.tool.readOnly || !isRow(result)) return printResult(result, runtime.output);

  assertNoUserErrors((result.userErrors ?? []) as UserErrorFieldsFragment[]);
  const found = resourceOf(result);
  let shown: unknown = found
    ? found[1]
    : Object.fromEntries(Object.entries(result).filter(([key]) => key !== 'userErrors'));
  const watchable = found && typeof found[1].id === 'string' && typeof found[1].status === 'string';
  if (options.watch && watchable) {
    const final = await watch(runtime, found[1], options.timeoutMs);
    shown = final;
    if (final.status === 'FAILED') {
      printResult(final, runtime.output);
      note(`ended FAILED${final.statusMessage ? `: ${String(final.statusMessage)}` : ''}`);
      throw new ExitCodeError(EXIT.FAILED);
    }
    note(`ended ${String(final.status)}`);
  }
  printResult(shown, runtime.output);
}
