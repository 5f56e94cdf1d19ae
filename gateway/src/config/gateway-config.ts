import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  commonSecrets,
  commonSettings,
  describeSettings,
  Duration,
  httpTlsSettings,
  loadConfig,
  parsers,
  payloadKind,
  PayloadType,
  tlsSettingPairs,
  tlsSettingRequirements,
  tracingSecrets,
  tracingSettings,
  type ValuesOf,
} from '@atc/shared';
import { DEFAULT_LINK_THRESHOLD, parseLinkThreshold } from './link-threshold.js';
import type { ArchiveLocation } from '../db/open-database.js';
import { INBOX_ACK_WAIT_MS, SUBMIT_ACK_WAIT_MS } from '../nats/provision.js';

const optionalString = undefined as string | undefined;

const RECORD_TYPE_NAMES = [
  ...Object.values(PayloadType).filter((t) => payloadKind(t) === 'record'),
  PayloadType.DataBankResult,
].map((t) => t.slice('atc.v1.'.length));

/** Parses `Type=duration,...` (type names without the package; `default` for the rest). */
function parseRetention(raw: string): Readonly<Record<string, number>> {
  const duration = parsers.duration();
  const policy: Record<string, number> = {};
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const [name, value] = part.split('=').map((p) => p.trim());
    if (name === undefined || value === undefined || (name !== 'default' && !RECORD_TYPE_NAMES.includes(name))) {
      throw new Error(
        `"${part}" is not <type>=<duration> with a type among ${RECORD_TYPE_NAMES.join(', ')} or default`,
      );
    }
    policy[name === 'default' ? 'default' : `atc.v1.${name}`] = duration(value);
  }
  return Object.freeze(policy);
}

/** Hours, a decimal number greater than 0 and at most a year (8760). */
function parseHours(raw: string): number {
  const hours = /^[0-9]+(\.[0-9]+)?$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!(hours > 0 && hours <= 8760))
    throw new Error(`"${raw}" is not a number of hours greater than 0 and at most 8760`);
  return hours;
}

/**
 * Reads a duration from `min` to `max` (`range` says them as the refusal writes them, e.g.
 * "1s to 1h"); a value outside is refused with the range and `examples` of good values.
 */
function durationWithin(min: number, max: number, range: string, examples: string): (raw: string) => number {
  return (raw) => {
    const ms = parsers.duration()(raw);
    if (ms < min || ms > max) throw new Error(`"${raw}" is outside ${range}; write a duration such as ${examples}`);
    return ms;
  };
}

/** A session lifetime: a duration (`30s`, `30m`, `8h`) of at least one second and at most 30 days. */
const parseSessionDuration = durationWithin(Duration.second, 30 * Duration.day, '1s to 30d', '30m or 8h');

/** Where the built console is by default: `console/dist` of the repository this package is in. */
function defaultConsoleDir(): string {
  // This module is gateway/src/config/*.ts or gateway/dist/config/*.js: the repository is three levels up.
  return fileURLToPath(new URL('../../../console/dist', import.meta.url));
}

/**
 * A duration longer than zero (an alarm threshold of zero would raise every alarm at once), as
 * ATC_INBOX_MAX_AGE, ATC_PENDING_SWEEP and the alarm thresholds are read; throws a message
 * starting "must".
 */
export function parsePositiveDuration(raw: string): number {
  const ms = parsers.duration()(raw);
  if (ms <= 0) throw new Error('must be longer than 0, e.g. 30m or 24h');
  return ms;
}

/**
 * The inbox consumers' ack wait: from 5 s to an hour. The floor is a judgement, not a measured
 * bound: an agent acknowledges a burst of items once they are stored, and its database may
 * wait up to 5 s for a lock (its busy timeout); with a shorter wait, items still being stored
 * would be handed out again (stored once all the same, but checked twice on a busy agent).
 */
const parseInboxAckWait = durationWithin(5 * Duration.second, Duration.hour, '5s to 1h', '30s or 2m');

/**
 * The submit consumer's ack wait: from 1 s to an hour. A replica reports the submissions it
 * holds in progress every third of it (every 333 ms at 1 s); one whose event loop stalls past
 * the wait has them handed to another replica, which judges them again (exact replays: work
 * done twice, nothing archived twice). The floor is a judgement, not a measured bound.
 */
