import { toIso, type VerifiedEnvelope } from '@atc/shared';
import type { SequenceAnomalyRow } from '../domain/batch-write.js';
import type { FlowEvent } from '../domain/flow-event.js';

/** The flow event of an envelope the pipeline decided on (accepted, delivered, replayed). */
export function envelopeEvent(kind: FlowEvent['kind'], v: VerifiedEnvelope, now: number): FlowEvent {
  return {
    kind,
    at: toIso(now),
    messageId: v.header.messageId,
    sender: v.header.sender,
    payloadType: v.payloadType,
    exercise: v.header.exercise,
  };
}

/** The flow event of a sender_sequence gap or regression. */
export function sequenceAnomalyEvent(a: SequenceAnomalyRow): FlowEvent {
  return {
    kind: 'sequence-anomaly',
    at: toIso(a.at),
    messageId: a.messageId,
    sender: a.member,
    detail: `${a.kind}: expected ${a.expected}, got ${a.got}`,
  };
}

/** The flow event of a refused submission. */
export function rejectedEvent(r: {
  readonly now: number;
  readonly messageId: string | null;
  readonly sender: string | null;
  readonly code: string;
  readonly detail: string;
  readonly exercise: boolean;
  readonly securityEvent: boolean;
}): FlowEvent {
  return {
    kind: 'rejected',
    at: toIso(r.now),
    messageId: r.messageId,
    sender: r.sender,
    code: r.code,
    detail: r.detail,
    exercise: r.exercise,
    securityEvent: r.securityEvent,
  };
}
