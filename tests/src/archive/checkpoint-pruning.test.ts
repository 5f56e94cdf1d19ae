import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  batchWrite,
  CheckpointPruner,
  openArchive,
  verifyArchive,
  type Archive,
  type ArchivedMessageRow,
} from '@atc/gateway';
import { generateKeyPair, PayloadType, signEnvelope, verifyConsistency, type KeyPair } from '@atc/shared';
import { fixtureKey, fixtureRequest } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS, type TestArchiveLocation } from '@atc/tests';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Midnight UTC: the first day of the archive. */
const T0 = Date.UTC(2026, 0, 1);
const ORIGIN = 'atc-exchange/test';
const ACTOR = { who: 'test', why: 'checkpoint pruning test' };

/** An archived row of fixture message `n`, archived at `at`. */
function row(n: number, at: number): ArchivedMessageRow {
  const request = fixtureRequest(PayloadType.PersonRecord, n);
  const signed = signEnvelope(fixtureKey(request.header.sender), request);
  return {
    messageId: signed.messageId,
    sender: request.header.sender,
    payloadType: PayloadType.PersonRecord,
    createdAt: at,
    archivedAt: at,
    tlp: 2,
    urgency: 1,
    broadcast: false,
    exercise: false,
    correlationId: null,
    inReplyTo: null,
    senderSequence: n,
    kid: fixtureKey(request.header.sender).kid,
    reviewBy: null,
    envelope: signed.bytes,
    envelopeSha256: createHash('sha256').update(signed.bytes).digest(),
  };
}

