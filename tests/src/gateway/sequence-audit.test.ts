import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchiveDb, type SqlDb } from '@atc/gateway';
import {
  ARCHIVE_BACKENDS,
  connectMemberWire,
  gatewayEnv,
  makeMessage,
  prepareGatewayDataDir,
  spawnGatewayProcess,
  startNatsServer,
  waitFor,
  type GatewayProcess,
  type MemberWire,
  type NatsServerHandle,
  type TestArchiveLocation,
} from '@atc/tests';

const PER_MEMBER = 120;
const GRACE_MS = 4_000;

interface AnomalyRow {
  member: string;
  message_id: string;
  kind: string;
  expected: number;
  got: number;
  at: number;
}

/** The sum of a counter over its series, from a replica's metrics. */
async function counted(replica: GatewayProcess, name: string): Promise<number> {
  const text = await (await fetch(`${replica.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

// Two replicas commit one sender's batches in whatever order they finish: the audit of the
// log must find no anomaly where every number arrived, and still find a real gap (after the
// grace period) and a reused number.
describe.each(ARCHIVE_BACKENDS)('the sender_sequence audit with two replicas ($name)', (backend) => {
  let nats: NatsServerHandle;
  let archive: TestArchiveLocation;
  let dataDir: string;
  let replicas: GatewayProcess[] = [];
  let wire: MemberWire;
  let db: SqlDb;

  beforeAll(async () => {
    nats = await startNatsServer();
    archive = await backend.create();
    dataDir = await mkdtemp(join(tmpdir(), 'atc-sequence-audit-'));
    await prepareGatewayDataDir(dataDir, archive.location);
    const env = gatewayEnv(nats, dataDir, {
      ...archive.env,
      ATC_BATCH_SIZE: '8',
      ATC_SEQUENCE_GRACE: `${GRACE_MS / 1000}s`,
    });
    replicas = [];
    for (const name of ['replica-a', 'replica-b']) {
      replicas.push(await spawnGatewayProcess(env, await mkdtemp(join(dataDir, `${name}-`))));
    }
    wire = await connectMemberWire(nats);
    db = await openArchiveDb(archive.location);
  }, 90_000);

  afterAll(async () => {
    for (const r of replicas) await r.kill('SIGKILL');
    await wire?.close();
    await db?.close();
    await nats?.stop();
    await archive?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reports no false anomaly, a real gap after the grace period and a reused number, each once', async () => {
    // KZ and BY send 1..N complete; RU never sends 40 until the gap is reported; UZ sends
    // 1..N, then a second message numbered 10 (an agent whose counter went back).
    const sent = ['KZ', 'BY', 'RU', 'UZ'].flatMap((from) =>
      Array.from({ length: PER_MEMBER }, (_, i) =>
        makeMessage({ from, to: ['KZ', 'BY'].filter((m) => m !== from), sequence: i + 1 }),
      ),
    );
    const withheld = sent.find((m) => m.header.sender === 'RU' && m.header.senderSequence === 40)!;
    const reused = makeMessage({ from: 'UZ', to: ['KZ'], sequence: 10 });
    // Out of order on purpose: each window of 40 publishes goes out reversed and at once.
    const toSend = sent.filter((m) => m !== withheld);
    for (let i = 0; i < toSend.length; i += 40) {
      await Promise.all(
        toSend
          .slice(i, i + 40)
          .reverse()
          .map((m) => wire.submit(m.header.sender, m.bytes, m.messageId)),
      );
    }
    const total = toSend.length + 1;
    const count = async (): Promise<number> =>
      (await db.get<{ n: number }>("SELECT count(*) AS n FROM messages WHERE sender <> 'ATC'"))?.n ?? 0;
    await waitFor(async () => (await count()) === total - 1, {
      timeoutMs: 60_000,
      intervalMs: 200,
      message: `all ${total - 1} messages archived`,
    });
    await wire.submit('UZ', reused.bytes, reused.messageId);
    await waitFor(async () => (await count()) === total, { message: 'the reused number archived' });
    const shares = await Promise.all(replicas.map((r) => counted(r, 'atc_gateway_accepted_total')));
    console.log(`accepted per replica: ${shares.join(', ')}`);

    /** The next leaf the audit reads (every leaf before it is audited). */
    const auditCursor = async (): Promise<number> =>
      Number(
        (
          await db.get<{ value: number | string }>(
            "SELECT value FROM gateway_state WHERE key = 'sequence_audit_next_leaf'",
          )
        )?.value ?? 0,
      );
    const auditedThrough = (end: number, message: string): Promise<unknown> =>
      waitFor(async () => (await auditCursor()) >= end, { timeoutMs: 30_000, intervalMs: 100, message });

    // The audit reaches the end of the log; the gap is reported once the grace has passed.
    const anomalies = (): Promise<AnomalyRow[]> =>
      db.all<AnomalyRow>('SELECT member, message_id, kind, expected, got, at FROM sequence_anomalies ORDER BY id');
    await waitFor(async () => (await anomalies()).some((a) => a.kind === 'gap'), {
      timeoutMs: 30_000,
      intervalMs: 250,
      message: "RU's gap reported",
    });
    const ruAfterGap = sent.find((m) => m.header.sender === 'RU' && m.header.senderSequence === 41)!;
    const archivedAt = (await db.get<{ archived_at: number }>('SELECT archived_at FROM messages WHERE message_id = ?', [
      ruAfterGap.messageId,
    ]))!.archived_at;
    const leafOf = async (messageId: string): Promise<number> =>
      (await db.get<{ leaf_index: number }>('SELECT leaf_index FROM messages WHERE message_id = ?', [messageId]))!
        .leaf_index;
    // Two more audit runs after the report, each made to read a new leaf (BY's next numbers): a
    // gap reported again, or RU's watermark not kept past it, would show in them.
    const markers = [1, 2].map((k) => makeMessage({ from: 'BY', to: ['KZ'], sequence: PER_MEMBER + k }));
    for (const [k, marker] of markers.entries()) {
      await wire.submit('BY', marker.bytes, marker.messageId);
      await waitFor(async () => (await count()) === total + k + 1, { message: `BY's marker ${k + 1} archived` });
      await auditedThrough((await leafOf(marker.messageId)) + 1, `the audit past BY's marker ${k + 1}`);
    }
    const ru = await db.get<{ contiguous_through: number }>(
      "SELECT contiguous_through FROM sequence_watermarks WHERE member = 'RU'",
    );
    expect(ru?.contiguous_through).toBe(PER_MEMBER);
    // Then the late number arrives; once the audit has read it too, no anomaly for it (a
    // reused number is reported when it is read).
    await wire.submit('RU', withheld.bytes, withheld.messageId);
    await waitFor(async () => (await count()) === total + 3, { message: 'the late number archived' });
    await auditedThrough((await leafOf(withheld.messageId)) + 1, 'the audit past the late number');

    const found = await anomalies();
    expect(found.map(({ at: _at, ...a }) => a)).toEqual(
      expect.arrayContaining([
        { member: 'RU', message_id: ruAfterGap.messageId, kind: 'gap', expected: 40, got: 41 },
        { member: 'UZ', message_id: reused.messageId, kind: 'regression', expected: PER_MEMBER + 1, got: 10 },
      ]),
    );
    expect(found).toHaveLength(2);
    // Not before the grace period had passed since the number after the gap was archived.
    expect(found.find((a) => a.kind === 'gap')!.at - archivedAt).toBeGreaterThanOrEqual(GRACE_MS);
    // Each told once, by whichever replica found it.
    const told = await Promise.all(replicas.map((r) => counted(r, 'atc_gateway_sequence_anomalies_total')));
    expect(told.reduce((a, b) => a + b, 0)).toBe(2);
    // The watermarks: every member's numbers are accounted for up to its highest.
    const marks = await db.all<{ member: string; contiguous_through: number; highest: number }>(
      'SELECT member, contiguous_through, highest FROM sequence_watermarks ORDER BY member',
    );
    expect(marks.filter((m) => m.member !== 'ATC')).toEqual(
      ['BY', 'KZ', 'RU', 'UZ'].map((member) => {
        const highest = member === 'BY' ? PER_MEMBER + markers.length : PER_MEMBER;
        return { member, contiguous_through: highest, highest };
      }),
    );
  }, 150_000);
});
