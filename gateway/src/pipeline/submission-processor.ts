import { createHash } from 'node:crypto';
import {
  atc,
  fromTimestamp,
  isRefusal,
  isUuidV7,
  memberOfSubmitSubject,
  payloadKind,
  PayloadType,
  reasonCodeOf,
  RefusalCode,
  RefusalError,
  toIso,
  uuidv7,
  validateReferences,
  verifyEnvelope,
  type Clock,
  type KeyResolver,
  type SignatureCheck,
  type VerifiedEnvelope,
} from '@atc/shared';
import type { MessageRef, MessageStore } from '../archive/message-store.js';
import type {
  ArchivedMessageRow,
  BatchWrite,
  QuarantineRow,
  ReceiptContent,
  ReceiptIntent,
  SequenceAnomalyRow,
} from '../domain/batch-write.js';
import type { FlowEvent } from '../domain/flow-event.js';
import type { DirectoryMember, MemberDirectory } from './member-directory.js';

/** How much of a refused submission the quarantine keeps. */
const QUARANTINE_HEAD_BYTES = 64 * 1024;

/** One submission as fetched from ATC_SUBMIT. */
export interface Submission {
  readonly subject: string;
  readonly data: Uint8Array;
  /** The Nats-Msg-Id header: agents set it to the message id. */
  readonly msgId: string | undefined;
}

/** Limits the pipeline enforces. */
export interface PipelinePolicy {
  readonly gatewayId: string;
  readonly maxEnvelopeBytes: number;
  readonly clockSkewMs: number;
  readonly acceptWindowMs: number;
}

/** A message to copy into its recipients' inboxes. */
export interface Route {
  readonly messageId: string;
  readonly envelope: Uint8Array;
  readonly recipients: readonly string[];
}

/** What a batch decided: the rows to commit, then what to publish. */
export interface BatchResult {
  readonly write: BatchWrite;
  readonly routes: readonly Route[];
  /** Message ids resubmitted with identical bytes: re-route what is pending, resend receipts. */
  readonly replays: readonly string[];
  readonly events: readonly FlowEvent[];
}

/** Collaborators of the processor. */
export interface ProcessorDeps {
  readonly store: MessageStore;
  /** The registry's members, read once per batch. */
  readonly members: { listMembers(): Promise<readonly DirectoryMember[]> };
  readonly resolver: KeyResolver;
  readonly policy: PipelinePolicy;
  readonly clock: Clock;
  /** Checks Ed25519 signatures (default: on the main thread); see SignaturePool. */
  readonly verifySignature?: SignatureCheck;
}

interface BatchState {
  readonly messages: ArchivedMessageRow[];
  readonly deliveries: { messageId: string; recipient: string }[];
  readonly delivered: { messageId: string; recipient: string; at: number; ackMessageId: string }[];
  readonly quarantine: QuarantineRow[];
  readonly receipts: ReceiptIntent[];
  readonly anomalies: SequenceAnomalyRow[];
  readonly sequences: Map<string, number>;
  readonly routes: Route[];
  readonly replays: string[];
  readonly events: FlowEvent[];
  /** Message ids archived in this batch, with what later messages of the batch may check of them. */
  readonly seen: Map<string, SeenMessage>;
  /** The last sender_sequence per member, as the archive held it when the batch began. */
  readonly lastSequences: ReadonlyMap<string, number>;
  /** What the archive holds of the message ids the batch names (its own and acknowledged ones). */
  readonly archived: ReadonlyMap<string, MessageRef>;
}

/** A message archived earlier in the same batch. */
interface SeenMessage {
  readonly sha: Buffer;
  readonly recipients: readonly string[];
  readonly sender: string;
  readonly payloadType: string;
  readonly exercise: boolean;
}

/** A submission after the checks that need no batch state: form, sender, key, signature. */
interface CheckedSubmission {
  readonly submission: Submission;
  readonly sha: Buffer;
  readonly transportSender: string | null;
  readonly outcome: { readonly verified: VerifiedEnvelope } | { readonly refusal: RefusalError };
}

