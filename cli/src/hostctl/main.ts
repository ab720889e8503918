// hostctl: the Hostplane command line. Every call goes through the generated SDK
// (@hostplane/schema/sdk); exit codes are EXIT in errors.ts.
import { Command, CommanderError, Option } from 'commander';
import { HostplaneApiError, NETWORK_ERROR } from '@hostplane/schema/sdk';
import { registerBrandCommands } from './commands/brands.js';
import { registerClusterCommands } from './commands/cluster.js';
import { registerTenantCommands } from './commands/tenants.js';
import { registerConvergeCommands } from './commands/converge.js';
import { EXIT, ExitCodeError, UsageError } from './errors.js';
import { note, type OutputFormat } from './output.js';
import { createRuntime } from './runtime.js';

const program = new Command('hostctl')
  .description('Manage a Hostplane platform. Reads HOSTING_API_KEY and HOSTING_API_URL from the environment or ./.env.')
  .addOption(new Option('-o, --output <format>', 'result format').choices(['table', 'json']).default('table'))
  // Throw instead of exiting, so usage errors get exit code 2 below (commander's default is 1).
  .exitOverride()
  .showHelpAfterError('(run with --help for usage)');

const runtime = createRuntime(() => program.opts<{ output: OutputFormat }>().output);
registerBrandCommands(program, runtime);
registerClusterCommands(program, runtime);
registerTenantCommands(program, runtime);
registerConvergeCommands(program, runtime);

/** Maps whatever ended the command to an exit code, printing what the user needs to know. */
function exitCodeOf(error: unknown): number {
  if (error instanceof ExitCodeError) return error.code;
  // commander has printed its message (or the help) already.
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  if (error instanceof UsageError) {
    note(`error: ${error.message}`);
    return EXIT.USAGE;
  }
  if (error instanceof HostplaneApiError) {
    const hint = error.code === NETWORK_ERROR ? ' — is the API up, and HOSTING_API_URL right?' : '';
    note(`error: ${error.message} (${error.codes.join(', ')})${hint}`);
    return EXIT.FAILED;
  }
  note(`error: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.FAILED;
}

try {
  await program.parseAsync(process.argv);
  process.exitCode = EXIT.OK;
} catch (error) {
  process.exitCode = exitCodeOf(error);
} finally {
  await runtime.close();
}
