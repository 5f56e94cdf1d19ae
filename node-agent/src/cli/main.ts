#!/usr/bin/env node
// The `atc-agent` command: the node agent service and the tools integrators use with it.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  commandTable,
  createLogger,
  decodeUtf8,
  FORCED_EXIT,
  generateKeyPair,
  isAtcError,
  nextStopSignal,
  parseUtf8Json,
  runMain,
  saveKeyFile,
  type CommandHandler,
} from '@atc/shared';
import { AgentClient, type SendMessageBody } from '@atc/client';
import { describeAgentSettings, loadAgentConfig, loadPgAdapterInitConfig } from '../config/agent-config.js';
import { commandAnswer } from './agent-answer.js';
import { importFile } from './import-file.js';
import type { AgentStoreReport } from '../store/agent-store-backup.js';

const CLIENT_SETTINGS = `Client commands (send, import, status, inbox) talk to a running agent:
  --url <url> or ATC_AGENT_URL   the agent's API (default http://127.0.0.1:8450; the agents of
                                 "npm start" listen on 8451 and up: its banner prints each URL)
  ATC_API_KEY                    one of the agent's integrator API keys`;

const EXIT_STATUS = 'Exit status: 0 done, 1 failed, 2 wrong usage.';

/** The help of each command, printed by `atc-agent <command> --help`. */
const COMMAND_HELP = {
  keygen: `Usage: atc-agent keygen [--out <file>]

Creates the member's Ed25519 key in <file> (default member.jwk, mode 0600; an existing file is
never overwritten) and prints its kid and public JWK, which the centre registers with
"atc-gateway keys add".`,
  serve: `Usage: atc-agent serve

Runs the agent (outbox, inbox, trust list, webhook and the integrator API) until SIGINT or
SIGTERM. Its settings are listed by "atc-agent --help".`,
  send: `Usage: atc-agent send <file.json> [--url <url>]

Sends one record through a running agent: <file.json> is a POST /v1/messages body. The
Idempotency-Key is derived from the file's content, so sending the same file again creates
nothing new. Prints the agent's answer; exit 0 when it queued the record.`,
  import: `Usage: atc-agent import <file.jsonl> [--url <url>]

Sends one record per line (each a POST /v1/messages body), each with an Idempotency-Key derived
from its content, and prints how many were accepted and why each refused line was refused.
A progress bar is drawn on standard error when it is a terminal. While lines remain to be sent
or were refused, <file.jsonl>.progress keeps how many leading lines were all accepted: running
the import again resumes there (refused lines are sent again, fixed or not). It is removed once
every line was accepted. Exit 0 when every line was accepted, 1 otherwise.`,
  status: `Usage: atc-agent status <message-id> [--url <url>]

Shows a sent message: its lifecycle, receipts and delivery per recipient.`,
  inbox: `Usage: atc-agent inbox [--after <cursor>] [--withdrawals] [--url <url>]

Lists received items, or only those after <cursor>. Items of a record its originator withdrew
are erased and no longer listed; the RecordWithdrawal itself is an item, shown with its
"tombstone": who withdrew which record and why, the versions and items erased, and the
PurgeAck that told the centre once the withdrawal was taken (acknowledged or pushed).
With --withdrawals, lists only the tombstones (after <cursor>: their "cursor").`,
  state: `Usage:
  atc-agent state backup <file> [--force]
  atc-agent state restore <backup> --to <path>
  atc-agent state prune [--dry-run]

backup: copies the agent's database (ATC_DATA_DIR/agent.db: outbox, receipts, inbox, witnessed
checkpoints) to <file> while the agent runs, with SQLite's online backup of one snapshot, into
a temporary file beside it that is fsynced and renamed only once the copy passed SQLite's
integrity_check and foreign_key_check and the agent's own invariants (no outbox message above
the last sender_sequence reserved). Prints what the copy holds. An existing <file> is refused
unless --force. It reads the same settings as "serve" (at least ATC_DATA_DIR).

restore: checks <backup> the same way (a damaged, truncated or foreign file is refused with
ERR_BACKUP_INVALID), then copies it to --to <path>, which must not exist (nor its -wal or
-shm). With the agent stopped, put it in place of ATC_DATA_DIR/agent.db. What the agent
stored after the backup is not in it: README, "Backup and restore".

prune: prunes the settled outbox messages (rejected, or accepted and delivered to every
recipient) whose last receipt is older than ATC_OUTBOX_RETENTION (default 30d): their envelope,
receipts and deliveries go; status, reason, sender_sequence and Idempotency-Key stay, so a
repeated request is still a repeat and GET /v1/messages/{id} answers the final status with
"prunedAt". Then removes the content of the inbox items the national system took longer than
ATC_INBOX_RETENTION (default 30d) ago: their id, sender, type, record version, times and signed
header stay, and GET /v1/inbox/{id} answers 410 ERR_ITEM_EXPIRED. The running agent does the
same every ATC_OUTBOX_PRUNE_INTERVAL; this runs it now, in short batches, safe beside a running
agent. --dry-run only counts.`,
  adapter: `Usage: atc-agent adapter pg init [--url <postgres-url>] [--schema <name>]

Creates, in the national system's PostgreSQL, the tables of the outbox-table adapter: the
outbox table the national system inserts records to send into, the inbox table the agent
writes received items into, and the trigger that NOTIFYs the agent of new rows. Running it
again changes nothing. The database is --url or ATC_AGENT_PG_ADAPTER_URL (password in
ATC_AGENT_PG_ADAPTER_PASSWORD), the schema --schema or ATC_AGENT_PG_ADAPTER_SCHEMA, the tables
ATC_AGENT_PG_ADAPTER_OUTBOX_TABLE and ATC_AGENT_PG_ADAPTER_INBOX_TABLE.`,
} as const;