/** The header fields a refused submission claims, read without trusting them. */
interface Claimed {
  readonly sender: string | null;
  readonly messageId: string | null;
  readonly correlationId: string | null;
  readonly exercise: boolean;
}

function claimedHeader(data: Uint8Array): Claimed {
  try {
    const header = atc.v1.Header.decode(atc.v1.Envelope.decode(data).header);
    return {
      sender: header.sender === '' ? null : header.sender.slice(0, 64),
      messageId: header.messageId === '' ? null : header.messageId.slice(0, 64),
      correlationId: header.correlationId === '' ? null : header.correlationId.slice(0, 200),
      exercise: header.exercise,
    };
  } catch {
    return { sender: null, messageId: null, correlationId: null, exercise: false };
  }
}

/**
 * The gateway pipeline (DESIGN.md section 4) for one batch: verify each submission, apply
 * idempotency, time window, member status, routing and handling policy, and decide what
 * to archive, quarantine, route and receipt. Nothing is written here: the caller commits
 * {@link BatchResult.write} in one transaction, then publishes.
 */
export class SubmissionProcessor {
  private members: MemberDirectory = memberView([]);
  private resolver: KeyResolver;

  constructor(private readonly deps: ProcessorDeps) {
    this.resolver = deps.resolver;
  }

  /** Evaluates a batch. Throws only for internal failures (the batch is then retried). */
  async process(submissions: readonly Submission[]): Promise<BatchResult> {
    // One registry read per batch, not per message: the registry changes rarely, and a
    // change becomes visible from the next batch. Sequences are read fresh too, since other
    // gateway replicas commit batches of the same senders.
    this.members = memberView(await this.deps.members.listMembers());
    this.resolver = batchKeyView(this.deps.resolver);
    const lastSequences = await this.deps.store.lastSequences();
    // Signatures first, all at once (they depend on nothing else in the batch); then one
    // archive read for every id the batch names; then the policy, message by message.
    const checked = await Promise.all(submissions.map((s) => this.check(s)));
    const named = checked.flatMap(({ outcome }) => {
      if (!('verified' in outcome)) return [];
      const v = outcome.verified;
      const ids = [v.header.messageId];
      if (v.payloadType === PayloadType.DeliveryAck) ids.push((v.payload as atc.v1.DeliveryAck).messageId);
      if (v.payloadType === PayloadType.InformationResponse && isUuidV7(v.header.inReplyTo))
        ids.push(v.header.inReplyTo);
      return ids;
    });
    const state: BatchState = {
      messages: [],
      deliveries: [],
      delivered: [],
      quarantine: [],
      receipts: [],
      anomalies: [],
      sequences: new Map(),
      routes: [],
      replays: [],
      events: [],
      seen: new Map(),
      lastSequences,
      archived: await this.deps.store.findMessages(named),
    };
    for (const c of checked) await this.evaluate(c, state);
    return {
      write: {
        messages: state.messages,
        deliveries: state.deliveries,
        delivered: state.delivered,
        quarantine: state.quarantine,
        receipts: state.receipts,
        senderSequences: state.sequences,
        anomalies: state.anomalies,
      },
      routes: state.routes,
      replays: state.replays,
      events: state.events,
    };
  }

  /** Form, sender, key and signature of one submission. Throws only for internal failures. */
  private async check(s: Submission): Promise<CheckedSubmission> {
    const sha = createHash('sha256').update(s.data).digest();
    const transportSender = memberOfSubmitSubject(s.subject) ?? null;
    try {
      if (transportSender === null) {
        throw new RefusalError(RefusalCode.SENDER_MISMATCH, `subject ${s.subject} is not a member's submit subject`);
      }
      const verified = await verifyEnvelope(s.data, {
        resolver: this.resolver,
        maxBytes: this.deps.policy.maxEnvelopeBytes,
        transportSender,
        ...(this.deps.verifySignature === undefined ? {} : { verifySignature: this.deps.verifySignature }),
      });
      return { submission: s, sha, transportSender, outcome: { verified } };
    } catch (e) {
      if (!isRefusal(e)) throw e;
      return { submission: s, sha, transportSender, outcome: { refusal: e } };
    }
  }

