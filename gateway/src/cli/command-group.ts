import { commandTable, listNames, type CommandHandler } from '@atc/shared';
import type { CliIo } from './cli-io.js';
import { helpText, type CommandName } from './help-text.js';
import { UsageError } from './usage-error.js';

/** Runs one subcommand of the gateway CLI with the arguments after its name; resolves with the exit status. */
export type GatewayCommand = CommandHandler<CliIo>;

/**
 * The command `atc-gateway <group>` made of subcommands (`keys add|list|revoke`): the
 * handler named by the first argument runs; `help`, `--help` or `-h` prints the group's
 * help; no name or an unknown one is wrong usage, naming the subcommands of `subcommands`.
 */
export function commandGroup(
  group: CommandName,
  subcommands: Readonly<Record<string, GatewayCommand>>,
): GatewayCommand {
  return commandTable<CliIo>({
    commands: subcommands,
    help: (io) => {
      io.out(helpText(group));
    },
    usageError: (problem) =>
      new UsageError(
        group,
        problem.kind === 'missing'
          ? `${group}: say what to do: ${listNames(problem.names, 'or')}`
          : `${group}: unknown subcommand ${JSON.stringify(problem.name)}; use ${listNames(problem.names, 'or')}`,
      ),
  });
}