const parseSubmitAckWait = durationWithin(Duration.second, Duration.hour, '1s to 1h', '15s or 1m');

/** A default answer time of information requests: a duration from one minute to a year. */
const parseAnswerTime = durationWithin(Duration.minute, 365 * Duration.day, '1m to 365d', '1h, 8h or 120h');

/** Checks an archive URL: PostgreSQL, with the password kept out of it (settings are logged). */
function parsePostgresUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('is not a URL; write postgres://user@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`has scheme ${url.protocol.slice(0, -1)}; write postgres://user@host:5432/database`);
  }
  if (url.password !== '') {
    throw new Error(
      'contains a password; remove it from the URL and set ATC_ARCHIVE_PASSWORD (or ATC_ARCHIVE_PASSWORD_FILE)',
    );
  }
  if (url.pathname.length <= 1) throw new Error('names no database; write postgres://user@host:5432/database');
  return raw;
}

/** The gateway's settings: environment variables, or keys of the file named by ATC_CONFIG_FILE. */
export const gatewaySettings = {
  ...commonSettings,
  gatewayId: { env: 'ATC_GATEWAY_ID', doc: "the gateway's own member id", parse: parsers.memberId(), default: 'ATC' },
  dataDir: {
    env: 'ATC_DATA_DIR',
    doc: 'folder of the archive and the gateway key',
    parse: parsers.string(),
    default: '.atc/gateway',
  },
  archivePath: {
    env: 'ATC_ARCHIVE_PATH',
    doc: 'SQLite archive file (default <data dir>/archive.db)',
    parse: parsers.string(),
    default: optionalString,
  },
  archiveUrl: {
    env: 'ATC_ARCHIVE_URL',
    doc: 'PostgreSQL archive, postgres://user@host:5432/db (password in ATC_ARCHIVE_PASSWORD); unset, the SQLite file is used',
    parse: parsePostgresUrl,
    default: optionalString,
  },
  keyFile: {
    env: 'ATC_GATEWAY_KEY_FILE',
    doc: "the gateway's private signing key, a JWK file of mode 0600 (default <data dir>/gateway.jwk)",
    parse: parsers.string(),
    default: optionalString,
  },
  tokensFile: {
    env: 'ATC_TOKENS_FILE',
    doc: 'operator tokens (SHA-256 hashes, names, roles), mode 0600 (default <data dir>/tokens.json)',
    parse: parsers.string(),
    default: optionalString,
  },
  streamReplicas: {
    env: 'ATC_STREAM_REPLICAS',
    doc: 'JetStream replicas of the streams (1, or 3 in a cluster)',
    parse: parsers.int(1, 5),
    default: 1,
  },
  duplicateWindow: {
    env: 'ATC_DUPLICATE_WINDOW',
    doc: 'JetStream de-duplication window of the streams',
    parse: parsers.duration(),
    default: 10 * Duration.minute,
    defaultText: '10m',
  },
  maxEnvelopeBytes: {
    env: 'ATC_MAX_ENVELOPE_BYTES',
    doc: 'largest envelope accepted',
    parse: parsers.bytes(),
    default: 1024 * 1024,
    defaultText: '1MiB',
  },
  inboxMaxAge: {
    env: 'ATC_INBOX_MAX_AGE',
    doc: "how long routed copies and receipts wait in a member's inbox stream (ATC_INBOX) for its agent; older ones are dropped by JetStream and counted as expired deliveries",
    parse: parsePositiveDuration,
    default: 90 * Duration.day,
    defaultText: '90d',
  },
  inboxAckWait: {
    env: 'ATC_INBOX_ACK_WAIT',
    doc: "how long JetStream waits for a member's agent to acknowledge an inbox item before handing it out again (the ack wait of every inbox consumer, set at start): after a member's link broke, what was on its way to the agent comes again this much after it was handed out; an agent acknowledges an item once stored, and takes one handed out twice once",
    parse: parseInboxAckWait,
    default: INBOX_ACK_WAIT_MS,
    defaultText: '30s',
  },
  submitAckWait: {
    env: 'ATC_SUBMIT_ACK_WAIT',
    doc: "how long JetStream waits for a gateway replica to acknowledge a submission before handing it to a replica again (the ack wait of the gateway's consumer on ATC_SUBMIT, set at start; the same on every replica, the last started sets it): what a replica held when it died is judged again this much after it was handed out; a replica that lives reports what it holds in progress every third of it, and a submission judged twice is an exact replay",
    parse: parseSubmitAckWait,
    default: SUBMIT_ACK_WAIT_MS,
    defaultText: '15s',
  },
  pendingSweep: {
    env: 'ATC_PENDING_SWEEP',
    doc: 'how often the gateway looks for copies left pending (put back by `deliveries resend`, or by a replica that stopped between commit and publication) and routes those pending at two looks in a row again',
    parse: parsePositiveDuration,
    default: 2 * Duration.second,
    defaultText: '2s',
  },
  clockSkew: {
    env: 'ATC_CLOCK_SKEW',
    doc: 'how far in the future created_at may be',
    parse: parsers.duration(),
    default: 5 * Duration.minute,
    defaultText: '5m',
  },
  acceptWindow: {
    env: 'ATC_ACCEPT_WINDOW',
    doc: 'how old created_at may be',
    parse: parsers.duration(),
    default: 30 * Duration.day,
    defaultText: '30d',
  },
  verifyWorkers: {
    env: 'ATC_VERIFY_WORKERS',
    doc: "worker threads checking the submissions' signatures and signing the receipts of large batches (0: all on the main thread)",
    parse: parsers.int(0, 64),
    default: Math.max(1, availableParallelism() - 1),
    defaultText: 'cores - 1, at least 1',
  },
  batchSize: {
    env: 'ATC_BATCH_SIZE',
    doc: 'submissions fetched and committed together',
    parse: parsers.int(1, 10_000),
    default: 256,
  },
  logOrigin: {
    env: 'ATC_LOG_ORIGIN',
    doc: "origin line of the archive log's checkpoints, also their signing key name (default atc-exchange/<gateway id>)",
    parse: parsers.string(),
    default: optionalString,
  },
  retention: {
    env: 'ATC_RETENTION',
    doc: 'how long record payloads are kept after archiving, per type: e.g. "PersonRecord=1825d,default=3650d" (review_by always applies)',
    parse: parseRetention,
    default: {} as Readonly<Record<string, number>>,
    defaultText: 'none (only review_by)',
  },
  retentionSweep: {
    env: 'ATC_RETENTION_SWEEP',
    doc: 'how often payloads due for erasure are looked for',
    parse: parsers.duration(),
    default: Duration.hour,
    defaultText: '1h',
  },
  checkpointKeepAll: {
    env: 'ATC_CHECKPOINT_KEEP_ALL',
    doc: "how long every signed log checkpoint is kept; older ones are pruned to one per ATC_CHECKPOINT_KEEP_ONE_PER (the newest, and each witness's newest cosigned, are always kept)",
    parse: parsers.duration(),
    default: 7 * Duration.day,
    defaultText: '7d',
  },
  checkpointKeepOnePer: {
    env: 'ATC_CHECKPOINT_KEEP_ONE_PER',
    doc: 'of the checkpoints older than ATC_CHECKPOINT_KEEP_ALL, the last of each such period (UTC) is kept',
    parse: parsers.duration(),
    default: Duration.day,
    defaultText: '1d',
  },
  databankPurgeOverdueHours: {
    env: 'ATC_DATABANK_PURGE_OVERDUE_HOURS',
    doc: 'hours after a withdrawal was routed when a member that has not acknowledged its purge (PurgeAck) is overdue',
    parse: parseHours,
    default: 24,
  },
  searchRatePerMinute: {
    env: 'ATC_SEARCH_RATE_PER_MINUTE',
    doc: 'data bank searches one operator token may make per minute on average through POST /v1/databank/search (beyond them: 429 ERR_RATE_LIMITED)',
    parse: parsers.int(1, 1_000_000),
    default: 120,
  },
  searchRateBurst: {
    env: 'ATC_SEARCH_RATE_BURST',
    doc: 'data bank searches one operator token may make at once before ATC_SEARCH_RATE_PER_MINUTE applies',
    parse: parsers.int(1, 1_000_000),
    default: 20,
  },
  memberSearchRatePerMinute: {
    env: 'ATC_MEMBER_SEARCH_RATE_PER_MINUTE',
    doc: "data bank queries (DataBankQuery) of one member the centre searches per minute on average; beyond them the query is archived and answered with a DataBankResult refusing it (ERR_RATE_LIMITED, with the seconds to wait), which the member's agent gives as 429",
    parse: parsers.int(1, 1_000_000),
    default: 120,
  },
  memberSearchRateBurst: {
    env: 'ATC_MEMBER_SEARCH_RATE_BURST',
    doc: 'data bank queries one member may send at once before ATC_MEMBER_SEARCH_RATE_PER_MINUTE applies',
    parse: parsers.int(1, 1_000_000),
    default: 30,
  },
  databankNice: {
    env: 'ATC_DATABANK_NICE',
    doc: "data bank: the nice value (0 to 19, Linux) of the projection's own thread; above 0 the pipeline's threads win the CPU when the machine is saturated, and the bank catches up when it is not",
    parse: parsers.int(0, 19),
    default: 0,
  },
  databankHeapMb: {
    env: 'ATC_DATABANK_HEAP_MB',
    doc: "data bank: the V8 heap limit (old generation, MiB) of the projection's own thread; under about 2 GiB V8 collects a heap when it has grown by about 1.4 times what it holds instead of 4 times, and the projection allocates much and keeps little (about 50 MB); a thread that runs out is started again and its batch applied again",
    parse: parsers.int(64, 65_536),
    default: 512,
  },
  linkThreshold: {
    env: 'ATC_LINK_THRESHOLD',
    doc: 'data bank: the search score (0 to 1) from which two person records are proposed as a candidate link; a change applies to records projected afterwards, `atc-gateway databank relink` applies it to the whole bank',
    parse: parseLinkThreshold,
    default: DEFAULT_LINK_THRESHOLD,
  },
  reviewNoticeDays: {
    env: 'ATC_DATABANK_REVIEW_NOTICE_DAYS',
    doc: 'data bank: days before its review date (handling.review_by) that a record is announced to its originator in a review Notice',
    parse: parsers.int(1, 365),
    default: 30,
  },
  reviewCheck: {
    env: 'ATC_DATABANK_REVIEW_CHECK',
    doc: 'data bank: how often the leading replica looks for records to announce in review Notices',
    parse: parsers.duration(),
    default: Duration.hour,
    defaultText: '1h',
  },
  slaImmediate: {
    env: 'ATC_SLA_IMMEDIATE',
    doc: 'information requests: time to answer an IMMEDIATE request whose header names no reply_due_at',
    parse: parseAnswerTime,
    default: Duration.hour,
    defaultText: '1h',
  },
  slaUrgent: {
    env: 'ATC_SLA_URGENT',
    doc: 'information requests: time to answer an URGENT request whose header names no reply_due_at',
    parse: parseAnswerTime,
    default: 8 * Duration.hour,
    defaultText: '8h',
  },
  slaNormal: {
    env: 'ATC_SLA_NORMAL',
    doc: 'information requests: time to answer a NORMAL request whose header names no reply_due_at',
    parse: parseAnswerTime,
    default: 5 * Duration.day,
    defaultText: '120h',
  },
  slaCheck: {
    env: 'ATC_SLA_CHECK',
    doc: 'information requests: how often the leading replica looks for overdue requests to announce in Notices',
    parse: parsePositiveDuration,
    default: Duration.minute,
    defaultText: '1m',
  },
  consoleDir: {
    env: 'ATC_CONSOLE_DIR',
    doc: 'folder of the built operator console served at /console/ (default console/dist of the repository)',
    parse: parsers.string(),
    default: optionalString,
  },
  consoleSessionIdle: {
    env: 'ATC_CONSOLE_SESSION_IDLE',
    doc: 'console sign-in: a session unused this long ends (1s to 30d)',
    parse: parseSessionDuration,
    default: 30 * Duration.minute,
    defaultText: '30m',
  },
  consoleSessionMax: {
    env: 'ATC_CONSOLE_SESSION_MAX',
    doc: 'console sign-in: a session ends this long after sign-in, used or not (1s to 30d)',
    parse: parseSessionDuration,
    default: 8 * Duration.hour,
    defaultText: '8h',
  },
  alarmMemberSilent: {
    env: 'ATC_ALARM_MEMBER_SILENT',
    doc: 'console alarms: an active member from which no message was archived for this long is silent',
    parse: parsePositiveDuration,
    default: Duration.day,
    defaultText: '24h',
  },
  alarmWitnessStale: {
    env: 'ATC_ALARM_WITNESS_STALE',
    doc: "console alarms: how long a log checkpoint may wait for an active member's witness cosignature",
    parse: parsePositiveDuration,
    default: 10 * Duration.minute,
    defaultText: '10m',
  },
  sequenceGrace: {
    env: 'ATC_SEQUENCE_GRACE',
    doc: "sequence audit: how long a number missing from a member's sender_sequence may still arrive (after a later one was archived) before it is recorded as a gap",
    parse: parsePositiveDuration,
    default: 10 * Duration.minute,
    defaultText: '10m',
  },
  alarmAnomalyWindow: {
    env: 'ATC_ALARM_ANOMALY_WINDOW',
    doc: "console alarms: how long a member's sequence anomaly stays an alarm",
    parse: parsePositiveDuration,
    default: Duration.day,
    defaultText: '24h',
  },
  messageSearchScanBudget: {
    env: 'ATC_MESSAGE_SEARCH_SCAN_BUDGET',
    doc: 'message search (GET /v1/messages): archive entries one page may examine before it returns the matches found so far, marked partial',
    parse: parsers.int(1, 10_000_000),
    default: 10_000,
  },
  httpListen: {
    env: 'ATC_HTTP_LISTEN',
    doc: 'HTTP API listen address',
    parse: parsers.listen(),
    default: { host: '127.0.0.1', port: 8440 },
    defaultText: '127.0.0.1:8440',
  },
  ...httpTlsSettings,
  ...tracingSettings,
};

