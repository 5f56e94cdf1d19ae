import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, errors, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { createUser } from '@nats-io/nkeys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inboxConsumer,
  inboxPullSubject,
  inboxSubject,
  logSubject,
  memberInboxPrefix,
  Streams,
  submitSubject,
  Subjects,
  verifyTrustList,
} from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import { bindInboxConsumer, readTrustList } from '@atc/node-agent';
import { makeMessage, personRequest, waitFor, startTestFederation, type TestFederation } from '@atc/tests';
import {
  expectPublishRefused,
  expectSubscribeRefused,
  KV_STREAM,
  listen,
  permissionErrors,
  rejection,
  startIsolatedNats,
  type IsolatedNats,
} from './isolated-nats.js';

// A real nats-server runs the authorization "atc-gateway nats-config" generated from the
// registry (fixture members KZ, BY, RU, UZ): one account per member and per-user
// permissions. Every refusal must leave the streams and their consumers exactly as they were.

let iso: IsolatedNats;
let admin: NatsConnection;
let kz: NatsConnection;
let by: NatsConnection;
let seq = 5_000;
const stored = (): Promise<Record<string, unknown>> => iso.stored();

beforeAll(async () => {
  iso = await startIsolatedNats();
  admin = iso.admin;
  kz = await iso.connectMember('KZ');
  by = await iso.connectMember('BY');
}, 60_000);

afterAll(async () => {
  await iso?.destroy();
});

describe('a member with its generated credentials may', () => {
  it('publish to its own submit subject and get a PubAck; the gateway sees the submission in ATC_SUBMIT', async () => {
    const envelope = makeMessage({ from: 'KZ', to: ['BY'], sequence: seq++ });
    const ack = await jetstream(kz).publish(submitSubject('KZ'), envelope.bytes, { msgID: envelope.messageId });
    expect(ack).toMatchObject({ stream: Streams.submit, duplicate: false });
    const again = await jetstream(kz).publish(submitSubject('KZ'), envelope.bytes, { msgID: envelope.messageId });
    expect(again).toMatchObject({ seq: ack.seq, duplicate: true });
    const seen = await iso.jsm.streams.getMessage(Streams.submit, { seq: ack.seq });
    expect(seen?.subject).toBe(submitSubject('KZ'));
    expect(seen?.header.get('Nats-Msg-Id')).toBe(envelope.messageId);
    expect(Buffer.from(seen!.data).equals(Buffer.from(envelope.bytes))).toBe(true);
  });

  it("pull and ack its own inbox consumer with the agent's bind, without any consumer INFO", async () => {
    const envelope = makeMessage({ from: 'BY', to: ['KZ'], sequence: seq++ });
    await jetstream(admin).publish(inboxSubject('KZ'), envelope.bytes, { msgID: `${envelope.messageId}:KZ` });
    const consumer = bindInboxConsumer(jetstream(kz), 'KZ');
    const batch = await consumer.fetch({ max_messages: 1, expires: 2_000, bind: true });
    const got: string[] = [];
    for await (const m of batch) {
      got.push(m.headers?.get('Nats-Msg-Id') ?? '');
      expect(m.subject).toBe(inboxSubject('KZ'));
      expect(await m.ackAck()).toBe(true);
    }
    expect(got).toContain(`${envelope.messageId}:KZ`);
    const info = await iso.jsm.consumers.info(Streams.inbox, inboxConsumer('KZ'));
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_pending).toBe(0);
    expect(info.ack_floor.stream_seq).toBe(info.delivered.stream_seq);
  });

  it('read the signed trust list with one direct get', async () => {
    const entry = await readTrustList(kz);
    expect(entry).toBeDefined();
    const list = await verifyTrustList(entry!.jws, fixtureKey('ATC').publicJwk);
    expect(list.members.map((m) => m.id).sort()).toEqual(['BY', 'KZ', 'RU', 'UZ']);
  });

  it('request its own log service when a gateway-account responder serves it', async () => {
    const served: string[] = [];
    const responder = admin.subscribe(Subjects.logAll, {
      queue: 'atc-gateway',
      callback: (_err, msg) => {
        served.push(msg.subject);
        msg.respond(`checkpoint for ${msg.subject}`);
      },
    });
    await admin.flush();
    try {
      const answer = await kz.request(logSubject('KZ'), 'checkpoint?', { timeout: 2_000 });
      expect(answer.string()).toBe('checkpoint for atc.v1.log.KZ');
      // The subject names the member: the gateway knows who asks without trusting the payload.
      expect(served).toEqual(['atc.v1.log.KZ']);
      await expectPublishRefused(kz.request(logSubject('BY'), 'as BY', { timeout: 2_000 }), logSubject('BY'));
      expect(served).toEqual(['atc.v1.log.KZ']);
    } finally {
      responder.unsubscribe();
    }
  });
});

