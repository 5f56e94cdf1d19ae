import { join, resolve } from 'node:path';
import {
  commonSecrets,
  commonSettings,
  ConfigError,
  describeSettings,
  Duration,
  httpTlsSettings,
  loadConfig,
  parsers,
  tlsSettingPairs,
  tlsSettingRequirements,
  tracingSecrets,
  tracingSettings,
  type ValuesOf,
} from '@atc/shared';

const optionalString = undefined as string | undefined;

/** The node agent's settings: environment variables, or keys of the file named by ATC_CONFIG_FILE. */
export const agentSettings = {
  ...commonSettings,
  memberId: { env: 'ATC_MEMBER_ID', doc: 'member id of this agent, e.g. KZ', parse: parsers.memberId() },
  dataDir: {
    env: 'ATC_DATA_DIR',
    doc: 'folder of the outbox/inbox database and the trust list cache',
    parse: parsers.string(),
    default: '.atc/agent',
  },
  keyFile: {
    env: 'ATC_AGENT_KEY_FILE',
    doc: "the member's private signing key, a JWK file of mode 0600 (default <data dir>/member.jwk)",
    parse: parsers.string(),
    default: optionalString,
  },
  gatewayKeyFile: {
    env: 'ATC_GATEWAY_PUBLIC_KEY_FILE',
    doc: "the gateway's public JWK: the trust anchor, pinned (from `atc-gateway init`)",
    parse: parsers.string(),
  },
  gatewayId: { env: 'ATC_GATEWAY_ID', doc: "the gateway's member id", parse: parsers.memberId(), default: 'ATC' },
  httpListen: {
    env: 'ATC_HTTP_LISTEN',
    doc: 'integrator HTTP API listen address',
    parse: parsers.listen(),
    default: { host: '127.0.0.1', port: 8450 },
    defaultText: '127.0.0.1:8450',
  },
  ...httpTlsSettings,
  ...tracingSettings,
  webhookUrl: {
    env: 'ATC_WEBHOOK_URL',
    doc: "national system's webhook for received items (pull only when unset)",
    parse: parsers.url(['http:', 'https:']),
    default: optionalString,
  },
  webhookMaxAttempts: {
    env: 'ATC_WEBHOOK_MAX_ATTEMPTS',
    doc: 'webhook attempts before an item is marked failed',
    parse: parsers.int(1, 100),
    default: 12,
  },
  webhookTimeout: {
    env: 'ATC_WEBHOOK_TIMEOUT',
    doc: 'timeout of one webhook call',
    parse: parsers.duration(),
    default: 10 * Duration.second,
    defaultText: '10s',
  },
  handoverConcurrency: {
    env: 'ATC_HANDOVER_CONCURRENCY',
    doc: 'webhook calls in flight at most; versions of one record still go one at a time, in arrival order',
    parse: parsers.int(1, 256),
    default: 16,
  },
  witnessInterval: {
    env: 'ATC_WITNESS_INTERVAL',
    doc: "how often the agent fetches the centre's latest log checkpoint, checks it and cosigns it",
    parse: parsers.duration(),
    default: 30 * Duration.second,
    defaultText: '30s',
  },
  clockCheckInterval: {
    env: 'ATC_AGENT_CLOCK_CHECK_INTERVAL',
    doc: "how often the agent compares its clock with the centre's (it also does at start and with every receipt)",
    parse: parsers.duration(),
    default: 30 * Duration.second,
    defaultText: '30s',
  },
  clockOffsetPercent: {
    env: 'ATC_AGENT_CLOCK_OFFSET_PERCENT',
    doc: "how far (percent of the window the gateway accepts created_at in, its ATC_CLOCK_SKEW) this agent's clock may be off the centre's before it refuses new records",
    parse: parsers.int(5, 95),
    default: 50,
  },
  resendAfter: {
    env: 'ATC_RESEND_AFTER',
    doc: 'how long a published message waits for its receipt before it is sent again (the wait doubles each time, up to an hour)',
    parse: parsers.duration(),
    default: 30 * Duration.second,
    defaultText: '30s',
  },
  outboxRetention: {
    env: 'ATC_OUTBOX_RETENTION',
    doc: 'how long a settled outbox message (its last receipt came: rejected, or accepted and delivered to every recipient) keeps its envelope and receipts before they are pruned; its status, sequence and Idempotency-Key are kept',
    parse: parsers.duration(),
    default: 30 * Duration.day,
    defaultText: '30d',
  },
  inboxRetention: {
    env: 'ATC_INBOX_RETENTION',
    doc: 'how long an inbox item the national system took (by webhook or acknowledgement) keeps its content before it is removed; its id, sender, type, record version, times and signed header are kept, and GET /v1/inbox/{id} answers 410 ERR_ITEM_EXPIRED. Items not taken keep theirs',
    parse: parsers.duration(),
    default: 30 * Duration.day,
    defaultText: '30d',
  },
  outboxPruneInterval: {
    env: 'ATC_OUTBOX_PRUNE_INTERVAL',
    doc: 'how often settled outbox messages past ATC_OUTBOX_RETENTION are pruned, and taken inbox items past ATC_INBOX_RETENTION lose their content (also once at start)',
    parse: parsers.duration(),
    default: Duration.hour,
    defaultText: '1h',
  },
  searchTimeout: {
    env: 'ATC_SEARCH_TIMEOUT',
    doc: "how long POST /v1/databank/search waits for the centre's answer before it answers 202 with a URL to poll",
    parse: parsers.duration(),
    default: 5 * Duration.second,
    defaultText: '5s',
  },
  unknownKeyGrace: {
    env: 'ATC_UNKNOWN_KEY_GRACE',
    doc: 'how long an item signed by a key missing from the trust list is retried before it is quarantined',
    parse: parsers.duration(),
    default: Duration.minute,
    defaultText: '1m',
  },
  dropDir: {
    env: 'ATC_AGENT_DROP_DIR',
    doc: 'watched drop folder (off when unset): *.jsonl files renamed into <dir>/in/ are sent line by line, then moved to done/ or failed/ with a report',
    parse: parsers.string(),
    default: optionalString,
  },
  dropOut: {
    env: 'ATC_AGENT_DROP_OUT',
    doc: 'also write each received item to <drop dir>/out/<message id>.json (a hand-over, instead of the webhook)',
    parse: parsers.bool(),
    default: false,
  },
  dropScanInterval: {
    env: 'ATC_AGENT_DROP_SCAN_INTERVAL',
    doc: 'how often the drop folder is scanned besides the file system notifications (and a refused move retried)',
    parse: parsers.duration(),
    default: 5 * Duration.second,
    defaultText: '5s',
  },
  dropMaxFileBytes: {
    env: 'ATC_AGENT_DROP_MAX_FILE_BYTES',
    doc: 'largest file taken from the drop folder; larger ones go to failed/',
    parse: parsers.bytes(),
    default: 256 * 1024 * 1024,
    defaultText: '256MiB',
  },
  maxEnvelopeBytes: {
    env: 'ATC_MAX_ENVELOPE_BYTES',
    doc: 'largest envelope sent or accepted',
    parse: parsers.bytes(),
    default: 1024 * 1024,
    defaultText: '1MiB',
  },
  pgAdapterUrl: {
    env: 'ATC_AGENT_PG_ADAPTER_URL',
    doc: "the national system's PostgreSQL holding the outbox/inbox tables, postgres://user@host:5432/db (password in ATC_AGENT_PG_ADAPTER_PASSWORD); unset, the adapter is off",
    parse: parsePostgresUrl,
    default: optionalString,
  },
  pgAdapterSchema: {
    env: 'ATC_AGENT_PG_ADAPTER_SCHEMA',
    doc: 'schema of the adapter tables (created by `atc-agent adapter pg init`)',
    parse: parseIdentifier,
    default: 'atc_exchange',
  },
  pgAdapterOutboxTable: {
    env: 'ATC_AGENT_PG_ADAPTER_OUTBOX_TABLE',
    doc: 'table the national system inserts records to send into',
    parse: parseIdentifier,
    default: 'outbox',
  },
  pgAdapterInboxTable: {
    env: 'ATC_AGENT_PG_ADAPTER_INBOX_TABLE',
    doc: 'table the agent writes received items into (with ATC_AGENT_PG_ADAPTER_INBOX)',
    parse: parseIdentifier,
    default: 'inbox',
  },
  pgAdapterInbox: {
    env: 'ATC_AGENT_PG_ADAPTER_INBOX',
    doc: 'hand received items over by writing them into the inbox table (instead of a webhook)',
    parse: parsers.bool(),
    default: false,
  },
  pgAdapterPollInterval: {
    env: 'ATC_AGENT_PG_ADAPTER_POLL_INTERVAL',
    doc: 'how often the outbox table is read when no NOTIFY arrived (a fallback)',
    parse: parsers.duration(),
    default: 5 * Duration.second,
    defaultText: '5s',
  },
  pgAdapterBatch: {
    env: 'ATC_AGENT_PG_ADAPTER_BATCH',
    doc: 'outbox rows taken in one transaction',
    parse: parsers.int(1, 1000),
    default: 200,
  },
};

