// A member's query is answered together with its audit entry: the result and the entry are
// written in one transaction, so an answer never exists without the record of who searched,
// for whom and why, and a failed audit write leaves the query waiting for the next run.
import { describe, expect, it } from 'vitest';
import {
  bankPersonSearcher,
  batchWrite,
  CONTENT_WITHDRAWN,
  DatabankProjection,
  QueryAnswers,
  resultIdOf,
  SqlArchiveReader,
  type Archive,
} from '@atc/gateway';
import { atc, PayloadType, RefusalCode, sha256, signEnvelope, signOwnEnvelope, toTimestamp, uuidv7 } from '@atc/shared';
import { fixtureKey, fixtureRequest } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS } from '@atc/tests';
import { bankArchives } from '../databank/bank-archives.js';
import { person, withdrawal } from '../databank/bank-rows.js';
import { gatewayNoticeSender, provisionedNats } from '../databank/gateway-notices.js';

describe.each(ARCHIVE_BACKENDS)("a member's query and its audit entry on $name", { timeout: 60_000 }, (backend) => {
  const open = bankArchives(backend, () => Date.now());
  let sequence = 0;
  const nc = provisionedNats('query-audit-test');

  /** KZ's DataBankQuery, operational (the fixture header is exercise traffic), with `payload` over the fixture's. */
  const queryOf = (n: number, payload: object = {}) => {
    const base = fixtureRequest(PayloadType.DataBankQuery, n);
    return signEnvelope(fixtureKey('KZ'), {
      ...base,
      header: { ...base.header, exercise: false },
      payload: { ...base.payload, ...payload },
    });
  };

  /** KZ's DataBankQuery `signed` (default a valid one), archived now as the pipeline archives it, with its header's exercise marking. */
  async function archiveQuery(
    archive: Archive,
    signed: { readonly messageId: string; readonly bytes: Uint8Array } = queryOf(1),
  ): Promise<string> {
    const now = Date.now();
    const header = atc.v1.Header.decode(atc.v1.Envelope.decode(signed.bytes).header);
    await archive.committer.commit(
      batchWrite({
        messages: [
          {
            messageId: signed.messageId,
            sender: 'KZ',
            payloadType: PayloadType.DataBankQuery,
            createdAt: now,
            archivedAt: now,
            tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER,
            urgency: atc.v1.Urgency.URGENCY_NORMAL,
            broadcast: false,
            exercise: header.exercise,
            correlationId: null,
            inReplyTo: null,
            senderSequence: ++sequence,
            kid: fixtureKey('KZ').kid,
            reviewBy: null,
            envelope: signed.bytes,
            envelopeSha256: sha256(signed.bytes),
          },
        ],
      }),
    );
    return signed.messageId;
  }

  /** A fresh archive with KZ registered, active. */
  async function withKz(): Promise<Archive> {
    const archive = await open();
    await archive.registry.addMember(
      { id: 'KZ', name: 'Kazakhstan (test)', kind: 'national' },
      { who: 'test', why: 'query answer tests' },
    );
    return archive;
  }

  function answers(archive: Archive): QueryAnswers {
    const sender = gatewayNoticeSender(archive, nc(), Date.now);
    return new QueryAnswers({
      db: archive.db,
      archive: new SqlArchiveReader(archive.db),
      searcher: bankPersonSearcher(archive.db),
      members: archive.registry,
      send: (result, record) => sender.sendResult(result, record),
      bankCursor: () => Promise.resolve(Number.MAX_SAFE_INTEGER),
      maxEnvelopeBytes: 1 << 20,
      clock: Date.now,
      audit: archive.registry.audit,
    });
  }

  const resultsOf = async (archive: Archive, queryId: string): Promise<number> =>
    Number(
      (await archive.db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM messages WHERE message_id = ?', [
        resultIdOf(queryId),
      ]))!.n,
    );
  const auditsOf = async (archive: Archive, queryId: string): Promise<number> =>
    Number(
      (await archive.db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM audit_log WHERE subject = ?', [
        `query:${queryId}`,
      ]))!.n,
    );

  it('writes no answer when its audit entry cannot be written, and both once the next run can', async () => {
    const archive = await withKz();
    const queryId = await archiveQuery(archive);
    // The audit log cannot be written (its table gone, as a damaged or full store would fail).
    await archive.db.exec('ALTER TABLE audit_log RENAME TO audit_log_away');
    await expect(answers(archive).answerWaiting()).rejects.toThrow(/audit_log/);
    await archive.db.exec('ALTER TABLE audit_log_away RENAME TO audit_log');
    expect(await resultsOf(archive, queryId)).toBe(0);
    expect(await auditsOf(archive, queryId)).toBe(0);

    const [outcome] = await answers(archive).answerWaiting();
    expect(outcome).toMatchObject({ sent: 'sent' });
    expect(await resultsOf(archive, queryId)).toBe(1);
    expect(await auditsOf(archive, queryId)).toBe(1);
    // Answered: nothing more, by this or a fresh answerer.
    expect(await answers(archive).answerWaiting()).toEqual([]);
    expect(await auditsOf(archive, queryId)).toBe(1);
  });

  it('answers a query that the rules of today refuse with that refusal, and goes on to the queries after it', async () => {
    const archive = await withKz();
    // Archived under looser rules (as a query accepted by an older release): a single letter.
    const base = fixtureRequest(PayloadType.DataBankQuery, 2);
    const broad = signOwnEnvelope(fixtureKey('KZ'), {
      ...base,
      header: { ...base.header, messageId: uuidv7(), createdAt: toTimestamp(Date.now()), exercise: false },
      payload: {
        ...base.payload,
        names: [{ script: 'Latn', parts: [{ type: atc.v1.NamePartType.NAME_PART_TYPE_FAMILY, value: 'T' }] }],
        documents: [],
      },
    });
    const broadId = await archiveQuery(archive, broad);
    const goodId = await archiveQuery(archive);
    const outcomes = await answers(archive).answerWaiting();
    expect(outcomes.map((o) => [o.refused, o.sent])).toEqual([
      [RefusalCode.QUERY_TOO_BROAD, 'sent'],
      [undefined, 'sent'],
    ]);
    const row = await archive.db.get<{ envelope: Uint8Array }>('SELECT envelope FROM messages WHERE message_id = ?', [
      resultIdOf(broadId),
    ]);
    const result = atc.v1.DataBankResult.decode(atc.v1.Envelope.decode(row!.envelope).payload);
    expect(result).toMatchObject({ queryMessageId: broadId, refusalCode: RefusalCode.QUERY_TOO_BROAD, hits: [] });
    expect(result.refusalDetail).toMatch(/not searched/);
    expect(await auditsOf(archive, broadId)).toBe(1);
    expect(await resultsOf(archive, goodId)).toBe(1);
    expect(await answers(archive).answerWaiting()).toEqual([]);
  });

  it('answers a query from a member suspended since it was archived with ERR_SENDER_SUSPENDED, unsearched', async () => {
    const archive = await withKz();
    const queryId = await archiveQuery(archive);
    await archive.registry.setMemberStatus('KZ', 'suspended', { who: 'test', why: 'suspension after the query' });
    const [outcome] = await answers(archive).answerWaiting();
    expect(outcome).toMatchObject({ refused: RefusalCode.SENDER_SUSPENDED, hits: 0, sent: 'sent' });
    const row = await archive.db.get<{ envelope: Uint8Array }>('SELECT envelope FROM messages WHERE message_id = ?', [
      resultIdOf(queryId),
    ]);
    const result = atc.v1.DataBankResult.decode(atc.v1.Envelope.decode(row!.envelope).payload);
    expect(result).toMatchObject({ refusalCode: RefusalCode.SENDER_SUSPENDED, hits: [] });
    expect(result.refusalDetail).toContain('KZ is suspended');
  });

  it('leaves out the content of a record withdrawn after the bank read it, and records no copy of it as quoted', async () => {
    const archive = await withKz();
    await archive.committer.commit(batchWrite({ messages: [person('KZ', 1, 'KZ-P-0001', 1)] }));
    const query = queryOf(2, {
      names: [
        {
          script: 'Cyrl',
          parts: [
            { type: atc.v1.NamePartType.NAME_PART_TYPE_FAMILY, value: 'Тестов' },
            { type: atc.v1.NamePartType.NAME_PART_TYPE_GIVEN, value: 'Иван' },
          ],
        },
      ],
      dateOfBirth: null,
    });
    const queryId = await archiveQuery(archive, query);
    await new DatabankProjection(archive.db, archive.reader).catchUp();
    // Withdrawn after the bank read the record: the bank has not applied the withdrawal yet.
    await archive.committer.commit(batchWrite({ messages: [withdrawal('KZ', 3, 'KZ', 'KZ-P-0001')] }));

    const [outcome] = await answers(archive).answerWaiting();
    expect(outcome).toMatchObject({ sent: 'sent', hits: 1 });
    const row = await archive.db.get<{ envelope: Uint8Array }>('SELECT envelope FROM messages WHERE message_id = ?', [
      resultIdOf(queryId),
    ]);
    const [hit] = atc.v1.DataBankResult.decode(atc.v1.Envelope.decode(row!.envelope).payload).hits;
    expect(hit?.record).toMatchObject({ originator: 'KZ', recordId: 'KZ-P-0001' });
    expect(hit?.envelope?.length ?? 0).toBe(0);
    expect(hit?.reasons).toContain(CONTENT_WITHDRAWN);
    expect(Number((await archive.db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM record_quotes'))!.n)).toBe(
      0,
    );
  });
});
