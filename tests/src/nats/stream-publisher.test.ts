import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamPublisher, type AtcError, type StreamMessage } from '@atc/shared';
import { startNatsServer, type NatsServerHandle } from '@atc/tests';

let server: NatsServerHandle;
let nc: NatsConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url, reconnect: false });
  jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: 'PUBTEST', subjects: ['pubtest.>'], max_msg_size: 4096, duplicate_window: 60e9 });
});

afterAll(async () => {
  await nc.close();
  await server.stop();
});

const messages = (n: number, prefix: string, size = 100): StreamMessage[] =>
  Array.from({ length: n }, (_, i) => ({
    subject: `pubtest.${i % 3}`,
    data: new Uint8Array(size).fill(i % 251),
    msgId: `${prefix}-${i}`,
  }));

async function failureOf(p: Promise<unknown>): Promise<AtcError> {
  try {
    await p;
  } catch (e) {
    return e as AtcError;
  }
  throw new Error('expected the publication to fail');
}

async function stored(): Promise<number> {
  return (await jsm.streams.info('PUBTEST')).state.messages;
}

describe('StreamPublisher', () => {
  it('stores every message of a group once, and a republished group is de-duplicated', async () => {
    const publisher = new StreamPublisher(nc);
    const before = await stored();
    const group = messages(700, 'once');
    await publisher.publishAll(group);
    expect(await stored()).toBe(before + 700);
    const last = await jsm.streams.getMessage('PUBTEST', { last_by_subj: 'pubtest.0' });
    expect(last?.header.get('Nats-Msg-Id')).toBe('once-699');
    await publisher.publishAll(group);
    expect(await stored()).toBe(before + 700);
    publisher.close();
  });

  it('runs several groups at once, each resolving on its own acknowledgements', async () => {
    const publisher = new StreamPublisher(nc);
    const before = await stored();
    await Promise.all([1, 2, 3, 4].map((g) => publisher.publishAll(messages(50 * g, `concurrent-${g}`))));
    expect(await stored()).toBe(before + 500);
    await publisher.publishAll([]);
    publisher.close();
  });

  it('fails a group that names a subject no stream takes, and the other groups still succeed', async () => {
    const publisher = new StreamPublisher(nc);
    const bad = [...messages(3, 'nostream-ok'), { subject: 'nostream.here', data: new Uint8Array(1), msgId: 'x' }];
    const good = publisher.publishAll(messages(20, 'beside-bad'));
    const e = await failureOf(publisher.publishAll(bad));
    expect([e.code, e.retryable]).toEqual(['ERR_PUBLISH_FAILED', true]);
    expect(e.message).toContain('no JetStream stream takes subject nostream.here');
    await expect(good).resolves.toBeUndefined();
    publisher.close();
  });

  it('fails a group when the stream refuses one of its messages, naming why', async () => {
    const publisher = new StreamPublisher(nc);
    const group = [...messages(2, 'refused-ok'), { subject: 'pubtest.big', data: new Uint8Array(8192), msgId: 'big' }];
    const e = await failureOf(publisher.publishAll(group));
    expect(e.code).toBe('ERR_PUBLISH_FAILED');
    expect(e.message).toMatch(/refused the message on pubtest\.big: .*maximum/i);
    publisher.close();
  });

  it('fails a group whose acknowledgements do not arrive in time, saying how many did', async () => {
    // A plain subscriber takes the subject: the server sees interest, and nobody answers.
    const silent = nc.subscribe('silent.>');
    const publisher = new StreamPublisher(nc, { timeoutMs: 300 });
    const group = [...messages(5, 'late'), { subject: 'silent.x', data: new Uint8Array(1), msgId: 'silent' }];
    const e = await failureOf(publisher.publishAll(group));
    expect(e.code).toBe('ERR_PUBLISH_FAILED');
    expect(e.message).toContain('acknowledged 5 of 6 messages within 300 ms');
    silent.unsubscribe();
    publisher.close();
  });

  it('fails the groups still waiting when it is closed', async () => {
    const silent = nc.subscribe('silent.>');
    const publisher = new StreamPublisher(nc, { timeoutMs: 60_000 });
    const waiting = publisher.publishAll([{ subject: 'silent.y', data: new Uint8Array(1), msgId: 'closed' }]);
    publisher.close();
    await expect(waiting).rejects.toMatchObject({ code: 'ERR_PUBLISH_FAILED', message: 'the publisher was closed' });
    silent.unsubscribe();
  });
});