/** Checks a PostgreSQL URL: with the password kept out of it (settings are logged). */
function parsePostgresUrl(raw: string): string {
  if (!URL.canParse(raw)) throw new Error('is not a URL; write postgres://user@host:5432/database');
  const url = new URL(raw);
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`has scheme ${url.protocol.slice(0, -1)}; write postgres://user@host:5432/database`);
  }
  if (url.password !== '') {
    throw new Error(
      'contains a password; remove it from the URL and set ATC_AGENT_PG_ADAPTER_PASSWORD (or ATC_AGENT_PG_ADAPTER_PASSWORD_FILE)',
    );
  }
  if (url.pathname.length <= 1) throw new Error('names no database; write postgres://user@host:5432/database');
  return raw;
}

/** A PostgreSQL identifier the adapter puts into SQL: lower case, unquoted form only. */
function parseIdentifier(raw: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) {
    throw new Error('must be a lower-case SQL name: letters a-z, digits and _, not starting with a digit, 63 at most');
  }
  return raw;
}

/** An integrator API key must be long enough not to be guessed. */
const apiKey = (raw: string): string => {
  if (raw.length < 32) throw new Error('each API key must be at least 32 characters');
  return raw;
};

/** The agent's secrets, kept apart from the settings so that those can be logged. */
export const agentSecrets = {
  ...commonSecrets,
  ...tracingSecrets,
  apiKeys: {
    env: 'ATC_API_KEYS',
    doc: 'integrator API keys (bearer tokens), comma-separated, 32+ characters each',
    parse: parsers.list(apiKey),
  },
  webhookSecret: {
    env: 'ATC_WEBHOOK_SECRET',
    doc: 'HMAC secret of the webhook signature (required with ATC_WEBHOOK_URL)',
    parse: parsers.string(),
    default: optionalString,
  },
  pgAdapterPassword: {
    env: 'ATC_AGENT_PG_ADAPTER_PASSWORD',
    doc: 'password of the PostgreSQL user of ATC_AGENT_PG_ADAPTER_URL, if it needs one',
    parse: parsers.string(),
    default: optionalString,
  },
};