describe('a member with its generated credentials is refused when it', () => {
  it("publishes to another member's submit subject (or anywhere but its own), and nothing is stored", async () => {
    const before = await stored();
    const forged = makeMessage({ from: 'BY', to: ['KZ'], sequence: seq++ });
    await expectPublishRefused(
      jetstream(kz).publish(submitSubject('BY'), forged.bytes, { msgID: forged.messageId }),
      submitSubject('BY'),
    );
    // Neither a routed copy nor a forged receipt, nor a trust list, nor flow events.
    for (const subject of [
      inboxSubject('BY'),
      inboxSubject('KZ'),
      `$KV.${Streams.trustBucket}.${Streams.trustKey}`,
      Subjects.events,
      'atc.v1.submit.*',
    ]) {
      await expectPublishRefused(kz.request(subject, forged.bytes, { timeout: 2_000 }), subject);
    }
    await kz.flush();
    expect(await stored()).toEqual(before);
  });

  it("subscribes to another member's inbox subject, and receives nothing", async () => {
    const before = await stored();
    await expectSubscribeRefused(kz, inboxSubject('BY'));
    await expectSubscribeRefused(kz, Subjects.inboxAll);
    await expectSubscribeRefused(kz, '>');
    expect(await stored()).toEqual(before);
  });

  it('creates any consumer, on any stream, by any JetStream API form, and none is created', async () => {
    const before = await stored();
    const spy = JSON.stringify({
      stream_name: Streams.inbox,
      config: { durable_name: 'spy', filter_subject: inboxSubject('BY'), ack_policy: 'none' },
    });
    for (const subject of [
      `$JS.API.CONSUMER.CREATE.${Streams.inbox}`,
      `$JS.API.CONSUMER.CREATE.${Streams.inbox}.spy`,
      `$JS.API.CONSUMER.CREATE.${Streams.inbox}.spy.${inboxSubject('BY')}`,
      `$JS.API.CONSUMER.DURABLE.CREATE.${Streams.inbox}.spy`,
      `$JS.API.CONSUMER.CREATE.${Streams.submit}`,
      `$JS.API.CONSUMER.CREATE.${KV_STREAM}`,
    ]) {
      await expectPublishRefused(kz.request(subject, spy, { timeout: 2_000 }), subject);
    }
    // Through the client library too: it cannot even reach the JetStream API.
    await expectPublishRefused(jetstreamManager(kz), '$JS.API.INFO');
    const unchecked = await jetstreamManager(kz, { checkAPI: false });
    await expectPublishRefused(
      unchecked.consumers.add(Streams.inbox, { durable_name: 'spy', filter_subject: inboxSubject('BY') }),
      `$JS.API.CONSUMER.CREATE.${Streams.inbox}.spy.${inboxSubject('BY')}`,
    );
    await expectPublishRefused(
      jetstream(kz).consumers.get(Streams.inbox, inboxConsumer('KZ')),
      `$JS.API.CONSUMER.INFO.${Streams.inbox}.${inboxConsumer('KZ')}`,
    );
    await kz.flush();
    expect(await stored()).toEqual(before);
  });

  it("fetches from another member's inbox consumer, and nothing is delivered or acked", async () => {
    const envelope = makeMessage({ from: 'KZ', to: ['BY'], sequence: seq++ });
    await jetstream(admin).publish(inboxSubject('BY'), envelope.bytes, { msgID: `${envelope.messageId}:BY` });
    const before = await stored();
    const pendingBefore = (await iso.jsm.consumers.info(Streams.inbox, inboxConsumer('BY'))).num_pending;
    expect(pendingBefore).toBeGreaterThan(0);
    const pull = JSON.stringify({ batch: 10, no_wait: true });
    await expectPublishRefused(kz.request(inboxPullSubject('BY'), pull, { timeout: 2_000 }), inboxPullSubject('BY'));
    // The agent's code path bound to BY's consumer: the server refuses the pull request (the
    // client hears of it on its status stream) and the fetch ends without a message.
    const violations = permissionErrors(kz);
    const batch = await bindInboxConsumer(jetstream(kz), 'BY').fetch({ max_messages: 10, expires: 1_000, bind: true });
    const got: unknown[] = [];
    const ended = await rejection(
      (async () => {
        for await (const m of batch) got.push(m);
      })(),
    );
    expect(got).toEqual([]);
    expect(ended.message).toBe('heartbeats missed');
    expect(violations.map((v) => `${v.operation} ${v.subject}`)).toContain(`publish ${inboxPullSubject('BY')}`);
    // Nor can it ack on BY's behalf.
    const ackSubject = `$JS.ACK.${Streams.inbox}.${inboxConsumer('BY')}.1.1.1.0.0`;
    await expectPublishRefused(kz.request(ackSubject, '+ACK', { timeout: 2_000 }), ackSubject);
    await kz.flush();
    expect(await stored()).toEqual(before);
    expect((await iso.jsm.consumers.info(Streams.inbox, inboxConsumer('BY'))).num_pending).toBe(pendingBefore);
  });

  it('reads ATC_SUBMIT (or ATC_INBOX) messages by sequence, by subject or by direct get', async () => {
    const envelope = makeMessage({ from: 'BY', to: ['KZ'], sequence: seq++ });
    await jetstream(by).publish(submitSubject('BY'), envelope.bytes, { msgID: envelope.messageId });
    const before = await stored();
    const attempts: [string, unknown][] = [
      [`$JS.API.STREAM.MSG.GET.${Streams.submit}`, { seq: 1 }],
      [`$JS.API.STREAM.MSG.GET.${Streams.submit}`, { last_by_subj: submitSubject('BY') }],
      [`$JS.API.DIRECT.GET.${Streams.submit}`, { seq: 1 }],
      [`$JS.API.DIRECT.GET.${Streams.submit}.${submitSubject('BY')}`, undefined],
      [`$JS.API.STREAM.MSG.GET.${Streams.inbox}`, { last_by_subj: inboxSubject('BY') }],
      [`$JS.API.DIRECT.GET.${Streams.inbox}.${inboxSubject('BY')}`, undefined],
      [`$JS.API.STREAM.INFO.${Streams.submit}`, undefined],
      // The trust-list bucket beyond its one key.
      [`$JS.API.DIRECT.GET.${KV_STREAM}`, { seq: 1 }],
    ];
    for (const [subject, body] of attempts) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      await expectPublishRefused(kz.request(subject, payload, { timeout: 2_000 }), subject);
    }
    expect(await stored()).toEqual(before);
  });

  it('subscribes to _INBOX.> (or any reply prefix but its own), and sees none of the replies to others', async () => {
    const before = await stored();
    await expectSubscribeRefused(kz, '_INBOX.>');
    await expectSubscribeRefused(kz, `${memberInboxPrefix('BY')}.>`);
    await expectSubscribeRefused(kz, '_R_.>');
    // Its widest allowed subscription, while BY publishes and reads: nothing of BY's arrives.
    const own = await listen(kz, `${memberInboxPrefix('KZ')}.>`);
    const envelope = makeMessage({ from: 'BY', to: ['KZ'], sequence: seq++ });
    const ack = await jetstream(by).publish(submitSubject('BY'), envelope.bytes, { msgID: envelope.messageId });
    expect(ack.duplicate).toBe(false);
    expect(await readTrustList(by)).toBeDefined();
    expect(await own.settle([by, admin])).toEqual([]);
    const after = (await stored())[Streams.submit] as { messages: number };
    expect(after.messages).toBe((before[Streams.submit] as { messages: number }).messages + 1);
  });

  it('connects with no credentials or wrong ones, and nothing is stored', async () => {
    const before = await stored();
    const anonymous = await rejection(connect({ servers: iso.nats.url, reconnect: false }));
    expect(anonymous).toBeInstanceOf(errors.AuthorizationError);
    expect(anonymous.message).toBe('Authorization Violation');
    const stranger = createUser();
    const wrong = await rejection(
      connect({ servers: iso.nats.url, reconnect: false, authenticator: nkeyAuthenticator(stranger.getSeed()) }),
    );
    expect(wrong).toBeInstanceOf(errors.AuthorizationError);
    const password = await rejection(connect({ servers: iso.nats.url, reconnect: false, user: 'KZ', pass: 'KZ' }));
    expect(password).toBeInstanceOf(errors.AuthorizationError);
    expect(await stored()).toEqual(before);
  });
});

