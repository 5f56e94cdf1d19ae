// The gateway's side of members' searches over NATS on both archive engines: a DataBankQuery is
// archived and receipted, then answered once with a gateway-signed DataBankResult in the asker's
// inbox (in_reply_to = correlation_id = the query); a replay of the query and a second answering
// run answer nothing again; queries that are not addressed to the gateway alone, too broad or with
// an absurd limit, and DataBankResults sent by a member, are refused with their codes. The result
// stays under the envelope size limit by leaving out the last hits' content, and says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bankPersonSearcher,
  CONTENT_LEFT_OUT,
  fitResult,
  openArchiveDb,
  QueryAnswers,
  resultIdOf,
  SqlArchiveReader,
  type SqlDb,
} from '@atc/gateway';
import {
  atc,
  PayloadType,
  RefusalCode,
  signOwnEnvelope,
  toTimestamp,
  uuidv7,
  type PayloadInput,
  type SignedEnvelope,
} from '@atc/shared';
import { fixtureKey, fixtureRequest } from '@atc/shared/testing';
import {
  ARCHIVE_BACKENDS,
  expectRefusedOnWire,
  InboxWatcher,
  makeMessage,
  startTestFederation,
  waitFor,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';

const { RECEIPT_STATUS_ACCEPTED: ACCEPTED } = atc.v1.ReceiptStatus;
const MEMBERS = ['KZ', 'BY'];

let fed: TestFederation;
let watcher: InboxWatcher;
let archive: TestArchiveLocation;
let db: SqlDb;
let seq = 500;

const query = (
  payload: Partial<PayloadInput<'atc.v1.DataBankQuery'>> = {},
  to: readonly string[] = ['ATC'],
): SignedEnvelope =>
  makeMessage({
    type: PayloadType.DataBankQuery,
    from: 'KZ',
    to,
    sequence: ++seq,
    payload: { ...fixtureRequest(PayloadType.DataBankQuery, seq).payload, ...payload },
  });

/** A query KZ signs without the sender's own checks, as a faulty or hostile agent could. */
const unchecked = (payload: Partial<PayloadInput<'atc.v1.DataBankQuery'>>): SignedEnvelope => {
  const base = fixtureRequest(PayloadType.DataBankQuery, ++seq);
  const signed = signOwnEnvelope(fixtureKey('KZ'), {
    ...base,
    header: { ...base.header, messageId: uuidv7(), senderSequence: seq, createdAt: toTimestamp(Date.now()) },
    payload: { ...base.payload, ...payload },
  });
  return signed as SignedEnvelope;
};

describe.each(ARCHIVE_BACKENDS)('DataBankQuery answers on $name', (backend) => {
  beforeAll(async () => {
    archive = await backend.create();
    fed = await startTestFederation({ archive: archive.location, wire: true });
    watcher = await InboxWatcher.start(fed.wire, MEMBERS);
    db = await openArchiveDb(archive.location);
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await watcher?.stop();
    await fed?.close();
    await archive?.dispose();
  });

  it("archives a query, answers it once in the asker's inbox, and never again after a replay or a second run", async () => {
    const q = query();
    await fed.wire.submit('KZ', q.bytes, q.messageId);
    await watcher.receipt('KZ', q.messageId, ACCEPTED);
    const resultId = resultIdOf(q.messageId);
    const [copy] = await waitFor(
      () => {
        const copies = watcher.copies('KZ', resultId);
        return copies.length > 0 ? copies : false;
      },
      { timeoutMs: 15_000, message: "the DataBankResult in KZ's inbox" },
    );
    const { header, payloadType, payload } = copy!.verified;
    expect(payloadType).toBe(PayloadType.DataBankResult);
    expect(header).toMatchObject({
      sender: 'ATC',
      recipients: ['KZ'],
      inReplyTo: q.messageId,
      correlationId: q.messageId,
    });
    expect((payload as atc.v1.DataBankResult).queryMessageId).toBe(q.messageId);

    // The exact bytes again: a replay, answered with the original receipt, and no second result.
    await fed.wire.submit('KZ', q.bytes, `${q.messageId}-again`);
    await waitFor(() => watcher.receipts('KZ', q.messageId).length >= 2, {
      timeoutMs: 15_000,
      message: 'the replay receipt',
    });
    let sent = 0;
    const answers = new QueryAnswers({
      db,
      archive: new SqlArchiveReader(db),
      searcher: bankPersonSearcher(db),
      members: fed.gateway.registry,
      send: () => {
        sent++;
        return Promise.resolve('sent');
      },
      bankCursor: () => Promise.resolve(Number.MAX_SAFE_INTEGER),
      maxEnvelopeBytes: 1_048_576,
      clock: Date.now,
    });
    expect(await answers.answerWaiting()).toEqual([]);
    expect(sent).toBe(0);
    const results = await db.all<{ n: number }>(
      'SELECT COUNT(*) AS n FROM messages WHERE in_reply_to = ? AND payload_type = ?',
      [q.messageId, PayloadType.DataBankResult],
    );
    expect(Number(results[0]?.n)).toBe(1);
  });

  it.each([
    ['a query addressed to a member too', () => query({}, ['ATC', 'BY']), RefusalCode.POLICY_DENIED],
    [
      'a query by a single letter',
      () =>
        unchecked({
          names: [{ script: 'Latn', parts: [{ type: atc.v1.NamePartType.NAME_PART_TYPE_FAMILY, value: 'T' }] }],
          documents: [],
        }),
      RefusalCode.QUERY_TOO_BROAD,
    ],
    ['a query for 51 hits', () => unchecked({ limit: 51 }), RefusalCode.QUERY_LIMIT_INVALID],
    [
      'a query by a name in Greek letters',
      () =>
        unchecked({
          names: [
            { script: 'Grek', parts: [{ type: atc.v1.NamePartType.NAME_PART_TYPE_FAMILY, value: 'Τεστόπουλος' }] },
          ],
        }),
      RefusalCode.QUERY_NAME_UNREADABLE,
    ],
    [
      'a DataBankResult from a member',
      () => makeMessage({ type: PayloadType.DataBankResult, from: 'KZ', to: ['BY'], sequence: ++seq }),
      RefusalCode.PAYLOAD_TYPE_NOT_ALLOWED,
    ],
  ])('refuses %s', async (_name, build, code) => {
    const m = build();
    await fed.wire.submit('KZ', m.bytes, m.messageId);
    await expectRefusedOnWire({ gateway: fed.gateway, watcher, watched: MEMBERS }, 'KZ', m, code);
  });
});

describe('the size of a result', () => {
  const hit = (n: number, bytes: number): atc.v1.DataBankHit.$Properties => ({
    record: { originator: 'KZ', recordId: `KZ-P-${n}`, version: 1 },
    score: 900 - n,
    reasons: ['family name equal'],
    envelope: new Uint8Array(bytes),
  });

  it('leaves out the content of the last hits first, each saying so, until the answer fits', () => {
    const fitted = fitResult({ queryMessageId: 'q', hits: [hit(0, 40_000), hit(1, 40_000), hit(2, 40_000)] }, 100_000);
    expect(fitted.hits?.map((h) => h.envelope?.length)).toEqual([40_000, 40_000, 0]);
    expect(fitted.hits?.[2]?.reasons).toContain(CONTENT_LEFT_OUT);
    expect(atc.v1.DataBankResult.encode(fitted).finish().length).toBeLessThan(100_000);
  });

  it('leaves an answer that fits as it is', () => {
    const payload = { queryMessageId: 'q', hits: [hit(0, 1_000)] };
    expect(fitResult(payload, 1_048_576)).toEqual(payload);
  });
});