type CommandName = keyof typeof COMMAND_HELP;

function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_HELP, name);
}

const HELP = `Usage: atc-agent <command> [arguments]

The ATC Exchange node agent of one member.

Commands ("atc-agent <command> --help" describes each):
  keygen [--out <file>]      create the member's Ed25519 key (mode 0600); prints the public JWK and kid
                             to register at the centre ("atc-gateway keys add")
  serve                      run the agent: outbox, inbox, trust list, webhook and the integrator API
  send <file.json>           send one record (a POST /v1/messages body) through a running agent
  import <file.jsonl>        send one record per line; resumable; prints a summary of refused lines
  status <message-id>        show a sent message: lifecycle, receipts, delivery per recipient
  inbox [--after <n>]        list received items; --withdrawals: the tombstones of withdrawn records
  adapter pg init            create the PostgreSQL outbox/inbox tables the agent reads and writes
  state backup <file>        back up the agent's database while it runs, and check the copy
  state restore <b> --to <p> check a backup and copy it to a new database file
  state prune [--dry-run]    prune settled outbox messages and taken inbox items past their retention now

${CLIENT_SETTINGS}

${EXIT_STATUS}

Settings of "serve" (environment variables, or keys of the JSON file ATC_CONFIG_FILE names):
${describeAgentSettings()}
`;

function client(url: string | undefined): AgentClient {
  const key = process.env['ATC_API_KEY'];
  if (key === undefined || key === '')
    throw new UsageError("set ATC_API_KEY to one of the agent's integrator API keys");
  const base = url ?? process.env['ATC_AGENT_URL'] ?? 'http://127.0.0.1:8450';
  if (!URL.canParse(base) || !/^https?:$/.test(new URL(base).protocol)) {
    throw new UsageError(
      `${url === undefined ? 'ATC_AGENT_URL' : '--url'} ${JSON.stringify(base)} is not an http(s) URL`,
    );
  }
  return new AgentClient({ baseUrl: base, token: key });
}

class UsageError extends Error {}

