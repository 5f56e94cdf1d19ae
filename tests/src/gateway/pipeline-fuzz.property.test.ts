// The gateway's pipeline fed mutated envelopes on a member's submit subject: each one is
// refused with a code of the catalogue and quarantined (never archived, never lost), and the
// pipeline goes on accepting well-formed messages afterwards.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atc } from '@atc/shared';
import { applyMutations, byteMutation, fuzzParameters, isKnownCode } from '@atc/shared/testing';
import { openDatabase, type Db } from '@atc/gateway';
import {
  InboxWatcher,
  makeMessage,
  startTestFederation,
  waitFor,
  type MemberWire,
  type TestFederation,
} from '@atc/tests';

let fed: TestFederation;
let wire: MemberWire;
let watcher: InboxWatcher;
let db: Db;

beforeAll(async () => {
  fed = await startTestFederation({ wire: true });
  wire = fed.wire;
  watcher = await InboxWatcher.start(wire, ['KZ']);
  db = openDatabase(join(fed.gateway.dataDir, 'archive.db'));
}, 60_000);

afterAll(async () => {
  await watcher?.stop();
  db?.close();
  await fed?.close();
});

const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;

describe('the submit pipeline', () => {
  it('refuses and quarantines every mutated envelope, then still accepts a well-formed one', async () => {
    const originals = Array.from(
      { length: 4 },
      (_, i) => makeMessage({ from: 'KZ', to: ['BY'], sequence: i + 1 }).bytes,
    );
    const { numRuns, seed } = fuzzParameters(60);
    const mutated = fc.sample(
      fc
        .tuple(fc.constantFrom(...originals), fc.array(byteMutation, { minLength: 1, maxLength: 3 }))
        .map(([original, ms]) => applyMutations(original, ms)),
      { numRuns, seed },
    );
    // Distinct, non-empty, and none of them an original: each must be one refusal.
    const distinct = [...new Map(mutated.map((b) => [b.toString('hex'), b])).values()].filter(
      (b) => b.length > 0 && !originals.some((o) => Buffer.from(o).equals(b)),
    );
    const before = count('SELECT count(*) AS n FROM quarantine');
    for (const bytes of distinct) await wire.submit('KZ', bytes, randomUUID());
    await waitFor(() => count('SELECT count(*) AS n FROM quarantine') - before >= distinct.length, {
      timeoutMs: 30_000,
      message: `${distinct.length} quarantine rows`,
    });
    expect(count('SELECT count(*) AS n FROM quarantine') - before).toBe(distinct.length);
    expect(count('SELECT count(*) AS n FROM messages')).toBe(0);
    const reasons = db.prepare('SELECT DISTINCT reason FROM quarantine').all() as { reason: string }[];
    for (const { reason } of reasons) expect(isKnownCode(reason), reason).toBe(true);

    const fresh = makeMessage({ from: 'KZ', to: ['BY'], sequence: 100 });
    await wire.submit('KZ', fresh.bytes, fresh.messageId);
    await watcher.receipt('KZ', fresh.messageId, atc.v1.ReceiptStatus.RECEIPT_STATUS_ACCEPTED, 20_000);
    const refusedReceipts = watcher.items
      .filter((i) => i.verified.payloadType === 'atc.v1.Receipt')
      .map((i) => i.verified.payload as atc.v1.Receipt)
      .filter((r) => r.status === atc.v1.ReceiptStatus.RECEIPT_STATUS_REJECTED);
    for (const r of refusedReceipts) {
      expect(r.reason).not.toBe(atc.v1.ReasonCode.REASON_CODE_UNSPECIFIED);
      expect(r.detail.length).toBeGreaterThan(0);
    }
  });
});
