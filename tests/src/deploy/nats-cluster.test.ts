import { jetstream, jetstreamManager, StorageType, type JetStreamClient, type PubAck } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNatsCluster, waitFor, type NatsClusterHandle } from '@atc/tests';

const STREAM = 'ATC_CLUSTER_TEST';
const SUBJECT = 'atc.test.cluster';
const BEFORE = 40;
const TOTAL = 100;

let cluster: NatsClusterHandle;
let nc: NatsConnection;

beforeAll(async () => {
  cluster = await startNatsCluster({ nodes: 3 });
  nc = await connect({
    servers: [...cluster.urls],
    maxReconnectAttempts: -1,
    reconnectTimeWait: 100,
    name: 'cluster-test',
  });
});

afterAll(async () => {
  await nc.close();
  await cluster.stop();
});

/** What one node holds of the stream in its own store, from its monitoring port. */
async function localState(monitorUrl: string): Promise<{ messages: number; last_seq: number } | undefined> {
  const res = await fetch(`${monitorUrl}/jsz?accounts=true&streams=true`);
  const jsz = (await res.json()) as {
    account_details?: { stream_detail?: { name: string; state: { messages: number; last_seq: number } }[] }[];
  };
  const streams = (jsz.account_details ?? []).flatMap((a) => a.stream_detail ?? []);
  return streams.find((s) => s.name === STREAM)?.state;
}

/**
 * Publishes message `i` until the cluster acknowledges it. Every attempt carries the same
 * message id: an attempt that failed may still have been stored, and the id lets the stream
 * recognise the retry instead of storing the message twice.
 */
async function publish(js: JetStreamClient, i: number, log: PubAck[]): Promise<void> {
  const ack = await waitFor(
    () => js.publish(`${SUBJECT}.${i}`, new TextEncoder().encode(`message ${i}`), { msgID: `m-${i}`, timeout: 1_500 }),
    { timeoutMs: 20_000, intervalMs: 100, message: `publish m-${i}` },
  );
  log.push(ack);
}

describe('a 3-node JetStream cluster', () => {
  it('keeps an R3 stream through the loss of its leader, and the restarted node catches up', async () => {
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    await waitFor(
      () =>
        jsm.streams.add({
          name: STREAM,
          subjects: [`${SUBJECT}.>`],
          num_replicas: 3,
          storage: StorageType.File,
          duplicate_window: nanos(120_000),
        }),
      { timeoutMs: 10_000, intervalMs: 200, message: 'R3 stream created' },
    );
    const acks: PubAck[] = [];
    for (let i = 1; i <= BEFORE; i++) await publish(js, i, acks);

    const leader = (await jsm.streams.info(STREAM)).cluster?.leader;
    expect(leader).toBeDefined();
    const victim = cluster.node(leader!);
    await victim.kill('SIGKILL');

    for (let i = BEFORE + 1; i <= TOTAL; i++) await publish(js, i, acks);
    const newLeader = (await jsm.streams.info(STREAM)).cluster?.leader;
    expect(newLeader).toBeDefined();
    expect(newLeader).not.toBe(leader);

    await victim.restart();
    await cluster.waitForHealthy();
    // The restarted node's own store holds every message, not only the leader's.
    await waitFor(
      async () => {
        const state = await localState(victim.monitorUrl);
        return state?.messages === TOTAL && state.last_seq === TOTAL;
      },
      { timeoutMs: 15_000, intervalMs: 200, message: `${victim.serverName} caught up to ${TOTAL} messages` },
    );

    // Nothing lost, nothing stored twice: sequence i holds message i, once.
    const info = await jsm.streams.info(STREAM);
    expect(info.state.messages).toBe(TOTAL);
    expect(info.state.last_seq).toBe(TOTAL);
    expect(acks.map((a) => a.seq)).toEqual(Array.from({ length: TOTAL }, (_, k) => k + 1));
    for (let seq = 1; seq <= TOTAL; seq++) {
      const m = await jsm.streams.getMessage(STREAM, { seq });
      expect(m?.header.get('Nats-Msg-Id')).toBe(`m-${seq}`);
      expect(m?.string()).toBe(`message ${seq}`);
    }
  });
});
