// The witness reads the centre's log replies, which it must not trust: whatever a reply holds
// (any JSON, any bytes), a check ends in one of its outcomes, never in a thrown TypeError.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNatsServer, type NatsServerHandle } from '@atc/harness';
import { createLogger, logSubject } from '@atc/shared';
import { fixtureKey, fuzzParameters, jsonAround, MemoryLog } from '@atc/shared/testing';
import { openAgentDatabase, type AgentDb } from '../store/open-agent-database.js';
import { Witness, type WitnessOutcome } from './witness.js';
import { WitnessStore } from './witness-store.js';

const log = new MemoryLog(Array.from({ length: 9 }, (_, i) => Buffer.from(`fictitious leaf ${i}`)));
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const outcomes: readonly WitnessOutcome[] = ['accepted', 'unchanged', 'older', 'alarm', 'unavailable'];

let nats: NatsServerHandle;
let nc: NatsConnection;
let dir: string;
let db: AgentDb;
let sub: Subscription;
/** What the stand-in centre answers to the next log request. */
let nextReply: Uint8Array = new Uint8Array();

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url, name: 'witness-fuzz' });
  sub = nc.subscribe(logSubject('KZ'));
  void (async () => {
    for await (const m of sub) m.respond(nextReply);
  })();
  dir = await mkdtemp(join(tmpdir(), 'atc-witness-fuzz-'));
  db = openAgentDatabase(join(dir, 'agent.db'));
}, 30_000);

afterAll(async () => {
  sub.unsubscribe();
  await nc.close();
  await nats.stop();
  db.close();
  await rm(dir, { recursive: true, force: true });
});

function witnessDeps(): ConstructorParameters<typeof Witness>[0] {
  return {
    nc,
    memberId: 'KZ',
    gatewayKey: fixtureKey('ATC').publicKey,
    memberKey: fixtureKey('KZ').privateKey,
    store: new WitnessStore(db),
    logger: createLogger({ name: 'witness-fuzz', level: 'silent' }),
    clock: Date.now,
    intervalMs: 60_000,
    requestTimeoutMs: 2_000,
  };
}

/** A reply of the shape the centre sends, mutated, or arbitrary JSON, or arbitrary bytes. */
const reply = fc.oneof(
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }) },
  {
    weight: 6,
    arbitrary: fc
      .integer({ min: 1, max: 9 })
      .chain((size) =>
        jsonAround({
          size,
          checkpoint: log.checkpoint(size),
          from: 1,
          first: 1,
          second: size,
          consistency: log.consistency(1, size).map(b64),
          cosigned: true,
        }),
      )
      .map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  },
);

describe('the witness', () => {
  it('takes a reply whose proof is not a list of strings as no reply (it threw a TypeError before)', async () => {
    // The counterexample the property below found: "consistency": [{}].
    const fresh = new Witness({ ...witnessDeps(), store: new WitnessStore(db) });
    nextReply = Buffer.from(JSON.stringify({ size: 5, checkpoint: log.checkpoint(5), from: 1, consistency: [{}] }));
    await expect(fresh.checkLatest()).resolves.toBe('unavailable');
    nextReply = Buffer.from(JSON.stringify({ size: 5, checkpoint: 5, from: 1, consistency: [] }));
    await expect(fresh.checkLatest()).resolves.toBe('unavailable');
  });

  it('ends every check in one of its outcomes, whatever the centre replies', async () => {
    const w = new Witness(witnessDeps());
    await fc.assert(
      fc.asyncProperty(reply, fc.boolean(), async (bytes, observed) => {
        nextReply = bytes;
        const outcome = observed ? await w.observe(log.checkpoint(5)) : await w.checkLatest();
        expect(outcomes).toContain(outcome);
      }),
      fuzzParameters(300),
    );
  });
});
