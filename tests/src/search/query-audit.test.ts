// A member's query is answered together with its audit entry: the result and the entry are
// written in one transaction, so an answer never exists without the record of who searched,
// for whom and why, and a failed audit write leaves the query waiting for the next run.
import { createHash } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bankPersonSearcher,
  batchWrite,
  GatewayNoticeSender,
  InboxPublisher,
  provisionStreams,
  QueryAnswers,
  resultIdOf,
  SqlArchiveReader,
  type Archive,
} from '@atc/gateway';
import { atc, createLogger, Duration, PayloadType, signEnvelope, StreamPublisher } from '@atc/shared';
import { fixtureKey, fixtureRequest } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS, startNatsServer, type NatsServerHandle } from '@atc/tests';
import { bankArchives } from '../databank/bank-archives.js';

describe.each(ARCHIVE_BACKENDS)("a member's query and its audit entry on $name", { timeout: 60_000 }, (backend) => {
  const open = bankArchives(backend, () => Date.now());
  let nats: NatsServerHandle | undefined;
  let nc: NatsConnection | undefined;

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url, name: 'query-audit-test' });
    await provisionStreams(await jetstreamManager(nc), {
      replicas: 1,
      duplicateWindowMs: Duration.minute,
      maxEnvelopeBytes: 1 << 20,
      acceptWindowMs: Duration.hour,
    });
  });
  afterAll(async () => {
    await nc?.drain();
    await nats?.stop();
  });

  /** KZ's DataBankQuery, archived now as the pipeline archives it. */
  async function archiveQuery(archive: Archive): Promise<string> {
    const signed = signEnvelope(fixtureKey('KZ'), fixtureRequest(PayloadType.DataBankQuery, 1));
    const now = Date.now();
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
            exercise: false,
            correlationId: null,
            inReplyTo: null,
            senderSequence: 1,
            kid: fixtureKey('KZ').kid,
            reviewBy: null,
            envelope: signed.bytes,
            envelopeSha256: createHash('sha256').update(signed.bytes).digest(),
          },
        ],
      }),
    );
    return signed.messageId;
  }

  function answers(archive: Archive): QueryAnswers {
    const sender = new GatewayNoticeSender({
      db: archive.db,
      store: archive.store,
      log: archive.log,
      committer: archive.committer,
      publisher: new InboxPublisher(
        new StreamPublisher(nc!),
        archive.store,
        createLogger({ name: 'query-audit-test', level: 'silent' }),
      ),
      signer: fixtureKey('ATC'),
      gatewayId: 'ATC',
      clock: Date.now,
    });
    return new QueryAnswers({
      db: archive.db,
      archive: new SqlArchiveReader(archive.db),
      searcher: bankPersonSearcher(archive.db),
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
    const archive = await open();
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
});
