import {
  atc,
  PayloadType,
  RefusalCode,
  RefusalError,
  checkEnvelope,
  signOwnEnvelope,
  toTimestamp,
  uuidv7,
  type Clock,
  type HeaderInput,
  type PayloadInput,
  type PayloadType as PayloadTypeName,
  type Signer,
  type SignRequest,
  type TraceContext,
} from '@atc/shared';
import type { EnqueueResult, NewOutboxMessage } from '../store/outbox-records.js';
import type { OutboxStore } from '../store/outbox-store.js';

/** Header fields an integrator chooses; the agent sets sender, id, sequence and time. */
export type ComposeHeader = Omit<HeaderInput, 'sender' | 'senderSequence' | 'messageId' | 'createdAt'>;

/** A message to sign and queue. */
export interface ComposeRequest<T extends PayloadTypeName> {
  readonly payloadType: T;
  readonly payload: PayloadInput<T>;
  readonly header: ComposeHeader;
  readonly idempotencyKey?: string;
  readonly requestSha256?: Uint8Array;
  /** The trace the request is part of: handed to `onQueued` with the new message. */
  readonly trace?: TraceContext;
}

/**
 * Turns a record into a signed envelope in the durable outbox: assigns the message id and
 * the next sender_sequence, signs with the member key, checks the size, and stores it
 * before anyone is told it was taken. A retried request with the same Idempotency-Key gets
 * the first message back and creates nothing.
 */
export class MessageComposer {
  constructor(
    private readonly deps: {
      readonly store: OutboxStore;
      readonly signer: Signer;
      readonly memberId: string;
      readonly gatewayId: string;
      readonly maxEnvelopeBytes: number;
      readonly clock: Clock;
      /** Called after a new message is queued, with its trace context if any (wakes the relay). */
      readonly onQueued: (messageId: string, trace: TraceContext | undefined) => void;
    },
  ) {}

  /**
   * Signs and queues a message.
   *
   * @throws RefusalError naming the first problem of the header or record (nothing is
   *   queued and no sequence number is used); AtcError ERR_IDEMPOTENCY_KEY_REUSED.
   */
  compose<T extends PayloadTypeName>(request: ComposeRequest<T>): EnqueueResult {
    return this.#compose(request, true);
  }