describe('the federation on the isolated server', () => {
  let fed: TestFederation | undefined;

  afterAll(async () => {
    await fed?.close();
  });

  it('carries a record from KZ to BY and the receipts back, with the agents on their own credentials', async () => {
    fed = await startTestFederation({
      nats: iso.nats,
      gatewayDataDir: iso.dataDir,
      gatewayEnv: { ATC_NATS_NKEY_FILE: iso.gatewaySeed },
      members: {
        KZ: { env: { ATC_NATS_NKEY_FILE: iso.memberSeed('KZ') } },
        BY: { env: { ATC_NATS_NKEY_FILE: iso.memberSeed('BY') } },
      },
    });
    const [kzAgent, byAgent] = [fed.agent('KZ'), fed.agent('BY')];
    const sent = await kzAgent.api('POST', '/v1/messages', personRequest(['BY'], 1));
    expect(sent.status).toBe(202);
    const messageId = sent.body['messageId'] as string;
    await waitFor(
      async () =>
        ((await byAgent.api('GET', '/v1/inbox')).body['items'] as { id: string }[]).some((i) => i.id === messageId),
      { timeoutMs: 20_000, message: 'the record in BY inbox' },
    );
    const item = await byAgent.api('GET', `/v1/inbox/${messageId}`);
    expect(item.body).toMatchObject({ sender: 'KZ', verification: 'verified' });
    expect((await byAgent.api('POST', `/v1/inbox/${messageId}/ack`)).status).toBe(200);
    const lifecycle = async (): Promise<Record<string, unknown>> =>
      (await kzAgent.api('GET', `/v1/messages/${messageId}`)).body;
    await waitFor(
      async () => ((await lifecycle())['deliveries'] as { state: string }[] | undefined)?.[0]?.state === 'delivered',
      { timeoutMs: 20_000, message: 'KZ sees delivered(BY)' },
    );
    const m = await lifecycle();
    expect(m['status']).toBe('accepted');
    expect((m['receipts'] as { status: string }[]).map((r) => r.status)).toEqual(['accepted', 'delivered']);
  }, 90_000);
});
