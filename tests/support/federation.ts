import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  atc,
  createLogger,
  inboxConsumer,
  loadKeyFile,
  PayloadType,
  saveKeyFile,
  Streams,
  submitSubject,
  verifyEnvelope,
  StaticKeyResolver,
  type KeyPair,
  type Logger,
  type VerifiedEnvelope,
} from '@atc/shared';
import { FIXTURE_TIME, fixtureKey } from '@atc/shared/testing';
import { randomBytes } from 'node:crypto';
import {
  addToken,
  archiveLocation,
  loadGatewayConfig,
  openArchiveDb,
  Registry,
  startGateway,
  type ArchiveLocation,
  type RunningGateway,
} from '@atc/gateway';
import { waitFor, type NatsServerHandle } from '@atc/harness';

/** The demo members every federation fixture registers, with fixed keys. */
export const FIXTURE_MEMBERS = ['KZ', 'BY', 'RU', 'UZ'] as const;

/** Options of {@link startFederationGateway}. */
export interface GatewayFixtureOptions {
  readonly nats: NatsServerHandle;
  /** Extra environment settings (e.g. ATC_ACCEPT_WINDOW). */
  readonly env?: Readonly<Record<string, string>>;
  /** Existing data dir (to restart a gateway on the same archive). */
  readonly dataDir?: string;
  /** The archive: by default the SQLite file in the data dir; a URL for PostgreSQL. */
  readonly archive?: ArchiveLocation;
  /** The gateway's logger (default: warnings and errors to stdout). */
  readonly logger?: Logger;
}

/** A gateway running in this process on a temp archive, with the fixture members registered. */
export interface GatewayFixture {
  readonly gateway: RunningGateway;
  readonly dataDir: string;
  readonly gatewayKey: KeyPair;
  /** Registry on the same archive (as the CLI would change it). */
  readonly registry: Registry;
  /** Where the archive is. */
  readonly archive: ArchiveLocation;
  /** An admin bearer token for the gateway's HTTP API, made for this start. */
  readonly adminToken: string;
  /** Calls the gateway's HTTP API with {@link adminToken} (or the headers given). */
  api(path: string, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
  /** Stops the gateway and removes the data dir. */
  destroy(): Promise<void>;
}

/** Environment for a gateway on `dataDir` against `nats`, as the CLI would read it. */
export function gatewayEnv(
  nats: NatsServerHandle,
  dataDir: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    ATC_DATA_DIR: dataDir,
    ATC_NATS_URL: nats.url,
    ATC_HTTP_LISTEN: '127.0.0.1:0',
    ATC_LOG_LEVEL: 'warn',
    ...extra,
  };
}

/**
 * Prepares a gateway data dir: the fixed gateway key, and the fixture members with their
 * fixed keys registered (as `atc-gateway init`, `members add` and `keys add` would).
 */
export async function prepareGatewayDataDir(dataDir: string, archive?: ArchiveLocation): Promise<void> {
  // Kept when present: a gateway whose key was rotated restarts with its new key.
  if (!existsSync(join(dataDir, 'gateway.jwk'))) await saveKeyFile(join(dataDir, 'gateway.jwk'), fixtureKey('ATC'));
  const db = await openArchiveDb(archive ?? { path: join(dataDir, 'archive.db') });
  try {
    const registry = new Registry(db, () => Date.now());
    const actor = { who: 'test', why: 'fixture' };
    for (const id of FIXTURE_MEMBERS) {
      if ((await registry.getMember(id)) !== undefined) continue;
      await registry.addMember({ id, name: `Fixture member ${id}`, kind: 'national' }, actor);
      // Valid from before the fixtures' creation time, so the interop vectors reach their own checks.
      await registry.addKey(id, fixtureKey(id).publicJwk, { validFrom: FIXTURE_TIME - 86_400_000 }, actor);
    }
  } finally {
    await db.close();
  }
}