/** The options and arguments after the command; an option no command takes is wrong usage (exit 2). */
function parseCommandLine(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        after: { type: 'string' },
        withdrawals: { type: 'boolean' },
        url: { type: 'string' },
        schema: { type: 'string' },
        force: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}; run "atc-agent --help"`);
  }
}

/** What every command of the agent CLI gets: the options and arguments after the command's name. */
type CommandLine = ReturnType<typeof parseCommandLine>;

async function keygen(_args: readonly string[], { values }: CommandLine): Promise<number> {
  const pair = generateKeyPair();
  const out = values.out ?? 'member.jwk';
  await saveKeyFile(out, pair);
  console.log(`Wrote the private key to ${out} (mode 0600). Keep it inside the national network.`);
  console.log(`kid: ${pair.kid}`);
  console.log(`public JWK (register it at the centre):\n${JSON.stringify(pair.publicJwk)}`);
  return 0;
}

async function serve(): Promise<number> {
  const { config, secrets } = loadAgentConfig(process.env);
  const logger = createLogger({ name: 'atc-agent', level: config.logLevel });
  const { startAgent } = await import('../agent.js');
  // A signal during start-up ends the process as Node does by default; once started, the
  // agent stops gracefully and a second signal (not a copy of the first) exits at once.
  const agent = await startAgent({ config, secrets, logger });
  const signal = await nextStopSignal();
  logger.info({ signal }, 'stopping the agent; send the signal again to exit at once');
  const forced = nextStopSignal().then((again) => {
    logger.warn({ signal: again }, 'second signal: exiting without waiting for the stop to finish');
    return FORCED_EXIT;
  });
  return Promise.race([agent.stop().then(() => 0), forced]);
}

async function send(_args: readonly string[], { values, positionals }: CommandLine): Promise<number> {
  const file = positionals[0];
  if (file === undefined) throw new UsageError('send needs a JSON file: atc-agent send record.json');
  const bytes = await readFile(file);
  // Strict: bytes that are not UTF-8 are refused, never sent with U+FFFD in their place.
  const body = parseUtf8Json(bytes, file);
  const { createHash } = await import('node:crypto');
  const key = `send-${createHash('sha256').update(decodeUtf8(bytes, file)).digest('hex').slice(0, 48)}`;
  // The body goes to the agent as the file has it: the agent names what is wrong with it.
  const answer = await commandAnswer(client(values.url).sendMessage(body as SendMessageBody, { idempotencyKey: key }));
  console.log(JSON.stringify(answer.body, null, 2));
  return answer.ok ? 0 : 1;
}

async function importLines(_args: readonly string[], { values, positionals }: CommandLine): Promise<number> {
  const file = positionals[0];
  if (file === undefined) throw new UsageError('import needs a JSON Lines file: atc-agent import records.jsonl');
  // A bar redrawn with \r is for a person watching a terminal; in a pipe or a log it is noise.
  const bar = process.stderr.isTTY;
  const summary = await importFile(client(values.url), file, (done, total) => {
    if (!bar) return;
    const width = 30;
    const filled = Math.round((done / Math.max(1, total)) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  });
  if (bar) process.stderr.write('\n');
  console.log(
    `${summary.accepted} accepted, ${summary.refused} refused${summary.skipped > 0 ? `, ${summary.skipped} done before (resumed)` : ''}, ${summary.total} lines`,
  );
  for (const p of summary.problems) console.log(`  line ${p.line}: ${p.code}: ${p.detail}`);
  return summary.refused === 0 ? 0 : 1;
}

async function status(_args: readonly string[], { values, positionals }: CommandLine): Promise<number> {
  const id = positionals[0];
  if (id === undefined) throw new UsageError('status needs a message id');
  const answer = await commandAnswer(client(values.url).getMessage(id));
  console.log(JSON.stringify(answer.body, null, 2));
  return answer.ok ? 0 : 1;
}

async function inbox(_args: readonly string[], { values }: CommandLine): Promise<number> {
  const query = values.after === undefined ? {} : { after: values.after };
  const agent = client(values.url);
  const answer = await commandAnswer(
    values.withdrawals === true ? agent.listWithdrawals(query) : agent.listInbox(query),
  );
  console.log(JSON.stringify(answer.body, null, 2));
  return answer.ok ? 0 : 1;
}

async function adapter(_args: readonly string[], { values, positionals }: CommandLine): Promise<number> {
  if (positionals[0] !== 'pg' || positionals[1] !== 'init' || positionals.length > 2) {
    throw new UsageError('the adapter command is: atc-agent adapter pg init [--url <postgres-url>] [--schema <name>]');
  }
  const config = loadPgAdapterInitConfig(process.env, { url: values.url, schema: values.schema });
  const { initPgTables } = await import('../adapters/pg/init-pg-tables.js');
  const made = await initPgTables(config);
  console.log(`Created ${made.outbox} (insert records to send here) and ${made.inbox} (received items).`);
  console.log(`The agent LISTENs on channel "${made.channel}"; set ATC_AGENT_PG_ADAPTER_URL to turn it on.`);
  return 0;
}

function describeStore(report: AgentStoreReport): string {
  return `${report.outbox} outbox messages (${report.unconfirmed} not yet confirmed by the gateway), last sender_sequence ${report.senderSequence}, ${report.inbox} inbox items, ${report.withdrawals} withdrawals, witnessed log size ${report.witnessedTreeSize}; integrity_check and invariants ok`;
}

async function state(_args: readonly string[], { values, positionals }: CommandLine): Promise<number> {
  const [action, file, extra] = positionals;
  const usage =
    'the state command is: atc-agent state backup <file> [--force], atc-agent state restore <backup> --to <path>, or atc-agent state prune [--dry-run]';
  if (action === 'prune' && file === undefined) return prune(values['dry-run'] === true);
  if ((action !== 'backup' && action !== 'restore') || file === undefined || extra !== undefined) {
    throw new UsageError(usage);
  }
  const { backupAgentStore, restoreAgentStore } = await import('../store/agent-store-backup.js');
  if (action === 'restore') {
    if (values.to === undefined) throw new UsageError(`state restore needs --to <path>: ${usage}`);
    const report = await restoreAgentStore(file, values.to);
    console.log(`restored ${file} to ${values.to}: ${describeStore(report)}`);
    console.log(
      `with the agent stopped, put it in place of its data dir's agent.db (and remove the old one's -wal and -shm).`,
    );
    return 0;
  }
  const { config } = loadAgentConfig(process.env);
  // Progress for a person at a terminal; in a pipe or a log it is noise.
  let last = 0;
  const report = await backupAgentStore(config.databasePath, file, {
    force: values.force === true,
    onProgress: (done, total) => {
      if (!process.stderr.isTTY || Date.now() - last < 1_000) return;
      last = Date.now();
      process.stderr.write(`copied ${done} of ${total} pages\n`);
    },
  });
  console.log(`backup written to ${file}: ${describeStore(report)}`);
  return 0;
}

async function prune(dryRun: boolean): Promise<number> {
  const { config } = loadAgentConfig(process.env);
  const { pruneOutbox } = await import('./prune-outbox.js');
  const report = await pruneOutbox(config.databasePath, {
    retentionMs: config.outboxRetention,
    inboxRetentionMs: config.inboxRetention,
    dryRun,
  });
  const settled = new Date(report.before).toISOString();
  const taken = new Date(report.inboxBefore).toISOString();
  console.log(
    `${report.dryRun ? 'would prune' : 'pruned'} ${report.messages} outbox messages settled by ${settled} (${report.receipts} receipts); ` +
      `${report.dryRun ? 'would empty' : 'emptied'} ${report.inboxItems} inbox items taken by ${taken}`,
  );
  return 0;
}

/** The commands of `atc-agent`. */
const commands = commandTable<CommandLine>({
  commands: { keygen, serve, send, import: importLines, status, inbox, adapter, state } satisfies Record<
    CommandName,
    CommandHandler<CommandLine>
  >,
  help: () => {
    console.log(HELP);
  },
  usageError: (problem) =>
    new UsageError(
      problem.kind === 'missing'
        ? 'say which command to run; run "atc-agent --help"'
        : `unknown command "${problem.name}"; run "atc-agent --help"`,
    ),
});

async function run(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const commandLine = parseCommandLine(rest);
  const { values, positionals } = commandLine;
  if (command === 'help' && positionals[0] !== undefined && isCommandName(positionals[0])) {
    console.log(`${COMMAND_HELP[positionals[0]]}\n`);
    return 0;
  }
  if (command !== undefined && isCommandName(command) && values.help === true) {
    const clientCommand = command !== 'keygen' && command !== 'serve' && command !== 'adapter' && command !== 'state';
    console.log(`${COMMAND_HELP[command]}\n${clientCommand ? `\n${CLIENT_SETTINGS}\n` : ''}\n${EXIT_STATUS}`);
    return 0;
  }
  // No command, or --help after one the agent does not have: the overview.
  if (command === undefined || values.help === true) {
    console.log(HELP);
    return 0;
  }
  return commands(argv, commandLine);
}

/** Runs `atc-agent <argv>`: 0 done, 1 failed, 2 wrong usage. */
async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`atc-agent: ${e.message}`);
      return 2;
    }
    console.error(isAtcError(e) ? `atc-agent: ${e.code}: ${e.message}` : `atc-agent: ${(e as Error).message}`);
    return 1;
  }
}

await runMain(() => main(process.argv.slice(2)));