  /** {@link compose}, with the dry run of {@link builder} or (`checked` false) without. */
  #compose<T extends PayloadTypeName>(request: ComposeRequest<T>, checked: boolean): EnqueueResult {
    const existing = this.repeatOf(request);
    if (existing !== undefined) return existing;
    const build = this.builder(request, checked);
    return this.queued(
      this.deps.store.enqueue(build(this.deps.store.nextSequence()), this.deps.clock()),
      request.trace,
    );
  }

  /**
   * {@link compose} for the integrator API: the message is stored with others that arrive
   * at the same time, in one transaction and one fsync (group commit); its sequence number
   * is taken there, so it follows every message stored before it.
   */
  async composeGrouped<T extends PayloadTypeName>(request: ComposeRequest<T>): Promise<EnqueueResult> {
    const existing = this.repeatOf(request);
    if (existing !== undefined) return existing;
    const build = this.builder(request, true);
    const idempotency =
      request.idempotencyKey === undefined
        ? undefined
        : { key: request.idempotencyKey, requestSha256: request.requestSha256 };
    return this.queued(await this.deps.store.enqueueGrouped(build, idempotency, this.deps.clock()), request.trace);
  }

  private queued(result: EnqueueResult, trace: TraceContext | undefined): EnqueueResult {
    if (result.created) this.deps.onQueued(result.row.messageId, trace);
    return result;
  }

  /** The row an Idempotency-Key already made, if any. */
  private repeatOf<T extends PayloadTypeName>(request: ComposeRequest<T>): EnqueueResult | undefined {
    if (request.idempotencyKey === undefined) return undefined;
    const existing = this.deps.store.findByIdempotencyKey(request.idempotencyKey, request.requestSha256);
    return existing === undefined ? undefined : { created: false, row: existing };
  }

  /**
   * Checks a request and returns what signs it once its sequence number is known. A dry run
   * first: a refused request must not use up a sequence number (a gap the gateway would report).
   * `checked` false skips it, for a message the agent builds from values it holds (its DeliveryAck).
   */
  private builder<T extends PayloadTypeName>(
    request: ComposeRequest<T>,
    checked: boolean,
  ): (sequence: number) => NewOutboxMessage {
    const { signer, memberId, clock } = this.deps;
    const messageId = uuidv7();
    const requestWith = (senderSequence: number): SignRequest<T> & { header: { messageId: string } } => ({
      // Object.assign, not a spread then extended: about 2 µs less per record in V8 here.
      header: Object.assign({}, request.header, {
        sender: memberId,
        senderSequence,
        messageId,
        createdAt: toTimestamp(clock()),
      }),
      payloadType: request.payloadType,
      payload: request.payload,
    });
    // Checked now, with the largest sequence number (the longest encoding), so that a bad
    // record is refused before it takes a sequence number; signed once it has one.
    const size = checked ? checkEnvelope(signer.kid, requestWith(Number.MAX_SAFE_INTEGER), clock).size : 0;
    if (size > this.deps.maxEnvelopeBytes) {
      throw new RefusalError(
        RefusalCode.ENVELOPE_TOO_LARGE,
        `the signed message would be ${size} bytes, more than the limit of ${this.deps.maxEnvelopeBytes} bytes`,
      );
    }
    return (sequence) => ({
      messageId,
      sequence,
      payloadType: request.payloadType,
      recipients: [...(request.header.recipients ?? [])],
      broadcast: request.header.broadcast ?? false,
      envelope: signOwnEnvelope(signer, requestWith(sequence), clock).bytes,
      ...(request.idempotencyKey === undefined ? {} : { idempotencyKey: request.idempotencyKey }),
      ...(request.requestSha256 === undefined ? {} : { requestSha256: request.requestSha256 }),
    });
  }

  /** Queues the signed DeliveryAck that tells the gateway the national system took `messageId`. */
  deliveryAck(messageId: string, channel: 'webhook' | 'api', deliveredAt: number, exercise: boolean): EnqueueResult {
    // Built here from values the agent holds (the id of an envelope it verified, its own clock):
    // signed without the dry run an integrator's record gets, as the gateway signs its receipts.
    // The dry run (encode, decode and check it all once more) was 4% of the receiving agent's
    // thread in the soak, one DeliveryAck per record. Its rules are tested against the receivers' own.
    const request: ComposeRequest<typeof PayloadType.DeliveryAck> = {
      payloadType: PayloadType.DeliveryAck,
      payload: {
        messageId,
        deliveredAt: toTimestamp(deliveredAt),
        channel:
          channel === 'webhook'
            ? atc.v1.DeliveryChannel.DELIVERY_CHANNEL_WEBHOOK
            : atc.v1.DeliveryChannel.DELIVERY_CHANNEL_API,
      },
      header: {
        recipients: [this.deps.gatewayId],
        inReplyTo: messageId,
        exercise,
        handling: { tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER_STRICT },
        urgency: atc.v1.Urgency.URGENCY_NORMAL,
      },
    };
    return this.#compose(request, false);
  }

  /**
   * Queues the signed PurgeAck that tells the gateway this member erased the `versions` of a
   * withdrawn record (`count` items) at `erasedAt`, answering withdrawal `withdrawalMessageId`
   * with the withdrawal's exercise marking.
   */
  purgeAck(purge: {
    readonly withdrawalMessageId: string;
    readonly originator: string;
    readonly recordId: string;
    readonly versions: readonly number[];
    readonly erasedAt: number;
    readonly count: number;
    readonly exercise: boolean;
  }): EnqueueResult {
    return this.compose({
      payloadType: PayloadType.PurgeAck,
      payload: {
        withdrawalMessageId: purge.withdrawalMessageId,
        originator: purge.originator,
        recordId: purge.recordId,
        versions: [...new Set(purge.versions)].sort((a, b) => a - b),
        erasedAt: toTimestamp(purge.erasedAt),
        count: purge.count,
      },
      header: {
        recipients: [this.deps.gatewayId],
        inReplyTo: purge.withdrawalMessageId,
        exercise: purge.exercise,
        handling: { tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER_STRICT },
        urgency: atc.v1.Urgency.URGENCY_NORMAL,
      },
    });
  }
}
