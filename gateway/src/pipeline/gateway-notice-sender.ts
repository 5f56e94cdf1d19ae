import {
  atc,
  PayloadType,
  sha256,
  signEnvelope,
  toTimestamp,
  type Clock,
  type PayloadInput,
  type Signer,
} from '@atc/shared';
import type { BatchCommitter } from '../archive/batch-committer.js';
import type { MerkleLog } from '../archive/merkle-log.js';
import type { MessageStore } from '../archive/message-store.js';
import type { SqlDb } from '../db/sql-db.js';
import { batchWrite, type ArchivedMessageRow } from '../domain/batch-write.js';
import type { InboxPublisher } from './publisher.js';

/** A Notice the gateway itself sends to one member. */
export interface GatewayNotice {
  /** Chosen by the caller (derived from what the Notice announces), so that it is sent once. */
  readonly messageId: string;
  readonly recipient: string;
  readonly exercise: boolean;
  readonly purpose: string;
  readonly payload: PayloadInput<'atc.v1.Notice'>;
}

/** A DataBankResult the gateway sends to the member that asked. */
export interface GatewayResult {
  /** Derived from the query's message id, so that a query is answered once. */
  readonly messageId: string;
  readonly recipient: string;
  readonly exercise: boolean;
  /** The query's message id: header.in_reply_to and correlation_id. */
  readonly queryMessageId: string;
  /** TLP:AMBER+STRICT: for the asker alone (a restricted hit carries no content, only its reference). */
  readonly tlp: atc.v1.TlpLevel;
  readonly payload: PayloadInput<'atc.v1.DataBankResult'>;
}

/** What differs between the gateway's own messages: their type, marking, references and payload. */
interface OwnMessage {
  readonly messageId: string;
  readonly recipient: string;
  readonly exercise: boolean;
  readonly payloadType: typeof PayloadType.Notice | typeof PayloadType.DataBankResult;
  readonly tlp: atc.v1.TlpLevel;
  readonly purpose: string;
  readonly legalBasis: string;
  readonly inReplyTo: string;
  readonly payload: PayloadInput<'atc.v1.Notice'> | PayloadInput<'atc.v1.DataBankResult'>;
}

/** The legal basis the gateway's own Notices state (a record-kind payload needs one). */
const NOTICE_LEGAL_BASIS = 'ATC Exchange data bank rules (DESIGN.md section 9)';

/**
 * Sends the gateway's own Notices and DataBankResults as members send records: an envelope signed with the
 * gateway key, archived as a leaf of the log with a delivery row for its recipient in one
 * write transaction (the gateway's sender_sequence taken in it, as key events do), then
 * published to the recipient's inbox by the {@link InboxPublisher} (de-duplicated per message
 * and recipient; the agent answers with a DeliveryAck like for any routed message).
 *
 * Sent once per message id: when the archive holds the id already, nothing is archived again,
 * and a delivery a crash left pending is published now.
 */
export class GatewayNoticeSender {
  constructor(
    private readonly deps: {
      readonly db: SqlDb;
      readonly store: MessageStore;
      readonly log: MerkleLog;
      readonly committer: BatchCommitter;
      readonly publisher: InboxPublisher;
      readonly signer: Signer;
      readonly gatewayId: string;
      readonly clock: Clock;
    },
  ) {}

  /** Archives (once) and delivers `notice`; `within` runs inside the archive's write transaction. */
  send(notice: GatewayNotice, within: () => Promise<void> = () => Promise.resolve()): Promise<'sent' | 'already'> {
    return this.#send(
      {
        ...notice,
        payloadType: PayloadType.Notice,
        // For the originator only: it names that member's records.
        tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER_STRICT,
        legalBasis: NOTICE_LEGAL_BASIS,
        inReplyTo: '',
      },
      within,
    );
  }

  /**
   * Archives (once) and delivers the answer to a member's DataBankQuery. `whenNew` runs inside
   * the archive's write transaction when the result is archived by this call (not when it was
   * already): what must be written with the answer (its audit entry) is, or neither is. It runs
   * before the result is signed, and may still take content out of its payload.
   */
  sendResult(result: GatewayResult, whenNew?: () => Promise<void>): Promise<'sent' | 'already'> {
    return this.#send(
      {
        ...result,
        payloadType: PayloadType.DataBankResult,
        purpose: '',
        legalBasis: '',
        inReplyTo: result.queryMessageId,
      },
      undefined,
      whenNew,
    );
  }

  async #send(
    notice: OwnMessage,
    within: () => Promise<void> = () => Promise.resolve(),
    whenNew?: () => Promise<void>,
  ): Promise<'sent' | 'already'> {
    const { db, store, log, committer } = this.deps;
    let envelope: Uint8Array | undefined;
    try {
      envelope = await db.transaction(
        async () => {
          await within();
          if ((await store.findMessages([notice.messageId])).size > 0) return undefined;
          await whenNew?.();
          const sequence = (await store.gatewaySequence()) + 1;
          const row = this.#sign(notice, sequence);
          await committer.commitWithinTransaction(
            batchWrite({ messages: [row], deliveries: [{ messageId: row.messageId, recipient: notice.recipient }] }),
            sequence,
          );
          return row.envelope;
        },
        { write: true },
      );
    } catch (e) {
      // The log's cached frontier may hold the rolled-back leaf.
      log.reset();
      throw e;
    }
    const pending = (await store.deliveriesOf(notice.messageId)).filter((d) => d.state === 'pending');
    if (pending.length > 0) {
      const bytes = envelope ?? (await store.envelopeOf(notice.messageId));
      if (bytes !== undefined) {
        await this.deps.publisher.publish({
          routes: [{ messageId: notice.messageId, envelope: bytes, recipients: pending.map((d) => d.recipient) }],
          receipts: [],
        });
      }
    }
    return envelope === undefined ? 'already' : 'sent';
  }

  #sign(notice: OwnMessage, sequence: number): ArchivedMessageRow {
    const { signer, gatewayId, clock } = this.deps;
    const now = clock();
    const { tlp } = notice;
    const signed = signEnvelope(
      signer,
      {
        header: {
          messageId: notice.messageId,
          sender: gatewayId,
          recipients: [notice.recipient],
          senderSequence: sequence,
          createdAt: toTimestamp(now),
          exercise: notice.exercise,
          handling: { tlp },
          urgency: atc.v1.Urgency.URGENCY_NORMAL,
          purpose: notice.purpose,
          legalBasis: notice.legalBasis,
          inReplyTo: notice.inReplyTo,
          correlationId: notice.inReplyTo,
        },
        payloadType: notice.payloadType,
        payload: notice.payload,
      },
      clock,
    );
    return {
      messageId: signed.messageId,
      sender: gatewayId,
      payloadType: notice.payloadType,
      createdAt: now,
      archivedAt: now,
      tlp,
      urgency: atc.v1.Urgency.URGENCY_NORMAL,
      broadcast: false,
      exercise: notice.exercise,
      correlationId: notice.inReplyTo === '' ? null : notice.inReplyTo,
      inReplyTo: notice.inReplyTo === '' ? null : notice.inReplyTo,
      senderSequence: sequence,
      kid: signer.kid,
      reviewBy: null,
      envelope: signed.bytes,
      envelopeSha256: sha256(signed.bytes),
    };
  }
}