  private async evaluate(checked: CheckedSubmission, state: BatchState): Promise<void> {
    const { submission: s, sha, transportSender, outcome } = checked;
    try {
      if ('refusal' in outcome) throw outcome.refusal;
      const { verified } = outcome;
      if (this.isReplay(verified, sha, state)) {
        state.replays.push(verified.header.messageId);
        state.events.push(this.event('replayed', verified));
        return;
      }
      this.checkPolicy(verified);
      if (verified.payloadType === PayloadType.DeliveryAck) await this.acceptAck(verified, sha, state);
      else await this.acceptRecord(verified, sha, state);
    } catch (e) {
      if (!isRefusal(e)) throw e;
      await this.refuse(s, sha, transportSender, e, state);
    }
  }

  /** Identical bytes under a known id: a replay. Different bytes: refused and flagged. */
  private isReplay(v: VerifiedEnvelope, sha: Buffer, state: BatchState): boolean {
    const id = v.header.messageId;
    const known = state.seen.get(id)?.sha ?? state.archived.get(id)?.envelopeSha256;
    if (known === undefined) return false;
    if (known.equals(sha)) return true;
    throw new RefusalError(
      RefusalCode.MESSAGE_ID_REUSED,
      `message id ${id} was already accepted for different bytes; this is recorded as a security event`,
    );
  }

  private checkPolicy(v: VerifiedEnvelope): void {
    const { header } = v;
    const now = this.deps.clock();
    if (payloadKind(v.payloadType) === 'gateway') {
      throw new RefusalError(RefusalCode.PAYLOAD_TYPE_NOT_ALLOWED, `members may not send ${v.payloadType}`);
    }
    // After the replay check: an exact replay of what was accepted before these rules
    // existed is still answered with its original receipt.
    validateReferences(v);
    const created = fromTimestamp(header.createdAt) ?? 0;
    const { clockSkewMs, acceptWindowMs } = this.deps.policy;
    if (created > now + clockSkewMs) {
      throw new RefusalError(
        RefusalCode.TIMESTAMP_IN_FUTURE,
        `created_at ${toIso(created)} is more than ${clockSkewMs / 1000} s ahead of the centre's clock (${toIso(now)})`,
      );
    }
    if (created < now - acceptWindowMs) {
      throw new RefusalError(
        RefusalCode.TIMESTAMP_TOO_OLD,
        `created_at ${toIso(created)} is older than the acceptance window of ${Math.round(acceptWindowMs / 86_400_000)} days`,
      );
    }
    const sender = this.members.getMember(header.sender);
    if (sender === undefined)
      throw new RefusalError(RefusalCode.SENDER_UNKNOWN, `${header.sender} is not a registered member`);
    if (sender.status !== 'active')
      throw new RefusalError(RefusalCode.SENDER_SUSPENDED, `${header.sender} is suspended`);
  }

  /** The recipients a record goes to, after broadcast expansion and checks. */
  private resolveRecipients(v: VerifiedEnvelope): string[] {
    const { header } = v;
    if (header.broadcast) {
      if (header.handling?.tlp === atc.v1.TlpLevel.TLP_LEVEL_RED) {
        throw new RefusalError(RefusalCode.BROADCAST_RED_FORBIDDEN, 'a TLP:RED message may not be broadcast');
      }
      return this.members
        .listMembers()
        .filter((m) => m.status === 'active' && m.id !== header.sender && m.id !== this.deps.policy.gatewayId)
        .map((m) => m.id)
        .sort();
    }
    for (const r of header.recipients) {
      const member = this.members.getMember(r);
      if (member === undefined || r === this.deps.policy.gatewayId) {
        throw new RefusalError(RefusalCode.RECIPIENT_UNKNOWN, `recipient ${r} is not a registered member`, {
          field: 'recipients',
        });
      }
      if (member.status !== 'active') {
        throw new RefusalError(RefusalCode.RECIPIENT_SUSPENDED, `recipient ${r} is suspended`, { field: 'recipients' });
      }
    }
    return [...header.recipients];
  }

