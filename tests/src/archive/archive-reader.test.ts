import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { batchWrite, openArchive, RetentionSweeper, type Archive, type ArchivedMessageRow } from '@atc/gateway';
import { atc, decodePayload, generateKeyPair, PayloadType, signEnvelope } from '@atc/shared';
import { FIXTURE_TIME, fixtureKey, fixtureRequest } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS, type TestArchiveLocation } from '@atc/tests';

/** An archived row of a PersonRecord from `sender` with the given record id and version. */
function person(sender: string, n: number, recordId: string, version: number): ArchivedMessageRow {
  const request = fixtureRequest(PayloadType.PersonRecord, n);
  const signed = signEnvelope(fixtureKey(sender), {
    ...request,
    header: { ...request.header, sender, recipients: ['RU'] },
    payload: { ...request.payload, recordId, version },
  });
  return {
    messageId: signed.messageId,
    sender,
    payloadType: PayloadType.PersonRecord,
    createdAt: FIXTURE_TIME + n,
    archivedAt: FIXTURE_TIME + n,
    tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER,
    urgency: atc.v1.Urgency.URGENCY_NORMAL,
    broadcast: false,
    exercise: n % 2 === 0,
    correlationId: n === 1 ? 'case-1' : null,
    inReplyTo: null,
    senderSequence: n,
    kid: fixtureKey(sender).kid,
    reviewBy: n === 3 ? FIXTURE_TIME - 1 : null,
    envelope: signed.bytes,
    envelopeSha256: createHash('sha256').update(signed.bytes).digest(),
  };
}

describe.each(ARCHIVE_BACKENDS)('the archive reader on $name', (backend) => {
  let location: TestArchiveLocation | undefined;
  let archive: Archive | undefined;
  afterEach(async () => {
    await archive?.close();
    await location?.dispose();
  });

  it('reads messages by id, in log order from a cursor, and record versions by originator and record id', async () => {
    location = await backend.create();
    archive = await openArchive({
      location: location.location,
      gatewayId: 'ATC',
      logOrigin: 'atc-exchange/test',
      key: generateKeyPair(),
      clock: () => FIXTURE_TIME,
    });
    const rows = [
      person('KZ', 1, 'KZ-P-1', 1),
      person('BY', 2, 'KZ-P-1', 1), // same record id, another originator: another record
      person('KZ', 3, 'KZ-P-1', 2),
      person('KZ', 4, 'KZ-P-2', 1),
    ];
    await archive.committer.commit(batchWrite({ messages: rows.slice(0, 2) }));
    await archive.committer.commit(batchWrite({ messages: rows.slice(2) }));
    const { reader } = archive;
    expect(await reader.size()).toBe(4);

    const first = await reader.message(rows[0]!.messageId);
    expect(first).toMatchObject({
      messageId: rows[0]!.messageId,
      sender: 'KZ',
      payloadType: PayloadType.PersonRecord,
      createdAt: FIXTURE_TIME + 1,
      exercise: false,
      correlationId: 'case-1',
      senderSequence: 1,
      leafIndex: 0,
      payloadErasedAt: null,
    });
    expect(Buffer.from(first!.envelope)).toEqual(Buffer.from(rows[0]!.envelope));
    expect(decodePayload(PayloadType.PersonRecord, first!.payload!).recordId).toBe('KZ-P-1');
    expect(await reader.message('0190a000-0000-7000-8000-000000000000')).toBeUndefined();

    // A projection reads on from its cursor, page by page, in leaf order.
    const page1 = await reader.messagesFrom(0, 3);
    const page2 = await reader.messagesFrom(3, 3);
    expect([...page1, ...page2].map((m) => m.messageId)).toEqual(rows.map((r) => r.messageId));
    expect([...page1, ...page2].map((m) => m.leafIndex)).toEqual([0, 1, 2, 3]);
    expect(await reader.messagesFrom(4, 3)).toEqual([]);

    const versions = await reader.recordVersions('KZ', 'KZ-P-1');
    expect(versions.map((v) => [v.messageId, v.recordId, v.version])).toEqual([
      [rows[0]!.messageId, 'KZ-P-1', 1],
      [rows[2]!.messageId, 'KZ-P-1', 2],
    ]);
    expect((await reader.recordVersions('BY', 'KZ-P-1')).map((v) => v.messageId)).toEqual([rows[1]!.messageId]);
    expect(await reader.recordVersions('UZ', 'KZ-P-1')).toEqual([]);

    // Once retention erased a payload, the envelope stays readable without it.
    expect(await new RetentionSweeper(archive.db, {}).sweep(FIXTURE_TIME)).toBe(1);
    const erased = await reader.message(rows[2]!.messageId);
    expect(erased?.payload).toBeUndefined();
    expect(erased?.payloadErasedAt).toBe(FIXTURE_TIME);
    expect((await reader.recordVersions('KZ', 'KZ-P-1')).map((v) => v.version)).toEqual([1]);
  });
});