/** The gateway's secrets, kept apart from the settings so that those can be logged. */
export const gatewaySecrets = {
  ...commonSecrets,
  ...tracingSecrets,
  archivePassword: {
    env: 'ATC_ARCHIVE_PASSWORD',
    doc: 'password of the PostgreSQL archive user (with ATC_ARCHIVE_URL); or ATC_ARCHIVE_PASSWORD_FILE naming a file that holds it',
    parse: parsers.string(),
    default: optionalString,
  },
};

/** Validated gateway configuration. Paths are absolute. */
export interface GatewayConfig extends Omit<
  ValuesOf<typeof gatewaySettings>,
  'archivePath' | 'keyFile' | 'tokensFile' | 'logOrigin' | 'consoleDir'
> {
  readonly archivePath: string;
  readonly keyFile: string;
  readonly tokensFile: string;
  readonly logOrigin: string;
  /** The built console's folder (absolute); it may not exist, and the console then says how to build it. */
  readonly consoleDir: string;
}

/** Validated gateway secrets. */
export type GatewaySecrets = ValuesOf<typeof gatewaySecrets>;

/**
 * Reads the gateway configuration from `env` (and the file ATC_CONFIG_FILE names).
 *
 * @throws ConfigError naming each bad setting.
 */
export function loadGatewayConfig(env: Readonly<Record<string, string | undefined>>): {
  readonly config: GatewayConfig;
  readonly secrets: GatewaySecrets;
} {
  const { settings, secrets } = loadConfig(
    { settings: gatewaySettings, secrets: gatewaySecrets, together: tlsSettingPairs, requires: tlsSettingRequirements },
    { env, fileVariable: 'ATC_CONFIG_FILE' },
  );
  const dataDir = resolve(settings.dataDir);
  const config: GatewayConfig = Object.freeze({
    ...settings,
    dataDir,
    archivePath: resolve(settings.archivePath ?? join(dataDir, 'archive.db')),
    keyFile: resolve(settings.keyFile ?? join(dataDir, 'gateway.jwk')),
    logOrigin: settings.logOrigin ?? `atc-exchange/${settings.gatewayId}`,
    tokensFile: resolve(settings.tokensFile ?? join(dataDir, 'tokens.json')),
    consoleDir: resolve(settings.consoleDir ?? defaultConsoleDir()),
  });
  return { config, secrets };
}

/** Where the archive lives: PostgreSQL when ATC_ARCHIVE_URL is set, else the SQLite file. */
export function archiveLocation(config: GatewayConfig, secrets: GatewaySecrets): ArchiveLocation {
  return config.archiveUrl === undefined
    ? { path: config.archivePath }
    : { url: config.archiveUrl, password: secrets.archivePassword };
}

/** The settings table for `atc-gateway --help`. */
export function describeGatewaySettings(): string {
  return [...describeSettings(gatewaySettings), ...describeSettings(gatewaySecrets)].join('\n');
}
