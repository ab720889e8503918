import { mcpTools, type UserErrorFieldsFragment } from '@hostplane/schema/sdk';
import { EXIT, ExitCodeError } from './errors.js';
import { printUserErrors } from './output.js';

/** Prints the payload's userErrors and ends the command with exit 1 when there are any. */
export function assertNoUserErrors(errors: readonly UserErrorFieldsFragment[]): void {
  if (!errors.length) return;
  printUserErrors(errors);
  throw new ExitCodeError(EXIT.FAILED);
}

/**
 * The schema's description of the operation a command runs, as its help text: the contract's
 * documentation is the CLI's (DESIGN.md §3). The MCP tool list carries it for every operation.
 */
export function describeOperation(operationName: string): string {
  const tool = mcpTools.find((candidate) => candidate.operationName === operationName);
  if (!tool) throw new Error(`No generated operation ${operationName}.`);
  return tool.description;
}