  private async acceptRecord(v: VerifiedEnvelope, sha: Buffer, state: BatchState): Promise<void> {
    const recipients = this.resolveRecipients(v);
    if (v.payloadType === PayloadType.InformationResponse) await this.checkAnswers(v, recipients, state);
    this.archive(v, sha, recipients, state);
    for (const r of recipients) state.deliveries.push({ messageId: v.header.messageId, recipient: r });
    state.routes.push({ messageId: v.header.messageId, envelope: v.bytes, recipients });
    state.receipts.push(
      receiptIntent({
        member: v.header.sender,
        messageId: v.header.messageId,
        status: 'accepted',
        recipients,
        envelopeSha256: sha,
        correlationId: v.header.correlationId,
        exercise: v.header.exercise,
      }),
    );
    state.events.push({ ...this.event('accepted', v), recipients });
  }

  /**
   * An InformationResponse answers a request the centre routed to the responder: header.in_reply_to
   * names an archived InformationRequest of which the responder is a recipient (REFERENCE_UNKNOWN,
   * with one sentence whether the request does not exist or was not addressed to the responder,
   * so the refusal reveals nothing of others' traffic); the response goes back to the requester,
   * among any other recipients, with the request's exercise marking (REFERENCE_MISMATCH).
   */
  private async checkAnswers(v: VerifiedEnvelope, recipients: readonly string[], state: BatchState): Promise<void> {
    const { header } = v;
    const requestId = header.inReplyTo;
    const inBatch = state.seen.get(requestId);
    const request = inBatch ?? state.archived.get(requestId);
    const addressed =
      request !== undefined &&
      (inBatch?.recipients.includes(header.sender) ??
        (await this.deps.store.deliveriesOf(requestId)).some((d) => d.recipient === header.sender));
    if (request === undefined || !addressed) {
      throw new RefusalError(
        RefusalCode.REFERENCE_UNKNOWN,
        `header.in_reply_to ${requestId} names no request the centre routed to ${header.sender}`,
        { field: 'inReplyTo' },
      );
    }
    if (request.payloadType !== PayloadType.InformationRequest) {
      throw new RefusalError(
        RefusalCode.REFERENCE_MISMATCH,
        `header.in_reply_to ${requestId} names a ${request.payloadType.slice('atc.v1.'.length)}, not an InformationRequest`,
        { field: 'inReplyTo' },
      );
    }
    if (!recipients.includes(request.sender)) {
      throw new RefusalError(
        RefusalCode.REFERENCE_MISMATCH,
        `the response to ${requestId} must go to its requester ${request.sender}`,
        { field: 'recipients' },
      );
    }
    if (request.exercise !== header.exercise) {
      throw new RefusalError(
        RefusalCode.REFERENCE_MISMATCH,
        `the response to ${requestId} must be ${request.exercise ? '' : 'non-'}exercise traffic like the request`,
        { field: 'exercise' },
      );
    }
  }

