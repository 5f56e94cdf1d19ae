import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { errors, type NatsConnection } from '@nats-io/transport-node';
import { expect } from 'vitest';
import { connectNats, memberInboxPrefix, Streams } from '@atc/shared';
import {
  prepareGatewayDataDir,
  runGatewayProcess,
  startFederationGateway,
  startNatsServer,
  type NatsServerHandle,
} from '@atc/tests';

/** The stream behind the trust-list bucket. */
export const KV_STREAM = `KV_${Streams.trustBucket}`;

/** A nats-server running the generated authorization, provisioned by the gateway, which is stopped again. */
export interface IsolatedNats {
  readonly nats: NatsServerHandle;
  /** The gateway's data dir (archive with the fixture members KZ, BY, RU, UZ). */
  readonly dataDir: string;
  /** The gateway's NATS connection, with its generated seed. */
  readonly admin: NatsConnection;
  readonly jsm: JetStreamManager;
  readonly gatewaySeed: string;
  memberSeed(member: string): string;
  /** Connects as a member with its generated seed and reply prefix, as its agent does (closed by `destroy`). */
  connectMember(member: string): Promise<NatsConnection>;
  /** Runs `atc-gateway nats-config --out <dir> <extra args>` again (after registry changes, or to rotate). */
  regenerate(extraArgs?: readonly string[]): Promise<void>;
  /** Gives nats-server the accounts as they are now in the output dir, and reloads it (SIGHUP). */
  reload(): Promise<void>;
  /** Gives nats-server the accounts as they are now in the output dir, and restarts it (same store). */
  restart(): Promise<void>;
  /** Everything a refusal must leave unchanged: each stream's contents and its consumers' positions. */
  stored(): Promise<Record<string, unknown>>;
  destroy(): Promise<void>;
}

/**
 * Registers the fixture members, runs `atc-gateway nats-config`, starts nats-server with the
 * accounts it wrote (`adapt` may change the text first), lets the gateway provision the
 * streams, consumers and trust list exactly as it does in service, and stops it, so that
 * nothing consumes ATC_SUBMIT while a test looks at what is stored.
 */
export async function startIsolatedNats(adapt: (accounts: string) => string = (a) => a): Promise<IsolatedNats> {
  const dataDir = await mkdtemp(join(tmpdir(), 'atc-iso-gw-'));
  const natsDir = await mkdtemp(join(tmpdir(), 'atc-iso-nats-'));
  await prepareGatewayDataDir(dataDir);
  const generate = async (extraArgs: readonly string[] = []): Promise<void> => {
    const generated = await runGatewayProcess({ ATC_DATA_DIR: dataDir }, [
      'nats-config',
      '--out',
      natsDir,
      ...extraArgs,
    ]);
    if (generated.code !== 0) throw new Error(`atc-gateway nats-config failed: ${generated.stderr}`);
  };
  await generate();
  const serverConfig = async (jetstreamBlock: string): Promise<string> =>
    `${jetstreamBlock}\n${adapt(await readFile(join(natsDir, 'accounts.conf'), 'utf8'))}`;
  const nats = await startNatsServer({ config: await serverConfig('jetstream: enabled') });
  const configFile = async (): Promise<string> => {
    // The harness keeps the configuration text it was given next to the store.
    const file = join(dirname(nats.storeDir), 'server.conf');
    await access(file);
    return file;
  };
  const gatewaySeed = join(natsDir, 'gateway.nk');
  const gateway = await startFederationGateway({ nats, dataDir, env: { ATC_NATS_NKEY_FILE: gatewaySeed } });
  await gateway.stop();
  const admin = await connectNats({ natsUrl: [nats.url], natsNkeyFile: gatewaySeed }, { name: 'isolation-gateway' });
  const jsm = await jetstreamManager(admin);
  const memberSeed = (member: string): string => join(natsDir, 'members', `${member}.nk`);
  const members: NatsConnection[] = [];
  return {
    nats,
    dataDir,
    admin,
    jsm,
    gatewaySeed,
    memberSeed,
    regenerate: generate,
    async reload() {
      // The file must enable JetStream with the store dir it runs with: a reload applies the
      // file, and nats-server 2.9 shuts JetStream down when the file does not enable it.
      await writeFile(
        await configFile(),
        await serverConfig(`jetstream { store_dir: ${JSON.stringify(nats.storeDir)} }`),
      );
      await nats.kill('SIGHUP');
    },
    async restart() {
      // At start-up the store dir comes from the harness's command line, and may not be repeated.
      await writeFile(await configFile(), await serverConfig('jetstream: enabled'));
      await nats.restart();
    },
    async connectMember(member) {
      const nc = await connectNats(
        { natsUrl: [nats.url], natsNkeyFile: memberSeed(member) },
        { name: `isolation-${member}`, inboxPrefix: memberInboxPrefix(member) },
      );
      members.push(nc);
      return nc;
    },
    async stored() {
      const state: Record<string, unknown> = {};
      for (const stream of [Streams.submit, Streams.inbox, KV_STREAM]) {
        const info = await jsm.streams.info(stream);
        const consumers: string[] = [];
        for await (const c of jsm.consumers.list(stream)) {
          consumers.push(`${c.name} delivered=${c.delivered.stream_seq} acked=${c.ack_floor.stream_seq}`);
        }
        state[stream] = { messages: info.state.messages, lastSeq: info.state.last_seq, consumers: consumers.sort() };
      }
      return state;
    },
    async destroy() {
      for (const nc of members) if (!nc.isClosed()) await nc.close();
      await admin.close();
      await nats.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(natsDir, { recursive: true, force: true });
    },
  };
}

