import { atc, isUuidV7, reasonCodeOf, type RefusalError } from '@atc/shared';
import { isSecurityRefusal, namesAnothersMessage } from '../domain/security-refusals.js';
import type { ReceiptIntent } from '../domain/batch-write.js';
import { receiptIntent, replayOf, type BatchState, type RuleContext, type Submission } from './batch-state.js';
import { rejectedEvent } from './flow-events.js';

/** How much of a refused submission the quarantine keeps. */
const QUARANTINE_HEAD_BYTES = 64 * 1024;

/** The header fields a refused submission claims, read without trusting them. */
export interface Claimed {
  readonly sender: string | null;
  readonly messageId: string | null;
  readonly correlationId: string | null;
  readonly exercise: boolean;
}

/** What a submission's header claims, without trusting it; nulls (and not exercise) when it cannot be read. */
export function claimedHeader(data: Uint8Array): Claimed {
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
 * The namespace a refusal is counted in: the header's exercise flag only when its signature
 * verified. A submission refused before or at signature verification is operational, so that
 * a forged header claiming exercise traffic cannot hide from the operational views.
 */
export function refusalNamespace(claimed: Claimed, signatureVerified: boolean): boolean {
  return signatureVerified && claimed.exercise;
}

/**
 * Whether `s` is a stream message the archive already refused (JetStream delivering it again,
 * after a crash): its decision is committed and stands, whatever the checks would say now (the
 * clock or the registry may have moved on). It is then answered as a replay of that refusal: no
 * new quarantine row, only its receipts not yet published. Judged by the stream sequence and
 * the bytes, whatever delivery count JetStream reports (see {@link replayOf}); the batch's
 * quarantine rows were read with it ({@link BatchState.refusedFromStream}).
 */
export function refusedBefore(
  s: Submission,
  sha: Buffer,
  transportSender: string | null,
  state: BatchState,
  context: RuleContext,
): boolean {
  if (s.streamSeq === undefined) return false;
  const earlier = state.refusedFromStream.get(s.streamSeq)?.find((q) => sha.equals(q.envelopeSha256));
  if (earlier === undefined) return false;
  replayRefusal(s, { ...earlier, streamSeq: s.streamSeq }, `delivered again; refused before (${earlier.reason})`, {
    transportSender,
    // Counted where the first refusal was.
    exercise: earlier.exercise,
    now: context.clock(),
    state,
  });
  return true;
}

/** Answers a submission refused before: its receipts (see {@link Replay}) and a flow event. */
function replayRefusal(
  s: Submission,
  earlier: {
    readonly messageId: string | null;
    readonly receiptId: string | null;
    readonly reason: string;
    /** The stream message refused (null: unknown). */
    readonly streamSeq: number | null;
  },
  detail: string,
  at: {
    readonly transportSender: string | null;
    readonly exercise: boolean;
    readonly now: number;
    readonly state: BatchState;
  },
): void {
  const { state } = at;
  // A replayed id or a forged sender's message id may be someone else's: its receipts are not resent.
  if (!namesAnothersMessage(earlier.reason) && earlier.messageId !== null && earlier.receiptId !== null)
    state.replays.push(replayOf(earlier.messageId, s, earlier.streamSeq));
  state.events.push(
    rejectedEvent({
      now: at.now,
      messageId: earlier.messageId,
      sender: at.transportSender,
      code: earlier.reason,
      detail,
      exercise: at.exercise,
      securityEvent: isSecurityRefusal(earlier.reason),
    }),
  );
}

/**
 * Refuses a submission: quarantined for operators, a REJECTED receipt to the member the
 * transport vouches for, a flow event. The same bytes refused for the same reason before
 * are not stored twice; the sender gets the original receipt again. `signatureVerified`
 * says whether the refusal came after the signature verified (see {@link refusalNamespace}).
 */
export async function refuse(
  s: Submission,
  sha: Buffer,
  transportSender: string | null,
  e: RefusalError,
  state: BatchState,
  context: RuleContext,
  signatureVerified: boolean,
): Promise<void> {
  const claimed = claimedHeader(s.data);
  const exercise = refusalNamespace(claimed, signatureVerified);
  const now = context.clock();
  // The same bytes refused for the same reason before (a resubmission): nothing is stored
  // twice; the sender gets the original receipt again.
  const earlier =
    state.quarantine.find((q) => q.reason === e.code && sha.equals(q.envelopeSha256)) ??
    (await context.store.quarantinedAs(sha, e.code));
  if (earlier !== undefined) {
    replayRefusal(s, { ...earlier, reason: e.code }, `${e.message} (again: the same bytes were refused before)`, {
      transportSender,
      exercise,
      now,
      state,
    });
    return;
  }
  const securityEvent = isSecurityRefusal(e.code);
  // The receipt goes to the member the transport vouches for, never to a claimed sender.
  const member = transportSender === null ? undefined : context.members.getMember(transportSender);
  const messageId = [claimed.messageId, s.msgId].find((id): id is string => typeof id === 'string' && isUuidV7(id));
  let receipt: ReceiptIntent | undefined;
  // Bytes with no usable message id still get a receipt (message_id empty): the member
  // matches it by envelope_sha256. Safe to send, since the submit subject is the member's
  // own (NATS lets no one else publish there), and it tells the member only what it sent.
  if (member !== undefined && transportSender !== context.policy.gatewayId) {
    receipt = receiptIntent({
      member: member.id,
      messageId: messageId ?? '',
      status: 'rejected',
      reason: reasonCodeOf(e.code),
      reasonCode: e.code,
      detail: e.message,
      envelopeSha256: sha,
      correlationId: claimed.correlationId,
      // The receipt echoes to the sender what its own bytes claimed, so that it can file it.
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
    exercise,
    streamSeq: s.streamSeq ?? null,
  });
  state.events.push(
    rejectedEvent({
      now,
      messageId: messageId ?? claimed.messageId,
      sender: transportSender,
      code: e.code,
      detail: e.message,
      exercise,
      securityEvent,
    }),
  );
}