  private async acceptAck(v: VerifiedEnvelope, sha: Buffer, state: BatchState): Promise<void> {
    const { header } = v;
    const gatewayId = this.deps.policy.gatewayId;
    if (header.broadcast || header.recipients.length !== 1 || header.recipients[0] !== gatewayId) {
      throw new RefusalError(
        RefusalCode.POLICY_DENIED,
        `a DeliveryAck is addressed to the gateway (${gatewayId}) only`,
        {
          field: 'recipients',
        },
      );
    }
    const ack = v.payload as atc.v1.DeliveryAck;
    const original = state.seen.get(ack.messageId) ?? state.archived.get(ack.messageId);
    const delivery =
      original === undefined
        ? undefined
        : (await this.deps.store.deliveriesOf(ack.messageId)).find((d) => d.recipient === header.sender);
    const inBatch = state.seen.get(ack.messageId)?.recipients.includes(header.sender) ?? false;
    // One refusal, one sentence, whether the message does not exist or went to others: an
    // ack must not tell its sender which message ids the archive holds.
    if (original === undefined || (delivery === undefined && !inBatch)) {
      throw new RefusalError(
        RefusalCode.REFERENCE_UNKNOWN,
        `the acknowledged message ${ack.messageId} is not one the centre routed to ${header.sender}`,
        { field: 'messageId' },
      );
    }
    this.archive(v, sha, [], state);
    // The ack is a submission like any other: its sender's outbox waits for a receipt.
    state.receipts.push(
      receiptIntent({
        member: header.sender,
        messageId: header.messageId,
        status: 'accepted',
        envelopeSha256: sha,
        exercise: header.exercise,
      }),
    );
    const alreadyDelivered =
      delivery?.state === 'delivered' ||
      state.delivered.some((d) => d.messageId === ack.messageId && d.recipient === header.sender);
    // The recipient's clock says when; the centre's bounds it (never before now - window,
    // never after now + skew), so no stored time is absurd.
    const now = this.deps.clock();
    const claimed = fromTimestamp(ack.deliveredAt) ?? now;
    const at = Math.min(now + this.deps.policy.clockSkewMs, Math.max(now - this.deps.policy.acceptWindowMs, claimed));
    state.events.push({
      ...this.event('delivered', v),
      recipients: [header.sender],
      delivery: { messageId: ack.messageId, sender: original.sender, first: !alreadyDelivered },
    });
    if (alreadyDelivered) return;
    state.delivered.push({ messageId: ack.messageId, recipient: header.sender, at, ackMessageId: header.messageId });
    state.receipts.push(
      receiptIntent({
        member: original.sender,
        messageId: ack.messageId,
        status: 'delivered',
        recipient: header.sender,
        at,
        exercise: header.exercise,
      }),
    );
  }

  private archive(v: VerifiedEnvelope, sha: Buffer, recipients: readonly string[], state: BatchState): void {
    const { header } = v;
    const now = this.deps.clock();
    state.messages.push({
      messageId: header.messageId,
      sender: header.sender,
      payloadType: header.payloadType,
      createdAt: fromTimestamp(header.createdAt) ?? 0,
      archivedAt: now,
      tlp: header.handling?.tlp ?? 0,
      urgency: header.urgency,
      broadcast: header.broadcast,
      exercise: header.exercise,
      correlationId: header.correlationId === '' ? null : header.correlationId,
      inReplyTo: header.inReplyTo === '' ? null : header.inReplyTo,
      senderSequence: header.senderSequence,
      kid: v.key.kid,
      reviewBy: fromTimestamp(header.handling?.reviewBy) ?? null,
      envelope: v.bytes,
      envelopeSha256: sha,
    });
    state.seen.set(header.messageId, {
      sha,
      recipients,
      sender: header.sender,
      payloadType: header.payloadType,
      exercise: header.exercise,
    });
    this.trackSequence(header.sender, header.messageId, header.senderSequence, now, state);
  }

  /** Gaps and regressions of sender_sequence are recorded, never refused. */
  private trackSequence(member: string, messageId: string, got: number, at: number, state: BatchState): void {
    const last = state.sequences.get(member) ?? state.lastSequences.get(member) ?? 0;
    const expected = last + 1;
    if (got !== expected) {
      const kind = got > expected ? 'gap' : 'regression';
      state.anomalies.push({ member, messageId, kind, expected, got, at });
      state.events.push({
        kind: 'sequence-anomaly',
        at: toIso(at),
        messageId,
        sender: member,
        detail: `${kind}: expected ${expected}, got ${got}`,
      });
    }
    state.sequences.set(member, Math.max(last, got));
  }

