import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { atc, PayloadType, Streams } from '@atc/shared';
import { GATEWAY_CONSUMER, openArchiveDb, type SqlDb } from '@atc/gateway';
import {
  ARCHIVE_BACKENDS,
  connectMemberWire,
  gatewayEnv,
  makeMessage,
  prepareGatewayDataDir,
  spawnGatewayProcess,
  startNatsServer,
  verifyInboxItem,
  waitFor,
  type GatewayProcess,
  type MemberWire,
  type NatsServerHandle,
  type TestArchiveLocation,
} from '@atc/tests';

// A submission committed (accepted or refused) but not acknowledged when the gateway dies is
// redelivered by JetStream. Its receipts must reach the sender once, and a refused one must
// not be judged again: here its refusal (created_at too far ahead) would no longer hold after
// the restart, so judging it again would archive what the sender was told was refused.
const SKEW_MS = 2_000;

describe.each(ARCHIVE_BACKENDS)('a submission redelivered after a crash ($name)', (backend) => {
  let nats: NatsServerHandle;
  let archive: TestArchiveLocation;
  let dataDir: string;
  let gateway: GatewayProcess;
  let wire: MemberWire;
  let db: SqlDb;

  beforeAll(async () => {
    nats = await startNatsServer();
    archive = await backend.create();
    dataDir = await mkdtemp(join(tmpdir(), 'atc-redelivery-'));
    await prepareGatewayDataDir(dataDir, archive.location);
    gateway = await spawnGatewayProcess(
      gatewayEnv(nats, dataDir, {
        ...archive.env,
        ATC_LOG_LEVEL: 'info',
        ATC_CLOCK_SKEW: `${SKEW_MS / 1000}s`,
        // JetStream hands the dead gateway's submissions out again after this, not the default 15 s.
        ATC_SUBMIT_ACK_WAIT: '2s',
      }),
      dataDir,
    );
    wire = await connectMemberWire(nats);
    db = await openArchiveDb(archive.location);
  }, 60_000);

  afterAll(async () => {
    await gateway?.kill('SIGKILL');
    await wire?.close();
    await db?.close();
    await nats?.stop();
    await archive?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is archived or quarantined once, and its receipts reach the sender once', async () => {
    onTestFailed(() => {
      console.log(readFileSync(gateway.logFile, 'utf8').slice(-4000));
    });
    const jsm = await jetstreamManager(wire.nc);
    // The gateway set its consumer's ack wait from ATC_SUBMIT_ACK_WAIT (nanoseconds).
    expect((await jsm.consumers.info(Streams.submit, GATEWAY_CONSUMER)).config.ack_wait).toBe(2_000_000_000);
    const count = async (sql: string, params: string[]): Promise<number> =>
      (await db.get<{ n: number }>(sql, params))?.n ?? 0;
    // One message goes through first (its copy and receipt are then in the inboxes).
    const first = makeMessage({ from: 'KZ', to: ['BY'], sequence: 1 });
    await wire.submit('KZ', first.bytes, first.messageId);
    await waitFor(async () => (await jsm.streams.info(Streams.inbox)).state.messages === 2, {
      timeoutMs: 20_000,
      message: 'the first message routed and receipted',
    });
    // The inboxes take nothing more: the gateway commits, then retries publication for ever.
    await jsm.streams.update(Streams.inbox, { max_msgs: 2 });

    const accepted = makeMessage({ from: 'KZ', to: ['BY'], sequence: 2 });
    const refused = makeMessage({ from: 'KZ', to: ['BY'], sequence: 3, createdAt: Date.now() + SKEW_MS + 6_000 });
    await wire.submit('KZ', accepted.bytes, accepted.messageId);
    await wire.submit('KZ', refused.bytes, refused.messageId);
    await waitFor(
      async () =>
        (await count('SELECT count(*) AS n FROM messages WHERE message_id = ?', [accepted.messageId])) === 1 &&
        (await count('SELECT count(*) AS n FROM quarantine WHERE message_id = ?', [refused.messageId])) === 1,
      { timeoutMs: 20_000, message: 'both submissions committed' },
    );
    // Committed, receipted in the archive, not yet published nor acknowledged: the gateway dies.
    expect(await count('SELECT count(*) AS n FROM receipts WHERE published_at IS NULL', [])).toBe(2);
    expect(await gateway.kill('SIGKILL')).toBeNull();
    await jsm.streams.update(Streams.inbox, { max_msgs: -1 });
    await gateway.restart();

    // JetStream redelivers both after the ack wait (2 s); the gateway acknowledges them.
    await waitFor(
      async () => {
        const info = await jsm.consumers.info(Streams.submit, GATEWAY_CONSUMER);
        return info.num_pending + info.num_ack_pending === 0 && info.delivered.stream_seq >= 3;
      },
      { timeoutMs: 40_000, intervalMs: 250, message: 'both submissions redelivered and acknowledged' },
    );
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    // Both came back as replays. On a busy machine JetStream may deliver one a third time (the
    // restarted gateway took longer than the 2 s ack wait): a replay again, counted again, and
    // still archived and receipted once (below).
    const replayed = Number(/^atc_gateway_replayed_total (\d+)$/m.exec(metrics)?.[1]);
    expect(replayed).toBeGreaterThanOrEqual(2);

    // Once in the archive: one message, one quarantine row (still refused), one receipt each.
    expect(await count('SELECT count(*) AS n FROM messages WHERE message_id = ?', [accepted.messageId])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM messages WHERE message_id = ?', [refused.messageId])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM quarantine WHERE message_id = ?', [refused.messageId])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM receipts', [])).toBe(3);

    // Once on the wire: the sender holds one receipt per submission, the recipient one copy.
    // Both inboxes at once: each drain ends with a fetch that waits for nothing more.
    const [kzItems, by] = await Promise.all([wire.drainInbox('KZ', 10, 3_000), wire.drainInbox('BY', 10, 3_000)]);
    const kz = await Promise.all(kzItems.map((m) => verifyInboxItem(m.data)));
    const receipts = kz.map((v) => v.payload as atc.v1.Receipt);
    expect(kz.every((v) => v.payloadType === PayloadType.Receipt)).toBe(true);
    expect(receipts.map((r) => [r.messageId, r.status]).sort()).toEqual(
      [
        [first.messageId, atc.v1.ReceiptStatus.RECEIPT_STATUS_ACCEPTED],
        [accepted.messageId, atc.v1.ReceiptStatus.RECEIPT_STATUS_ACCEPTED],
        [refused.messageId, atc.v1.ReceiptStatus.RECEIPT_STATUS_REJECTED],
      ].sort(),
    );
    expect(by.map((m) => atc.v1.Header.decode(atc.v1.Envelope.decode(m.data).header).messageId)).toEqual([
      first.messageId,
      accepted.messageId,
    ]);
    // The gateway's own sender_sequence (its receipts and its own log entries) has no gap.
    const own = [
      ...kz.map((v) => v.header.senderSequence),
      ...(await db.all<{ sender_sequence: number }>("SELECT sender_sequence FROM messages WHERE sender = 'ATC'")).map(
        (r) => r.sender_sequence,
      ),
    ].sort((a, b) => a - b);
    expect(own).toEqual(own.map((_, i) => i + 1));
  }, 120_000);
});