describe.each(ARCHIVE_BACKENDS)('checkpoint pruning on $name', (backend) => {
  let location: TestArchiveLocation | undefined;
  let archive: Archive | undefined;
  afterEach(async () => {
    await archive?.close();
    await location?.dispose();
  });

  const sizes = async (a: Archive): Promise<number[]> =>
    (await a.db.all<{ tree_size: number }>('SELECT tree_size FROM checkpoints ORDER BY tree_size')).map(
      (r) => r.tree_size,
    );
  const cosignatureCount = async (a: Archive): Promise<number> =>
    (await a.db.get<{ n: number }>('SELECT count(*) AS n FROM cosignatures'))!.n;

  /**
   * Ten days of traffic, one message at 01:00, 02:00 and 03:00 UTC each day (a checkpoint
   * each); witness BY cosigned every checkpoint, witness RU only the first of day 2.
   */
  async function tenDays(key: KeyPair): Promise<{ a: Archive; daily: number[][]; ruCosigned: number }> {
    location = await backend.create();
    let now = T0 - 30 * DAY;
    const a = await openArchive({
      location: location.location,
      gatewayId: 'ATC',
      logOrigin: ORIGIN,
      key,
      clock: () => now,
    });
    archive = a;
    // The sender's key, registered (a KeyEvent entry) long before: archive verify checks every signature.
    const sender = fixtureRequest(PayloadType.PersonRecord, 1).header.sender;
    await a.registry.addMember({ id: sender, name: 'Sender', kind: 'national' }, ACTOR);
    await a.registry.addKey(sender, fixtureKey(sender).publicJwk, { validFrom: T0 - 60 * DAY }, ACTOR);
    const daily: number[][] = [];
    let n = 0;
    for (let day = 0; day < 10; day++) {
      const sizesOfDay: number[] = [];
      for (const hour of [1, 2, 3]) {
        now = T0 + day * DAY + hour * HOUR;
        await a.committer.commit(batchWrite({ messages: [row(++n, now)] }));
        sizesOfDay.push(await a.log.size());
      }
      daily.push(sizesOfDay);
    }
    const cosign = 'INSERT INTO cosignatures (tree_size, witness, line, signed_at, received_at) VALUES (?, ?, ?, ?, ?)';
    for (const size of daily.flat()) await a.db.run(cosign, [size, 'BY', `— BY line of ${size}`, T0, T0]);
    const ruCosigned = daily[2]![0]!;
    await a.db.run(cosign, [ruCosigned, 'RU', '— RU line', T0, T0]);
    return { a, daily, ruCosigned };
  }

  it('keeps the recent ones, one a day before, and what the witnesses need; archive verify still passes', async () => {
    const key = generateKeyPair();
    const { a, daily, ruCosigned } = await tenDays(key);
    const before = await sizes(a);
    const latest = (await a.log.latestCheckpoint())!;
    const now = T0 + 10 * DAY + HOUR;
    // Page of 4: the last-of-the-day test crosses page boundaries.
    const pruner = new CheckpointPruner(a.db, { keepAllMs: 3 * DAY, keepOnePerMs: DAY }, 4);

    // Days 0-6: the first two of each day go, but on day 2 (RU's newest cosigned and the one after it).
    const doomed = [0, 1, 3, 4, 5, 6].flatMap((d) => daily[d]!.slice(0, 2));
    const dry = await pruner.prune(now, { dryRun: true });
    expect(dry).toEqual({ checkpoints: doomed.length, cosignatures: doomed.length });
    expect(await sizes(a)).toEqual(before);

    const batches: number[] = [];
    const pruned = await pruner.prune(now, { onBatch: (b) => batches.push(b.checkpoints) });
    expect(pruned).toEqual({ checkpoints: 12, cosignatures: 12 });
    expect(batches.reduce((x, y) => x + y, 0)).toBe(12);
    expect(Math.max(...batches)).toBeLessThanOrEqual(4);
    expect(await sizes(a)).toEqual(before.filter((s) => !doomed.includes(s)));
    expect(await cosignatureCount(a)).toBe(30 + 1 - 12);
    // Kept: the checkpoint before day 0 (key registration), the last of days 0-6, day 2 whole
    // (RU's), days 7-9 whole (younger than 3 days at 01:00 on day 10, but day 7's first).
    for (const d of [0, 1, 3, 4, 5, 6]) expect(await a.log.checkpointAt(daily[d]![2]!)).toBeDefined();
    expect(await a.log.checkpointAt(ruCosigned)).toMatchObject({ witnesses: ['BY', 'RU'] });
    for (const s of [...daily[7]!, ...daily[8]!, ...daily[9]!]) expect(await a.log.checkpointAt(s)).toBeDefined();
    expect((await a.log.latestCheckpoint())!.note).toBe(latest.note);

    // A pruned size is still provable: its root from the tree, consistent with the newest checkpoint.
    const gone = doomed[0]!;
    expect(await a.log.checkpointAt(gone)).toBeUndefined();
    const proof = await a.log.consistencyProof(gone, latest.size);
    expect(verifyConsistency(gone, latest.size, proof, await a.log.rootAt(gone), latest.rootHash)).toBe(true);

    const verified = await verifyArchive(a.db, {
      gatewayId: 'ATC',
      gatewayKey: key.publicKey,
      gatewayKid: key.kid,
      origin: ORIGIN,
    });
    expect(verified.discrepancy).toBeUndefined();
    expect(verified.leaves).toBe(latest.size);
    expect(verified.checkpoints).toBe(before.length - 12);

    // A second pass finds nothing more.
    expect(await pruner.prune(now)).toEqual({ checkpoints: 0, cosignatures: 0 });
  });

  it('prunes nothing younger than keepAll, and never the newest', async () => {
    const { a } = await tenDays(generateKeyPair());
    const before = await sizes(a);
    const pruner = new CheckpointPruner(a.db, { keepAllMs: 20 * DAY, keepOnePerMs: DAY });
    expect(await pruner.prune(T0 + 10 * DAY)).toEqual({ checkpoints: 0, cosignatures: 0 });
    // With no keep-all window, one per day, each witness's newest and the one after: the newest stays.
    const all = new CheckpointPruner(a.db, { keepAllMs: 0, keepOnePerMs: DAY });
    await all.prune(T0 + 100 * DAY);
    const after = await sizes(a);
    expect(after.at(-1)).toBe(before.at(-1));
    // One for the day of the registration, one per day of traffic, and RU's two of day 2.
    expect(after).toHaveLength(1 + 10 + 2);
  });
});