/** Starts a gateway in this process with a fresh (or the given) data dir. */
export async function startFederationGateway(options: GatewayFixtureOptions): Promise<GatewayFixture> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'atc-gw-')));
  await prepareGatewayDataDir(dataDir, options.archive);
  const archiveEnv: Record<string, string> =
    options.archive === undefined
      ? {}
      : 'url' in options.archive
        ? { ATC_ARCHIVE_URL: options.archive.url }
        : { ATC_ARCHIVE_PATH: options.archive.path };
  const { config, secrets } = loadGatewayConfig(gatewayEnv(options.nats, dataDir, { ...archiveEnv, ...options.env }));
  const archive = archiveLocation(config, secrets);
  const { token: adminToken } = addToken(
    config.tokensFile,
    { name: `fixture-admin-${randomBytes(4).toString('hex')}`, role: 'admin' },
    Date.now(),
  );
  const logger = options.logger ?? createLogger({ name: 'atc-gateway-test', level: 'warn' });
  const gateway = await startGateway({ config, secrets, logger });
  const db = await openArchiveDb(archive);
  const registry = new Registry(db, () => Date.now());
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await gateway.stop();
    await db.close();
  };
  return {
    gateway,
    dataDir,
    gatewayKey: await loadKeyFile(config.keyFile),
    registry,
    archive,
    adminToken,
    api: (path, headers = { authorization: `Bearer ${adminToken}` }) => fetch(new URL(path, gateway.url), { headers }),
    stop,
    destroy: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A client connection standing in for member agents (privileged: tests only). */
export interface MemberWire {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  /** Publishes a submission on `member`'s submit subject, with the message id for dedupe. */
  submit(member: string, bytes: Uint8Array, msgId?: string): Promise<void>;
  /** Pulls and acks up to `count` messages from `member`'s inbox consumer, waiting at most `timeoutMs`. */
  drainInbox(member: string, count: number, timeoutMs?: number): Promise<JsMsg[]>;
  close(): Promise<void>;
}

/** Connects a test client to `nats`. */
export async function connectMemberWire(nats: NatsServerHandle): Promise<MemberWire> {
  const nc = await connect({ servers: nats.url, name: 'atc-test-members' });
  const js = jetstream(nc);
  return {
    nc,
    js,
    async submit(member, bytes, msgId) {
      await js.publish(submitSubject(member), bytes, msgId === undefined ? {} : { msgID: msgId });
    },
    async drainInbox(member, count, timeoutMs = 10_000) {
      const consumer = await js.consumers.get(Streams.inbox, inboxConsumer(member));
      const got: JsMsg[] = [];
      const deadline = Date.now() + timeoutMs;
      while (got.length < count && Date.now() < deadline) {
        const before = got.length;
        const batch = await consumer.fetch({ max_messages: Math.min(500, count - got.length), expires: 1_000 });
        // Each acknowledgement confirmed by the server, all of a pull's together (one at a time,
        // a drain of thousands took seconds of round trips).
        const acks: Promise<boolean>[] = [];
        try {
          for await (const m of batch) {
            got.push(m);
            const ack = m.ackAck();
            // Handled now: a connection closed mid-pull rejects them before they are awaited below.
            ack.catch(() => undefined);
            acks.push(ack);
          }
        } catch (e) {
          // On a machine busy with other tests, the pull's idle heartbeats (every 500 ms) can
          // come late: that pull ends, what it gave is kept and acknowledged, and the next one asks again.
          if (!/heartbeats missed/.test((e as Error).message)) throw e;
          await Promise.all(acks);
          continue;
        }
        await Promise.all(acks);
        // An empty pull after the backlog means the inbox is drained.
        if (got.length === before && got.length > 0) break;
      }
      return got;
    },
    async close() {
      await nc.drain();
    },
  };
}

/** Verifies an inbox item as an agent would: receipts with the gateway key, others with the sender's. */
export async function verifyInboxItem(bytes: Uint8Array): Promise<VerifiedEnvelope> {
  const keys = ['ATC', ...FIXTURE_MEMBERS].map((m) => ({
    kid: fixtureKey(m).kid,
    owner: m,
    publicKey: fixtureKey(m).publicKey,
  }));
  return verifyEnvelope(bytes, { resolver: new StaticKeyResolver(keys) });
}

/** The decoded receipts among inbox items. */
export async function receiptsIn(items: readonly JsMsg[]): Promise<atc.v1.Receipt[]> {
  const out: atc.v1.Receipt[] = [];
  for (const item of items) {
    const v = await verifyInboxItem(item.data);
    if (v.payloadType === PayloadType.Receipt) out.push(v.payload as atc.v1.Receipt);
  }
  return out;
}

/** An inbox item as an agent would see it after verification. */
export interface InboxItem {
  readonly member: string;
  readonly verified: VerifiedEnvelope;
  readonly streamSequence: number;
}

/**
 * Consumes the inbox consumers of some members in the background, verifying every item,
 * so tests can wait for the receipts and routed copies they expect.
 */
export class InboxWatcher {
  readonly items: InboxItem[] = [];
  readonly failures: { member: string; error: unknown }[] = [];
  private readonly stops: (() => Promise<void>)[] = [];

  private constructor(private readonly wire: MemberWire) {}

  /** Starts watching `members`' inboxes. */
  static async start(wire: MemberWire, members: readonly string[]): Promise<InboxWatcher> {
    const w = new InboxWatcher(wire);
    for (const member of members) {
      const consumer = await wire.js.consumers.get(Streams.inbox, inboxConsumer(member));
      const messages = await consumer.consume({ max_messages: 500 });
      const done = (async () => {
        for await (const m of messages) {
          try {
            w.items.push({ member, verified: await verifyInboxItem(m.data), streamSequence: m.seq });
          } catch (error) {
            w.failures.push({ member, error });
          }
          m.ack();
        }
      })();
      w.stops.push(async () => {
        await messages.close();
        await done;
      });
    }
    return w;
  }

  /** Receipts in `member`'s inbox about `messageId`. */
  receipts(member: string, messageId: string): atc.v1.Receipt[] {
    return this.items
      .filter((i) => i.member === member && i.verified.payloadType === PayloadType.Receipt)
      .map((i) => i.verified.payload as atc.v1.Receipt)
      .filter((r) => r.messageId === messageId);
  }

  /** Waits for a receipt with `status` about `messageId` in `member`'s inbox. */
  async receipt(
    member: string,
    messageId: string,
    status: atc.v1.ReceiptStatus,
    timeoutMs = 10_000,
  ): Promise<atc.v1.Receipt> {
    let found: atc.v1.Receipt | undefined;
    await waitFor(
      () => {
        found = this.receipts(member, messageId).find((r) => r.status === status);
        return found !== undefined;
      },
      { timeoutMs, message: `no ${atc.v1.ReceiptStatus[status]} receipt for ${messageId} in ${member}'s inbox` },
    );
    return found!;
  }

  /** Routed copies of `messageId` in `member`'s inbox. */
  copies(member: string, messageId: string): InboxItem[] {
    return this.items.filter((i) => i.member === member && i.verified.header.messageId === messageId);
  }

  async stop(): Promise<void> {
    await Promise.all(this.stops.map((s) => s()));
  }
}
