// Turns the generated command table (operation-commands.ts) into commander commands: flags with
// the schema's descriptions as help, enums as choices, lists comma-separated or repeated, and
// `--watch` on mutations of an async resource.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { JsonSchema } from '@hostplane/schema/sdk';
import { UsageError } from './errors.js';
import type { FlagSpec, OperationCommand } from './operation-commands.js';
import { runOperationCommand } from './run-operation.js';
import type { Runtime } from './runtime.js';

/** Parses one scalar value by its JSON Schema (enums are checked here too, for list items). */
function parseScalar(schema: JsonSchema, value: string): unknown {
  if (schema.enum && !schema.enum.includes(value)) {
    throw new InvalidArgumentError(`expected one of ${schema.enum.join(', ')}; got ${value}.`);
  }
  switch (schema.type) {
    case 'integer':
    case 'number': {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number) || (schema.type === 'integer' && !Number.isInteger(number))) {
        throw new InvalidArgumentError(`expected ${schema.type === 'integer' ? 'an integer' : 'a number'}.`);
      }
      return number;
    }
    case 'boolean':
      if (value !== 'true' && value !== 'false') throw new InvalidArgumentError('expected true or false.');
      return value === 'true';
    case 'object':
    case 'array':
      try {
        return JSON.parse(value) as unknown;
      } catch {
        throw new InvalidArgumentError('expected JSON.');
      }
    default:
      return value;
  }
}

const isScalarList = (schema: JsonSchema) => schema.type === 'array' && schema.items?.type !== 'object';

/** The commander option of one flag. */
function optionOf(spec: FlagSpec): Option {
  const { schema } = spec;
  const description = `${schema.description ?? ''}${spec.required ? ' (required)' : ''}`;
  if (isScalarList(schema)) {
    const items = schema.items ?? {};
    const option = new Option(`--${spec.flag} <values>`, `${description} (comma-separated or repeated)`);
    return option.argParser((value: string, previous: unknown[] | undefined) => [
      ...(previous ?? []),
      ...value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
        .map((item) => parseScalar(items, item)),
    ]);
  }
  if (schema.type === 'boolean') {
    return new Option(`--${spec.flag} [bool]`, description).argParser((value: string) => parseScalar(schema, value));
  }
  const placeholder = schema.type === 'object' || schema.type === 'array' ? 'json' : 'value';
  const option = new Option(`--${spec.flag} <${placeholder}>`, description);
  if (schema.enum) return option.choices(schema.enum);
  return option.argParser((value: string) => parseScalar(schema, value));
}

/** The command's variables from its parsed options (`input`/`filter` fields nested again). */
function variablesOf(command: OperationCommand, options: Record<string, unknown>): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const spec of command.flags) {
    const key = spec.flag.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
    const value = options[key];
    const [variable, field] = spec.path;
    if (field === undefined) {
      if (value !== undefined) variables[variable] = value;
      continue;
    }
    const container = (variables[variable] ??= {}) as Record<string, unknown>;
    if (value !== undefined) container[field] = value;
  }
  for (const spec of command.flags) {
    const [variable, field] = spec.path;
    const given = field === undefined ? variables[variable] : (variables[variable] as Record<string, unknown>)[field];
    if (spec.required && given === undefined) throw new UsageError(`required option '--${spec.flag}' not specified`);
  }
  // An optional wrapper with nothing in it is left out, rather than sent as `{}`.
  for (const [variable, value] of Object.entries(variables)) {
    const wrapper = command.tool.inputSchema.properties?.[variable];
    const optional = !(command.tool.inputSchema.required ?? []).includes(variable);
    if (wrapper?.type === 'object' && optional && value && !Object.keys(value).length) delete variables[variable];
  }
  return variables;
}

/** The subcommand at `path` below `parent`, created (with `description`) when missing. */
function commandAt(parent: Command, path: readonly string[]): Command {
  let current = parent;
  for (const name of path) {
    current = current.commands.find((child) => child.name() === name) ?? current.command(name);
  }
  return current;
}

/** Registers every generated command below `program`. */
export function registerOperationCommands(program: Command, commands: readonly OperationCommand[], runtime: Runtime) {
  for (const command of commands) {
    const top = commandAt(program, command.path.slice(0, 1));
    // `hostctl --help` lists the top-level commands by domain (the first operation's).
    if (!top.helpGroup()) top.helpGroup(`${command.tool.group}:`);
    const target = commandAt(program, command.path).description(command.tool.description);
    for (const spec of command.flags) target.addOption(optionOf(spec));
    // `hostctl tenants get <id>`: the id may also come first, without its flag.
    const idFlag = command.flags.find((spec) => spec.flag === 'id');
    if (idFlag) target.argument('[id]', 'the global id (same as --id)');
    if (command.watchable) {
      target.option('-w, --watch', 'follow the resource until its workflow settles; exit 1 when it ends FAILED');
      target.option('--timeout <seconds>', 'how long --watch waits', (value) =>
        parseScalar({ type: 'integer' }, value),
      );
    }
    target.action(async (...args: unknown[]) => {
      const self = args[args.length - 1] as Command;
      const options = self.opts<Record<string, unknown>>();
      if (idFlag && typeof args[0] === 'string') options.id ??= args[0];
      await runOperationCommand(runtime, command, variablesOf(command, options), {
        watch: options.watch === true,
        timeoutMs: typeof options.timeout === 'number' ? options.timeout * 1000 : undefined,
      });
    });
  }
  // A command that only groups others (`fqdns`, `databases users`) is described by what it holds.
  const describeGroups = (parent: Command) => {
    for (const child of parent.commands) {
      if (!child.description()) child.description(child.commands.map((sub) => sub.name()).join(', '));
      describeGroups(child);
    }
  };
  describeGroups(program);
}
