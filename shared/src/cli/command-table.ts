/**
 * Runs one command with the arguments after its name and resolves with its exit status.
 * `context` is what the CLI hands every command (its streams, environment, parsed options).
 */
export type CommandHandler<C> = (args: readonly string[], context: C) => number | Promise<number>;

/** Why a command line names no command of a table: none given, or one the table does not have. */
export type CommandNameProblem =
  | { readonly kind: 'missing'; readonly names: readonly string[] }
  | { readonly kind: 'unknown'; readonly name: string; readonly names: readonly string[] };

/** A CLI's commands (or one command's subcommands) by name, with how to answer help and a wrong name. */
export interface CommandTableSpec<C> {
  /** The handlers by name, in the order the names are listed in messages. */
  readonly commands: Readonly<Record<string, CommandHandler<C>>>;
  /**
   * Prints the help, asked for with `help`, `--help` or `-h` in place of a command;
   * `topic` is the word after it when that names a command of the table.
   */
  readonly help: (context: C, topic: string | undefined) => void;
  /** The error to throw for a missing or unknown name; the CLI reports it as wrong usage. */
  readonly usageError: (problem: CommandNameProblem) => Error;
}

const HELP_WORDS: ReadonlySet<string> = new Set(['help', '--help', '-h']);

/**
 * One dispatcher for every command group: the handler of `argv[0]` runs with the rest of
 * `argv`. The table is itself a handler, so a group of subcommands is a command of the
 * table above it.
 *
 * @throws the table's usage error when `argv` names no command of the table.
 */
export function commandTable<C>(spec: CommandTableSpec<C>): CommandHandler<C> {
  const names = Object.keys(spec.commands);
  return (argv, context) => {
    const [name, ...args] = argv;
    if (name === undefined) throw spec.usageError({ kind: 'missing', names });
    if (HELP_WORDS.has(name)) {
      const topic = args[0];
      spec.help(context, topic !== undefined && Object.hasOwn(spec.commands, topic) ? topic : undefined);
      return 0;
    }
    const handler = Object.hasOwn(spec.commands, name) ? spec.commands[name] : undefined;
    if (handler === undefined) throw spec.usageError({ kind: 'unknown', name, names });
    return handler(args, context);
  };
}

/** `a, b or c` (or `a, b and c` with `conjunction` "and"): command names in a message. */
export function listNames(names: readonly string[], conjunction: 'or' | 'and'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]!}`;
}
