// `hostctl completion bash`: a bash completion script written from the command tree itself, so
// generated commands complete as soon as they exist.
import type { Command } from 'commander';

/** Every command path below `command` (`''`, `tenants`, `tenants create`, …) with its words. */
function entries(command: Command, path: string[] = []): [string, string[]][] {
  const words = [
    ...command.commands.map((child) => child.name()),
    ...command.options.flatMap((option) => [option.long, option.short]).filter((flag): flag is string => !!flag),
  ];
  return [[path.join(' '), words], ...command.commands.flatMap((child) => entries(child, [...path, child.name()]))];
}

/** Enum choices per option, so `--runtime <TAB>` offers PHP, NODE, … */
function choices(command: Command): string[] {
  const own = command.options
    .filter((option) => option.long && option.argChoices?.length)
    .map(
      (option) =>
        `    ${option.long}) COMPREPLY=($(compgen -W '${option.argChoices!.join(' ')}' -- "$cur")); return ;;`,
    );
  return [...new Set([...own, ...command.commands.flatMap(choices)])];
}

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** The bash script: `source <(hostctl completion bash)`. */
export function bashCompletion(program: Command): string {
  const name = program.name();
  const cases = entries(program).map(([path, words]) => `    ${quote(path)}) words=${quote(words.join(' '))} ;;`);
  return `# bash completion for ${name}: source <(${name} completion bash)
_${name}_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path="" word words i
  case "$prev" in
${choices(program).join('\n')}
  esac
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    [[ "$word" == -* ]] && continue
    case "\${path:+$path }$word" in
${entries(program)
  .filter(([path]) => path)
  .map(([path]) => `      ${quote(path)}) path=${quote(path)} ;;`)
  .join('\n')}
    esac
  done
  case "$path" in
${cases.join('\n')}
    *) words="" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _${name}_complete ${name}
`;
}
