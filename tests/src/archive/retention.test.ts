import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { batchWrite, openArchive, RetentionSweeper, type Archive, type ArchivedMessageRow } from '@atc/gateway';
import { atc, generateKeyPair, PayloadType, signEnvelope } from '@atc/shared';
import { FIXTURE_TIME, fixtureKey, fixtureRequest } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS, type TestArchiveLocation } from '@atc/tests';

const DAY = 86_400_000;

/** An archived row of fixture message `n` of `type`, archived `ageDays` before FIXTURE_TIME. */
function row(type: PayloadType, n: number, ageDays: number, reviewBy: number | null): ArchivedMessageRow {
  const request = fixtureRequest(type, n);
  const signed = signEnvelope(fixtureKey(request.header.sender), request);
  return {
    messageId: signed.messageId,
    sender: request.header.sender,
    payloadType: type,
    createdAt: FIXTURE_TIME - ageDays * DAY,
    archivedAt: FIXTURE_TIME - ageDays * DAY,
    tlp: 2,
    urgency: 1,
    broadcast: false,
    exercise: false,
    correlationId: null,
    inReplyTo: null,
    senderSequence: n,
    kid: fixtureKey(request.header.sender).kid,
    reviewBy,
    envelope: signed.bytes,
    envelopeSha256: createHash('sha256').update(signed.bytes).digest(),
  };
}

describe.each(ARCHIVE_BACKENDS)('retention on $name', (backend) => {
  let location: TestArchiveLocation | undefined;
  let archive: Archive | undefined;
  afterEach(async () => {
    await archive?.close();
    await location?.dispose();
  });

  async function archiveOf(rows: readonly ArchivedMessageRow[]): Promise<Archive> {
    location = await backend.create();
    archive = await openArchive({
      location: location.location,
      gatewayId: 'ATC',
      logOrigin: 'atc-exchange/test',
      key: generateKeyPair(),
      clock: () => FIXTURE_TIME,
    });
    await archive.committer.commit(batchWrite({ messages: rows }));
    return archive;
  }

  async function erased(a: Archive): Promise<Map<string, boolean>> {
    const rows = await a.db.all<{ message_id: string; payload_erased_at: number | null }>(
      'SELECT message_id, payload_erased_at FROM messages ORDER BY seq',
    );
    return new Map(rows.map((r) => [r.message_id, r.payload_erased_at !== null]));
  }

  it('erases records past review_by and past their type period, and nothing else', async () => {
    const rows = [
      row(PayloadType.PersonRecord, 1, 1, FIXTURE_TIME - 1), // review date passed
      row(PayloadType.PersonRecord, 2, 1, FIXTURE_TIME + DAY), // review date ahead
      row(PayloadType.PersonRecord, 3, 40, null), // older than the PersonRecord period
      row(PayloadType.PersonRecord, 4, 20, null), // younger
      row(PayloadType.IncidentReport, 5, 400, null), // older than the default period
      row(PayloadType.IncidentReport, 6, 100, null), // younger
      row(PayloadType.DeliveryAck, 7, 4000, FIXTURE_TIME - DAY), // control message: kept whole
    ];
    const a = await archiveOf(rows);
    const sweeper = new RetentionSweeper(a.db, { [PayloadType.PersonRecord]: 30 * DAY, default: 365 * DAY });
    const progress: number[] = [];
    expect(await sweeper.sweep(FIXTURE_TIME, (n) => progress.push(n))).toBe(3);
    expect(progress.at(-1)).toBe(3);
    expect([...(await erased(a)).values()]).toEqual([true, false, true, false, true, false, false]);
    // The erased envelope keeps its header and signature; the payload bytes are gone.
    const kept = await a.db.get<{ envelope: Uint8Array }>('SELECT envelope FROM messages WHERE message_id = ?', [
      rows[0]!.messageId,
    ]);
    const before = atc.v1.Envelope.decode(rows[0]!.envelope);
    const after = atc.v1.Envelope.decode(kept!.envelope);
    expect(after.signature).toBe(before.signature);
    expect(Buffer.from(after.header)).toEqual(Buffer.from(before.header));
    expect(after.payload.length).toBe(0);
    // A second sweep finds nothing more.
    expect(await sweeper.sweep(FIXTURE_TIME)).toBe(0);
  });

  it('with no periods erases only what review_by makes due, more than one sweep batch of it', async () => {
    const rows = Array.from({ length: 1_100 }, (_, i) =>
      row(PayloadType.PersonRecord, i + 1, 10, i % 2 === 0 ? FIXTURE_TIME - 1 : null),
    );
    const a = await archiveOf(rows);
    expect(await new RetentionSweeper(a.db, {}).sweep(FIXTURE_TIME)).toBe(550);
    const flags = [...(await erased(a)).values()];
    expect(flags.filter((f, i) => f !== (i % 2 === 0))).toEqual([]);
  });
});
