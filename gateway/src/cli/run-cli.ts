import { commandTable, isAtcError, listNames } from '@atc/shared';
import type { CliIo } from './cli-io.js';
import type { GatewayCommand } from './command-group.js';
import { archiveCommand } from './commands/archive-command.js';
import { auditCommand } from './commands/audit-command.js';
import { databankCommand } from './commands/databank-command.js';
import { deliveriesCommand } from './commands/deliveries-command.js';
import { initCommand } from './commands/init-command.js';
import { keysCommand } from './commands/keys-command.js';
import { membersCommand } from './commands/members-command.js';
import { natsConfigCommand } from './commands/nats-config-command.js';
import { serveCommand } from './commands/serve-command.js';
import { tokensCommand } from './commands/tokens-command.js';
import { helpText, isCommandName, type CommandName } from './help-text.js';
import { UsageError } from './usage-error.js';

/** Exit statuses of the CLI. */
export const ExitCode = { OK: 0, FAILURE: 1, USAGE: 2 } as const;

/** The commands of `atc-gateway`, in the order their names are listed in messages. */
const run = commandTable<CliIo>({
  commands: {
    init: initCommand,
    serve: serveCommand,
    members: membersCommand,
    keys: keysCommand,
    tokens: tokensCommand,
    audit: auditCommand,
    archive: archiveCommand,
    databank: databankCommand,
    deliveries: deliveriesCommand,
    'nats-config': natsConfigCommand,
  } satisfies Record<CommandName, GatewayCommand>,
  help: (io, topic) => {
    io.out(helpText(topic !== undefined && isCommandName(topic) ? topic : undefined));
  },
  usageError: (problem) =>
    new UsageError(
      '',
      problem.kind === 'missing'
        ? 'say which command to run'
        : `unknown command ${JSON.stringify(problem.name)}; the commands are ${listNames(problem.names, 'and')}`,
    ),
});

/**
 * Runs `atc-gateway <argv>` and resolves with its exit status: 0 done, 1 failed, 2 wrong
 * usage. Errors are printed as `atc-gateway: <code>: <message>`; a stack trace only for
 * errors that are not the project's own (those are bugs).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    return report(e, io);
  }
}

function report(e: unknown, io: CliIo): number {
  if (e instanceof UsageError) {
    io.err(`atc-gateway: ${e.code}: ${e.message}`);
    io.err(`Run "atc-gateway ${e.command === '' ? '' : `${e.command} `}--help" for usage.`);
    return ExitCode.USAGE;
  }
  if (isAtcError(e)) {
    io.err(`atc-gateway: ${e.code}: ${e.message}`);
    return ExitCode.FAILURE;
  }
  io.err(`atc-gateway: ERR_INTERNAL: unexpected error, please report it: ${String(e)}`);
  if (e instanceof Error && e.stack !== undefined) io.err(e.stack);
  return ExitCode.FAILURE;
}
