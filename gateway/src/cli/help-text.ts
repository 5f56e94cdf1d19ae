import { describeGatewaySettings } from '../config/gateway-config.js';

const CHANGE_OPTIONS = `  --reason <text>   why the change is made (ticket, decision, incident); required
  --by <who>        who makes it, recorded in the audit log (default: cli:<OS user name>)`;

/** The help of each command, without the settings table. */
const COMMAND_HELP = {
  init: `Usage: atc-gateway init [--json]

Creates the data dir (mode 0700), the gateway's Ed25519 signing key (mode 0600) and the
archive database, then prints the gateway id, key id and public JWK. Node agents pin that
public key to verify receipts and the trust list.

Running it again changes nothing: it prints the existing key id and "already initialised".
A key file is never overwritten.

Options:
  --json            print {gatewayId, kid, publicJwk, keyFile, archive, created} as JSON`,

  serve: `Usage: atc-gateway serve

Runs the gateway: verifies submissions, archives, routes and signs receipts, publishes the
trust list and serves the HTTP API. Stops gracefully on SIGINT or SIGTERM (a second signal
exits at once). Run "atc-gateway init" first.`,

  members: `Usage:
  atc-gateway members add <ID> --name <text> --kind national|sectorial|observer --reason <text> [--by <who>]
  atc-gateway members list [--json]
  atc-gateway members suspend <ID> --reason <text> [--by <who>]
  atc-gateway members reinstate <ID> --reason <text> [--by <who>]

Manages the member registry. <ID> is 2-16 capital letters or digits starting with a
letter (KZ, CISEC). A suspended member neither sends nor receives until reinstated.
Changes are audited and reach a running gateway (and the trust list) within a second.

Options:
  --name <text>     the member's name (add)
  --kind <kind>     national, sectorial or observer (add)
${CHANGE_OPTIONS}
  --json            print the list as JSON (list)`,

  deliveries: `Usage:
  atc-gateway deliveries resend <MEMBER> --reason <text> [--older-than <duration>] [--by <who>]

Routes again the copies routed to <MEMBER> that its agent never confirmed (no DeliveryAck)
and that were routed longer ago than --older-than (default ATC_INBOX_MAX_AGE: the copies
the inbox stream has dropped, those GET /v1/alarms counts as inbox-expired). They are put
back to pending in the archive, audited (deliveries.resend), and the running gateway
publishes them within seconds; the member's agent takes those it lacks and drops, by
message id, those it already holds. Run it once the member's agent runs again.

Options:
  --older-than <dur>  only copies routed longer ago than this (e.g. 7d); at least the
                      inbox's de-duplication window (ATC_DUPLICATE_WINDOW)
${CHANGE_OPTIONS}`,

  keys: `Usage:
  atc-gateway keys add <MEMBER> <public-jwk-file> --reason <text> [--valid-from <time>] [--valid-until <time>] [--by <who>]
  atc-gateway keys list [<MEMBER>] [--json]
  atc-gateway keys revoke <KID> --reason-code superseded|compromised|cessation --reason <text> [--at <time>] [--by <who>]
  atc-gateway keys rotate-gateway --reason <text> [--grace <duration>] [--by <who>]

Registers and revokes members' Ed25519 signing keys. The key file holds a public JWK
({"kty":"OKP","crv":"Ed25519","x":...}); "-" reads it from standard input. Given a private
JWK, only its public part is registered, with a warning: private keys must not leave the
member. A key's id (kid) is its RFC 7638 thumbprint. Times are RFC 3339, e.g.
2026-01-15T09:30:00Z.

Revocation reasons:
  superseded        replaced by a newer key: messages created before --at stay valid
  compromised       the private key may be known to others: nothing more is accepted
  cessation         the member stopped using the key: as superseded

rotate-gateway: a new signing key for the gateway itself. The rotation is logged as two
KeyEvents signed by the old key (the old key superseded at the end of the grace period, the
new key registered); the new key replaces the key file and the old one is kept beside it as
<key file>.<old kid>.retired. Restart every replica; node agents verify the announcement with
the key they pinned and follow. Works beside a running gateway (README, "Rotating the
gateway's key").

Options:
  --grace <duration>    rotate-gateway: how long the old key stays valid for what it signed (default 1h)
  --valid-from <time>   start of validity (add; default now)
  --valid-until <time>  end of validity, exclusive (add; default none)
  --reason-code <code>  superseded, compromised or cessation (revoke)
  --at <time>           when the revocation takes effect (revoke; default now; may be earlier)
${CHANGE_OPTIONS}
  --json                print the list as JSON (list)`,

  tokens: `Usage:
  atc-gateway tokens add --name <name> --role admin|operator|auditor --reason <text> [--expires <time>] [--by <who>] [--json]
  atc-gateway tokens list [--json]
  atc-gateway tokens revoke <name> --reason <text> [--by <who>]

Manages the bearer tokens of the HTTP API. "add" prints a new random token once: store
it then, the gateway keeps only its SHA-256 (in ATC_TOKENS_FILE, mode 0600). Send it as
"Authorization: Bearer <token>". A running gateway sees added and revoked tokens within a
second or two; changes are audited.

Roles:
  operator          flow statistics, the live event feed, message details, data bank metadata
  auditor           message details, the log entries, data bank metadata and record content
                    (with a stated purpose, audited)
  admin             everything the other roles may do

Options:
  --name <name>     unique name of the token's holder, e.g. ops-console (add)
  --role <role>     admin, operator or auditor (add)
  --expires <time>  when the token stops working: an RFC 3339 time, e.g.
                    2026-01-15T09:30:00Z, or a duration from now such as 12h or 90d
                    (add; default never)
${CHANGE_OPTIONS}
  --json            print the new token, or the list, as JSON`,

  audit: `Usage:
  atc-gateway audit [--limit <N>] [--subject <ID or KID>] [--action <action>] [--json]
  atc-gateway audit verify [--json]

Prints the audit log, newest first: when, who, in which role, what, about what, and why (the
reason of a change, the stated purpose of a read). It holds registry and token changes, data
bank decisions and every read of record content (action databank.read).

verify: walks the log's hash chain (each row's hash = SHA-256 over the previous row's hash and
the row) and exits 1 naming the first row that was changed, removed or inserted outside the
gateway. On success it prints the hash of the last row: note it, to see later that no rows
were cut from the end.

Options:
  --limit <N>       how many entries (default 20, at most 10000)
  --subject <id>    only the entries about this member id, key id, token:<name> or
                    record:<originator>/<record id> (a key id that starts with "-": write --subject=<kid>)
  --action <name>   only the entries of this action, e.g. databank.read or member.add
  --json            print the entries (or the verification) as JSON`,

  archive: `Usage:
  atc-gateway archive verify [--json]
  atc-gateway archive export --out <file> [--from <leaf>] [--to <leaf>]
  atc-gateway archive retain
  atc-gateway archive prune [--dry-run]
  atc-gateway archive backup <file> [--force] [--json]
  atc-gateway archive restore <backup> --to <path> [--json]

verify: recomputes the whole log from the archived envelopes, re-verifies every signature
with the key valid when the envelope was archived, compares every stored subtree and every
signed checkpoint, and reports erased payloads. Shows progress; exits 1 naming the first
discrepancy (leaf index, message id, what differs). Safe beside a running gateway: it reads
one snapshot of the archive and verifies the log as of that commit.

export: writes a self-contained bundle of log entries [--from, --to) (default: all) with
their envelopes, inclusion proofs in the latest checkpoint, the keys, earlier checkpoints
with consistency proofs, and the gateway key rotations that lead back to older keys.
"atc-verify <file>" ("npx atc-verify <file>" or "npm run atc-verify -- <file>" in the
repository) checks it with no database and no network; add --gateway-key <public.jwk> to
require the gateway key you trust.

retain: erases now the payloads that are due (handling.review_by passed, or the record type's
ATC_RETENTION period since archiving), as the running gateway does every ATC_RETENTION_SWEEP.
Header, signature and leaf hash stay: the log still verifies.

prune: prunes now the old signed checkpoints and their cosignatures, as the running gateway
does every ATC_RETENTION_SWEEP: every checkpoint younger than ATC_CHECKPOINT_KEEP_ALL (7d) is
kept, of the older ones the last of each ATC_CHECKPOINT_KEEP_ONE_PER (1d, UTC), and always the
newest and each witness's newest cosigned with the one after it. The log's tree is kept whole:
proofs for any size are still served and the log still verifies. --dry-run only counts.

backup: copies the SQLite archive to <file> while the gateway runs and writes (SQLite's online
backup of one snapshot, with progress), into a temporary file beside it that is fsynced and
renamed only once the copy passed integrity_check and verify's checks of the log; prints its
entries and latest checkpoint (size and root: keep them to prove later that the live log
extends the backup). An existing <file> is refused unless --force. A PostgreSQL archive
(ATC_ARCHIVE_URL) is refused: back it up with pg_dump -Fc (README, "Backup and restore").

restore: checks <backup> as backup does (a damaged, truncated or foreign file is refused with
ERR_BACKUP_INVALID), then copies it to the new file --to <path>, which must not exist (nor its
-wal or -shm). Start a gateway on it with ATC_ARCHIVE_PATH=<path>, or, with the gateway
stopped, put it in place of the data dir's archive.db (and remove the old one's -wal and -shm,
and its data bank's file archive.databank.db: the gateway rebuilds the bank from the archive).

Options:
  --json            print the verification (or backup, restore) report as JSON
  --force           replace an existing backup file (backup)
  --to <path>       the archive file to create (restore)
  --out <file>      the bundle file to create; never overwritten (export)
  --from <leaf>     first entry (export; default 0)
  --to <leaf>       end of the range, exclusive (export; default the latest checkpoint's size)`,

  databank: `Usage:
  atc-gateway databank status [--json]
  atc-gateway databank rebuild --reason <why> [--by <who>]
  atc-gateway databank relink --reason <why> [--by <who>]
  atc-gateway databank review [--within-days <n>] [--member <id>] [--exercise] [--json]

status: the data bank's cursor (next archive log entry to apply), the log's size, the lag
between them, how many records, conflicts and flags the bank holds, and the link threshold.

review: records whose review date (handling.review_by) is within <n> days (default 30) or
already past, per originator, with the review Notice that announced each (--exercise: the
exercise namespace). A record past its date is out of the current view until its originator
sends a newer version with a later date.

rebuild: empties the data bank and applies the whole archive again from entry 0, showing
progress; the result is the bank an uninterrupted projection builds. A running gateway
goes on projecting meanwhile: every entry is still applied once.

relink: proposes every person's candidate links again with the link threshold now set
(ATC_LINK_THRESHOLD): open candidates scoring below it go, pairs scoring at least it are
proposed. Confirmed and rejected candidates, and every operator decision, stay as they are.

rebuild and relink change the bank: each is audited (databank.rebuild, databank.relink) with
--reason and --by.

Options:
  --json            print the status as JSON (status)
  --reason <why>    why the bank is rebuilt or relinked (required: ticket, decision or incident)
  --by <who>        who does it (default cli:<OS user name>)`,

  'nats-config': `Usage: atc-gateway nats-config --out <dir> [--rotate <MEMBER>]... [--server-config <file>]

Writes the NATS transport isolation for the registry's members into <dir>:
  accounts.conf       the nats-server accounts (mode 0644, public nkeys only): the gateway's
                      account with JetStream, and one account per member that can only
                      publish to its own submit subject, pull and ack its own inbox
                      consumer, read the trust list and call its own log service
  gateway.nk          the gateway's NATS nkey seed (mode 0600): ATC_NATS_NKEY_FILE of serve
  members/<ID>.nk     each member's NATS nkey seed (mode 0600): hand it to the member over a
                      secure channel; its agent's ATC_NATS_NKEY_FILE

Existing seeds are kept, so running it again after "members add" only adds the new
members; a missing seed is created. Include accounts.conf from the nats-server
configuration (path relative to that file's folder; that file must enable JetStream in a
jetstream block). New members need a restart of nats-server (2.9 does not connect
accounts added by a reload); a rotated seed needs only a reload (nats-server --signal
reload, or SIGHUP). Members' agents connect with the reply prefix _INBOX_<ID>; other
clients of a member must set it too.

Options:
  --out <dir>             where to write (created with mode 0755; members/ with 0700)
  --rotate <MEMBER>       replace that member's seed (repeatable); the old one stops
                          working at the next reload
  --server-config <file>  the nats-server configuration file, to print the exact include line`,
} as const;