  private async refuse(
    s: Submission,
    sha: Buffer,
    transportSender: string | null,
    e: RefusalError,
    state: BatchState,
  ): Promise<void> {
    const claimed = claimedHeader(s.data);
    const now = this.deps.clock();
    // The same bytes refused for the same reason before (a redelivery after a crash, or a
    // resubmission): nothing is stored twice; the sender gets the original receipt again.
    const earlier =
      state.quarantine.find((q) => q.reason === e.code && sha.equals(q.envelopeSha256)) ??
      (await this.deps.store.quarantinedAs(sha, e.code));
    if (earlier !== undefined) {
      const security = e.code === RefusalCode.MESSAGE_ID_REUSED || e.code === RefusalCode.SENDER_MISMATCH;
      // A security event's message id may be someone else's: its receipts are not resent.
      if (!security && earlier.messageId !== null && earlier.receiptId !== null) state.replays.push(earlier.messageId);
      state.events.push({
        kind: 'rejected',
        at: toIso(now),
        messageId: earlier.messageId,
        sender: transportSender,
        code: e.code,
        detail: `${e.message} (again: the same bytes were refused before)`,
        exercise: claimed.exercise,
        securityEvent: security,
      });
      return;
    }
    const securityEvent = e.code === RefusalCode.MESSAGE_ID_REUSED || e.code === RefusalCode.SENDER_MISMATCH;
    // The receipt goes to the member the transport vouches for, never to a claimed sender.
    const member = transportSender === null ? undefined : this.members.getMember(transportSender);
    const messageId = [claimed.messageId, s.msgId].find((id): id is string => typeof id === 'string' && isUuidV7(id));
    let receipt: ReceiptIntent | undefined;
    // Bytes with no usable message id still get a receipt (message_id empty): the member
    // matches it by envelope_sha256. Safe to send, since the submit subject is the member's
    // own (NATS lets no one else publish there), and it tells the member only what it sent.
    if (member !== undefined && transportSender !== this.deps.policy.gatewayId) {
      receipt = receiptIntent({
        member: member.id,
        messageId: messageId ?? '',
        status: 'rejected',
        reason: reasonCodeOf(e.code),
        reasonCode: e.code,
        detail: e.message,
        envelopeSha256: sha,
        correlationId: claimed.correlationId,
        exercise: claimed.exercise,
      });
      state.receipts.push(receipt);
    }
    state.quarantine.push({
      receivedAt: now,
      subject: s.subject.slice(0, 256),
      transportSender,
      claimedSender: claimed.sender,
      // The id the receipt names, when there is one.
      messageId: messageId ?? claimed.messageId ?? s.msgId?.slice(0, 64) ?? null,
      reason: e.code,
      detail: e.message,
      envelopeSha256: sha,
      size: s.data.length,
      head: s.data.subarray(0, QUARANTINE_HEAD_BYTES),
      securityEvent,
      receiptId: receipt?.receiptId ?? null,
    });
    state.events.push({
      kind: 'rejected',
      at: toIso(now),
      messageId: messageId ?? claimed.messageId,
      sender: transportSender,
      code: e.code,
      detail: e.message,
      exercise: claimed.exercise,
      securityEvent,
    });
  }

  private event(kind: FlowEvent['kind'], v: VerifiedEnvelope): FlowEvent {
    return {
      kind,
      at: toIso(this.deps.clock()),
      messageId: v.header.messageId,
      sender: v.header.sender,
      payloadType: v.payloadType,
      exercise: v.header.exercise,
    };
  }
}

/** A receipt to sign at commit time, when its sequence number and log position are known. */
function receiptIntent(content: ReceiptContent): ReceiptIntent {
  return { ...content, receiptId: uuidv7() };
}

/** A member directory over the members read for one batch. */
function memberView(members: readonly DirectoryMember[]): MemberDirectory {
  const byId = new Map(members.map((m) => [m.id, m]));
  return {
    getMember: (id) => byId.get(id),
    listMembers: () => members,
  };
}

/** A key resolver that reads each kid once (for one batch). */
function batchKeyView(resolver: KeyResolver): KeyResolver {
  const seen = new Map<string, ReturnType<KeyResolver['resolveKey']>>();
  return {
    resolveKey(kid) {
      let found = seen.get(kid);
      if (found === undefined) {
        found = resolver.resolveKey(kid);
        seen.set(kid, found);
      }
      return found;
    },
  };
}