/** Validated agent configuration. Paths are absolute. */
export interface AgentConfig extends Omit<ValuesOf<typeof agentSettings>, 'keyFile'> {
  readonly keyFile: string;
  readonly databasePath: string;
  readonly trustCachePath: string;
}

/** Validated agent secrets. */
export type AgentSecrets = ValuesOf<typeof agentSecrets>;

/**
 * Reads the agent configuration from `env` (and the file ATC_CONFIG_FILE names).
 *
 * @throws ConfigError naming each bad setting.
 */
export function loadAgentConfig(env: Readonly<Record<string, string | undefined>>): {
  readonly config: AgentConfig;
  readonly secrets: AgentSecrets;
} {
  const { settings, secrets } = loadConfig(
    { settings: agentSettings, secrets: agentSecrets, together: tlsSettingPairs, requires: tlsSettingRequirements },
    { env, fileVariable: 'ATC_CONFIG_FILE' },
  );
  if (settings.webhookUrl !== undefined && secrets.webhookSecret === undefined) {
    throw new ConfigError([
      { env: 'ATC_WEBHOOK_SECRET', message: 'is required with ATC_WEBHOOK_URL: receivers check every call against it' },
    ]);
  }
  if (settings.dropOut && settings.dropDir === undefined) {
    throw new ConfigError([
      { env: 'ATC_AGENT_DROP_OUT', message: 'needs ATC_AGENT_DROP_DIR: the folder whose out/ receives the items' },
    ]);
  }
  if (settings.dropOut && settings.webhookUrl !== undefined) {
    throw new ConfigError([
      {
        env: 'ATC_AGENT_DROP_OUT',
        message: 'cannot be used with ATC_WEBHOOK_URL: each received item is handed over once, by one of them',
      },
    ]);
  }
  if (settings.pgAdapterInbox && settings.pgAdapterUrl === undefined) {
    throw new ConfigError([
      { env: 'ATC_AGENT_PG_ADAPTER_INBOX', message: 'needs ATC_AGENT_PG_ADAPTER_URL: the database to write into' },
    ]);
  }
  if (settings.pgAdapterInbox && settings.webhookUrl !== undefined) {
    throw new ConfigError([
      {
        env: 'ATC_AGENT_PG_ADAPTER_INBOX',
        message: 'and ATC_WEBHOOK_URL both hand received items over; choose one',
      },
    ]);
  }
  if (settings.pgAdapterOutboxTable === settings.pgAdapterInboxTable) {
    throw new ConfigError([
      { env: 'ATC_AGENT_PG_ADAPTER_INBOX_TABLE', message: 'must differ from ATC_AGENT_PG_ADAPTER_OUTBOX_TABLE' },
    ]);
  }
  if (settings.pgAdapterInbox && settings.dropOut) {
    throw new ConfigError([
      {
        env: 'ATC_AGENT_PG_ADAPTER_INBOX',
        message: 'and ATC_AGENT_DROP_OUT both hand received items over; choose one',
      },
    ]);
  }
  const dataDir = resolve(settings.dataDir);
  const config: AgentConfig = Object.freeze({
    ...settings,
    dataDir,
    gatewayKeyFile: resolve(settings.gatewayKeyFile),
    dropDir: settings.dropDir === undefined ? undefined : resolve(settings.dropDir),
    keyFile: resolve(settings.keyFile ?? join(dataDir, 'member.jwk')),
    databasePath: join(dataDir, 'agent.db'),
    trustCachePath: join(dataDir, 'trust-list.jws'),
  });
  return { config, secrets };
}