/** A command of the CLI. */
export type CommandName = keyof typeof COMMAND_HELP;

/** True when `name` is a command of the CLI. */
export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_HELP, name);
}

const MAIN_HELP = `Usage: atc-gateway <command> [arguments] [--help]

The ATC Exchange gateway and its administration.

Commands:
  init        create the data dir, the gateway key and the archive
  serve       run the gateway
  members     add, list, suspend and reinstate members
  keys        add, list and revoke members' signing keys
  tokens      add, list and revoke the HTTP API's bearer tokens
  audit       show who changed the registry or the tokens, and why
  archive     verify the archive log; export entries for offline verification; back it up
  databank    the data bank's status; rebuild it from the archive; relink its persons
  deliveries  route again the copies a member's inbox dropped before its agent took them
  nats-config write the per-member NATS accounts and nkey seeds for nats-server

Run "atc-gateway <command> --help" for a command's arguments.
Exit status: 0 done, 1 failed, 2 wrong usage.`;

function settingsTable(): string {
  return `Settings (environment variables, or keys of the JSON file ATC_CONFIG_FILE names):\n${describeGatewaySettings()}`;
}

/** The help text of a command (or of the CLI when `command` is undefined), with the settings table. */
export function helpText(command?: CommandName): string {
  return `${command === undefined ? MAIN_HELP : COMMAND_HELP[command]}\n\n${settingsTable()}`;
}
