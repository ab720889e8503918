// hostctl: the Hostplane command line. Every call goes through the generated SDK
// (@hostplane/schema/sdk); exit codes are EXIT in errors.ts. A command per query and mutation
// comes from the generated tool list; the hand-written ones below add what a flag list cannot.
import { Argument, Command, CommanderError, Option } from 'commander';
import { HostplaneApiError, mcpTools, NETWORK_ERROR } from '@hostplane/schema/sdk';
import { registerClusterCommands } from './commands/cluster.js';
import { registerConvergeCommands } from './commands/converge.js';
import { bashCompletion } from './completion.js';
import { operationCommands } from './operation-commands.js';
import { registerOperationCommands } from './register-operations.js';
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
// `cluster apply -f <file>` reads a YAML file; `converge-shard` takes a shard by name and
// follows its run: both run their operation themselves, so it gets no generated twin.
registerClusterCommands(program, runtime);
registerConvergeCommands(program, runtime);
registerOperationCommands(program, operationCommands(mcpTools, new Set(['ApplyCluster', 'ConvergeShard'])), runtime);
program
  .command('completion')
  .description('Print a shell completion script: `source <(hostctl completion bash)`.')
  .addArgument(new Argument('<shell>', 'the shell').choices(['bash']))
  .action(() => {
    process.stdout.write(bashCompletion(program));
  });

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