/** The error a promise was rejected with; fails when it resolved. */
export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a refusal, but the operation succeeded');
}

/** Asserts the server refused to let the client publish to `subject` (a permissions violation). */
export async function expectPublishRefused(p: Promise<unknown>, subject: string): Promise<void> {
  const e = await rejection(p);
  expect(e.message).toBe(`Permissions Violation for Publish to "${subject}"`);
  expect(e.cause).toBeInstanceOf(errors.PermissionViolationError);
  expect(e.cause).toMatchObject({ operation: 'publish', subject });
}

/** Asserts the server closed a subscription to `subject` as a permissions violation. */
export async function expectSubscribeRefused(nc: NatsConnection, subject: string): Promise<void> {
  const closed = await nc.subscribe(subject).closed;
  expect(closed).toBeInstanceOf(errors.PermissionViolationError);
  expect(closed).toMatchObject({ operation: 'subscription', subject });
}

/** Collects, from now on, the permission violations the server reports to `nc`. */
export function permissionErrors(nc: NatsConnection): InstanceType<typeof errors.PermissionViolationError>[] {
  const found: InstanceType<typeof errors.PermissionViolationError>[] = [];
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'error' && s.error instanceof errors.PermissionViolationError) found.push(s.error);
    }
  })();
  return found;
}

/**
 * Subscribes `nc` to `subject` and collects what arrives. {@link Listener.settle} makes
 * the check deterministic without sleeping: once every publisher's flush has returned, the
 * server has queued any delivery to `nc` before it answers `nc`'s own flush.
 */
export async function listen(nc: NatsConnection, subject: string): Promise<Listener> {
  const sub = nc.subscribe(subject);
  const seen: string[] = [];
  void (async () => {
    for await (const m of sub) seen.push(m.subject);
  })();
  await nc.flush(); // the server knows the subscription before anyone publishes
  return {
    seen,
    async settle(publishers) {
      for (const p of publishers) await p.flush();
      await nc.flush();
      sub.unsubscribe();
      return seen;
    },
  };
}

/** What {@link listen} returns. */
export interface Listener {
  readonly seen: string[];
  /** Waits until everything `publishers` sent so far would have arrived, stops, and returns what did. */
  settle(publishers: readonly NatsConnection[]): Promise<string[]>;
}