/** The settings table for `atc-agent --help`. */
export function describeAgentSettings(): string {
  return [...describeSettings(agentSettings), ...describeSettings(agentSecrets)].join('\n');
}

/** What `atc-agent adapter pg init` needs: the database and the table names. */
export interface PgAdapterInitConfig {
  readonly url: string;
  readonly password: string | undefined;
  readonly names: { readonly schema: string; readonly outbox: string; readonly inbox: string };
}

/**
 * Reads the adapter's database and table names from `env` (the agent's own variables), with
 * `--url` / `--schema` of the command line over them.
 *
 * @throws ConfigError naming each bad or missing setting.
 */
export function loadPgAdapterInitConfig(
  env: Readonly<Record<string, string | undefined>>,
  overrides: { readonly url?: string | undefined; readonly schema?: string | undefined },
): PgAdapterInitConfig {
  const { pgAdapterUrl, pgAdapterSchema, pgAdapterOutboxTable, pgAdapterInboxTable } = agentSettings;
  const { settings, secrets } = loadConfig(
    {
      settings: {
        pgAdapterUrl: { ...pgAdapterUrl, default: undefined, doc: 'the database (--url or ATC_AGENT_PG_ADAPTER_URL)' },
        pgAdapterSchema,
        pgAdapterOutboxTable,
        pgAdapterInboxTable,
      },
      secrets: { pgAdapterPassword: agentSecrets.pgAdapterPassword },
    },
    {
      env: {
        ...env,
        ...(overrides.url === undefined ? {} : { ATC_AGENT_PG_ADAPTER_URL: overrides.url }),
        ...(overrides.schema === undefined ? {} : { ATC_AGENT_PG_ADAPTER_SCHEMA: overrides.schema }),
      },
    },
  );
  if (settings.pgAdapterUrl === undefined) {
    throw new ConfigError([{ env: 'ATC_AGENT_PG_ADAPTER_URL', message: 'is required: give --url or set it' }]);
  }
  return {
    url: settings.pgAdapterUrl,
    password: secrets.pgAdapterPassword,
    names: {
      schema: settings.pgAdapterSchema,
      outbox: settings.pgAdapterOutboxTable,
      inbox: settings.pgAdapterInboxTable,
    },
  };
}
