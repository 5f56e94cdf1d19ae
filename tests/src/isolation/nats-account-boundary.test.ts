import { jetstream } from '@nats-io/jetstream';
import { errors, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxConsumer, inboxPullSubject, inboxSubject, Streams, submitSubject } from '@atc/shared';
import { makeMessage } from '@atc/tests';
import { KV_STREAM, listen, rejection, startIsolatedNats, type IsolatedNats } from './isolated-nats.js';

// Defence in depth: the generated authorization with every user's permissions removed, so
// that only the accounts separate the members. A member's account has no JetStream and
// sees nothing of the gateway's account but what it imports, so each attempt still fails
// (no responders, a JetStream error, a timeout, or a subscription that stays silent) and
// nothing is stored.

let iso: IsolatedNats;
let kz: NatsConnection;
let by: NatsConnection;
let seq = 9_000;

beforeAll(async () => {
  iso = await startIsolatedNats((accounts) => {
    const open = accounts.replace(/\n\s*permissions: \{[^]*?\n {8}\}/g, '');
    if (open.includes('permissions')) throw new Error('the permissions were not all removed');
    return open;
  });
  kz = await iso.connectMember('KZ');
  by = await iso.connectMember('BY');
}, 60_000);

afterAll(async () => {
  await iso?.destroy();
});

/** A JetStream API answer from the member's own account, which has no JetStream. */
async function expectJetStreamNotEnabled(subject: string, body: unknown): Promise<void> {
  const answer = (await kz.request(subject, JSON.stringify(body), { timeout: 2_000 })).json<{
    error?: { code: number; err_code: number };
  }>();
  expect(answer.error).toMatchObject({ code: 503, err_code: 10039 });
}

describe('with permissions removed, the account boundary alone', () => {
  it("refuses KZ's submission on BY's subject, and its publishes anywhere in the gateway account", async () => {
    const before = await iso.stored();
    const forged = makeMessage({ from: 'BY', to: ['KZ'], sequence: seq++ });
    const e = await rejection(jetstream(kz).publish(submitSubject('BY'), forged.bytes, { msgID: forged.messageId }));
    expect(e.message).toBe('jetstream is not enabled'); // how nats.js reports "no responders" to a publish
    for (const subject of [inboxSubject('BY'), `$KV.${Streams.trustBucket}.${Streams.trustKey}`]) {
      const refused = await rejection(kz.request(subject, forged.bytes, { timeout: 2_000 }));
      expect(refused.cause).toBeInstanceOf(errors.NoRespondersError);
    }
    expect(await iso.stored()).toEqual(before);
  });

  it("lets KZ subscribe to BY's inbox subject, _INBOX.> and >, but nothing of BY's or the gateway's arrives", async () => {
    const listeners = [
      await listen(kz, inboxSubject('BY')),
      await listen(kz, '_INBOX.>'),
      await listen(kz, '_INBOX_BY.>'),
      await listen(kz, '>'),
    ];
    await jetstream(iso.admin).publish(inboxSubject('BY'), 'routed copy for BY');
    const envelope = makeMessage({ from: 'BY', to: ['KZ'], sequence: seq++ });
    await jetstream(by).publish(submitSubject('BY'), envelope.bytes, { msgID: envelope.messageId });
    for (const listener of listeners) expect(await listener.settle([iso.admin, by])).toEqual([]);
  });

  it('answers every consumer creation with "JetStream not enabled for account", and none is created', async () => {
    const before = await iso.stored();
    const spy = { stream_name: Streams.inbox, config: { durable_name: 'spy', filter_subject: inboxSubject('BY') } };
    await expectJetStreamNotEnabled(`$JS.API.CONSUMER.CREATE.${Streams.inbox}`, spy);
    await expectJetStreamNotEnabled(`$JS.API.CONSUMER.DURABLE.CREATE.${Streams.inbox}.spy`, spy);
    await expectJetStreamNotEnabled(`$JS.API.CONSUMER.CREATE.${KV_STREAM}`, { stream_name: KV_STREAM, config: {} });
    expect(await iso.stored()).toEqual(before);
  });

  it("gives KZ nothing from BY's inbox consumer: the pull times out, the ack has no responders", async () => {
    await jetstream(iso.admin).publish(inboxSubject('BY'), 'waiting for BY');
    const before = await iso.stored();
    const pending = (await iso.jsm.consumers.info(Streams.inbox, inboxConsumer('BY'))).num_pending;
    expect(pending).toBeGreaterThan(0);
    const pull = await rejection(
      kz.request(inboxPullSubject('BY'), JSON.stringify({ batch: 10, no_wait: true }), { timeout: 500 }),
    );
    expect(pull).toBeInstanceOf(errors.TimeoutError);
    const ack = await rejection(
      kz.request(`$JS.ACK.${Streams.inbox}.${inboxConsumer('BY')}.1.1.1.0.0`, '+ACK', { timeout: 2_000 }),
    );
    expect(ack.cause).toBeInstanceOf(errors.NoRespondersError);
    expect(await iso.stored()).toEqual(before);
    expect((await iso.jsm.consumers.info(Streams.inbox, inboxConsumer('BY'))).num_pending).toBe(pending);
  });

  it('gives KZ no stream message by sequence (JetStream not enabled) or by direct get (timeout)', async () => {
    const envelope = makeMessage({ from: 'BY', to: ['KZ'], sequence: seq++ });
    await jetstream(by).publish(submitSubject('BY'), envelope.bytes, { msgID: envelope.messageId });
    await expectJetStreamNotEnabled(`$JS.API.STREAM.MSG.GET.${Streams.submit}`, { seq: 1 });
    await expectJetStreamNotEnabled(`$JS.API.STREAM.MSG.GET.${Streams.submit}`, { last_by_subj: submitSubject('BY') });
    for (const stream of [Streams.submit, KV_STREAM]) {
      const direct = await rejection(
        kz.request(`$JS.API.DIRECT.GET.${stream}`, JSON.stringify({ seq: 1 }), { timeout: 500 }),
      );
      expect(direct).toBeInstanceOf(errors.TimeoutError);
    }
  });
});
