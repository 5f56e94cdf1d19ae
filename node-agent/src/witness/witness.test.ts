// The witness checks every checkpoint the receipts carry. Receipts come faster than checkpoints
// can be checked one at a time (each new one costs round trips to the centre), so those seen
// meanwhile are checked together: none skipped, a fork among them still raises the alarm, and
// the round trips grow with the distinct checkpoints, not with the receipts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startNatsServer, type NatsServerHandle } from '@atc/harness';
import { createLogger, logSubject } from '@atc/shared';
import { fixtureKey, MemoryLog } from '@atc/shared/testing';
import { openAgentDatabase, type AgentDb } from '../store/open-agent-database.js';
import { Witness } from './witness.js';
import { WitnessStore } from './witness-store.js';

const leaves = (label: string): Buffer[] =>
  Array.from({ length: 40 }, (_, i) => Buffer.from(`fictitious ${label} leaf ${i}`));
const log = new MemoryLog(leaves('main'));
/** The same leaves up to 11, then others: a view of the log the centre must never show. */
const fork = new MemoryLog([...leaves('main').slice(0, 12), ...leaves('fork').slice(12)]);
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

let nats: NatsServerHandle;
let nc: NatsConnection;
let dir: string;
let sub: Subscription;
/** The log requests the stand-in centre answered, by operation. */
let requests: Record<string, number>;

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url, name: 'witness-test' });
  sub = nc.subscribe(logSubject('KZ'));
  // The stand-in centre answers from the main log.
  void (async () => {
    for await (const m of sub) {
      const req = JSON.parse(new TextDecoder().decode(m.data)) as Record<string, number | string>;
      const op = String(req['op']);
      requests[op] = (requests[op] ?? 0) + 1;
      let reply: Record<string, unknown> = {};
      if (op === 'consistency') {
        const first = Number(req['first']);
        const second = Number(req['second']);
        reply = { first, second, consistency: log.consistency(first, second).map(b64) };
      } else if (op === 'cosign') reply = { cosigned: true };
      m.respond(JSON.stringify(reply));
    }
  })();
  dir = await mkdtemp(join(tmpdir(), 'atc-witness-'));
}, 30_000);

afterAll(async () => {
  sub.unsubscribe();
  await nc.close();
  await nats.stop();
  await rm(dir, { recursive: true, force: true });
});

let db: AgentDb;
let store: WitnessStore;
let witness: Witness;

beforeEach((ctx) => {
  requests = {};
  db = openAgentDatabase(join(dir, `${ctx.task.id}.db`));
  store = new WitnessStore(db);
  witness = new Witness({
    nc,
    memberId: 'KZ',
    gatewayKey: fixtureKey('ATC').publicKey,
    memberKey: fixtureKey('KZ').privateKey,
    store,
    logger: createLogger({ name: 'witness-test', level: 'silent' }),
    clock: Date.now,
    intervalMs: 60_000,
    requestTimeoutMs: 5_000,
  });
  return () => {
    db.close();
  };
});

describe('the witness, shown many receipts at once', () => {
  it('checks each distinct checkpoint once, the largest accepted and the others as its prefixes', async () => {
    // 30 receipts for each of the checkpoints of sizes 1..30, in a shuffled order.
    const sizes = Array.from({ length: 30 }, (_, i) => i + 1);
    const seen = sizes.flatMap((size) => Array.from({ length: 30 }, () => size));
    for (let i = seen.length - 1, r = 7; i > 0; i--) {
      r = (r * 48271) % 2147483647;
      const j = r % (i + 1);
      [seen[i], seen[j]] = [seen[j]!, seen[i]!];
    }
    const outcomes = await Promise.all(seen.map((size) => witness.observe(log.checkpoint(size))));

    const bySize = new Map<number, Set<string>>();
    seen.forEach((size, i) => bySize.set(size, (bySize.get(size) ?? new Set()).add(outcomes[i]!)));
    expect(bySize.get(30)).toEqual(new Set(['accepted']));
    for (const size of sizes.slice(0, -1)) expect(bySize.get(size)).toEqual(new Set(['older']));
    expect(store.last()).toMatchObject({ size: 30 });
    expect(store.last()?.cosignedAt).not.toBeNull();
    // One cosignature, and one proof per other checkpoint: 900 receipts, 30 round trips.
    expect(requests).toEqual({ cosign: 1, consistency: 29 });
    expect(witness.healthy()).toBe(true);
  });

  it('raises the alarm for a forked checkpoint seen among consistent ones, which keep their outcomes', async () => {
    await expect(witness.observe(log.checkpoint(10))).resolves.toBe('accepted');
    const notes = [log.checkpoint(20), fork.checkpoint(15), log.checkpoint(12), log.checkpoint(25)];
    const outcomes = await Promise.all(notes.flatMap((n) => [witness.observe(n), witness.observe(n)]));

    expect(outcomes).toEqual(['older', 'older', 'alarm', 'alarm', 'older', 'older', 'accepted', 'accepted']);
    expect(store.last()).toMatchObject({ size: 25 });
    expect(witness.healthy()).toBe(false);
    const alarms = store.alarms();
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ kind: 'inconsistent' });
    expect(alarms[0]!.evidence['seen']).toBe(fork.checkpoint(15));
  });

  it('checks the checkpoints seen while a check is under way in the next go, the same text once', async () => {
    const first = witness.observe(log.checkpoint(5));
    // The first go has started (its request is in flight) when these arrive.
    await new Promise((resolve) => setImmediate(resolve));
    const during = [8, 8, 6, 8, 7].map((size) => witness.observe(log.checkpoint(size)));
    await expect(first).resolves.toBe('accepted');
    await expect(Promise.all(during)).resolves.toEqual(['accepted', 'accepted', 'older', 'accepted', 'older']);
    expect(store.last()).toMatchObject({ size: 8 });
  });
});
