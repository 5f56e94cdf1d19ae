import { createHash } from 'node:crypto';
import { atc, PayloadType, signEnvelope, toTimestamp } from '@atc/shared';
import { FIXTURE_TIME, fixtureKey, fixtureRequest } from '@atc/shared/testing';
import type { Routed } from './purge-rows.js';

/**
 * Archived rows for the request tracking's tests, committed straight to an archive with their
 * routing rows: InformationRequests and InformationResponses of fictitious members, archived at
 * FIXTURE_TIME + n ms.
 */
function row(
  type: typeof PayloadType.InformationRequest | typeof PayloadType.InformationResponse,
  sender: string,
  n: number,
  to: readonly string[],
  options: {
    readonly payload: object;
    readonly urgency?: atc.v1.Urgency;
    readonly replyDueAt?: number;
    readonly inReplyTo?: string;
    readonly exercise?: boolean;
    readonly broadcast?: boolean;
  },
): Routed {
  const base = fixtureRequest(type, n);
  const urgency = options.urgency ?? atc.v1.Urgency.URGENCY_NORMAL;
  const exercise = options.exercise === true;
  const broadcast = options.broadcast === true;
  const signed = signEnvelope(fixtureKey(sender), {
    ...base,
    header: {
      ...base.header,
      sender,
      recipients: broadcast ? [] : [...to],
      broadcast,
      exercise,
      urgency,
      inReplyTo: options.inReplyTo ?? '',
      ...(options.replyDueAt === undefined ? {} : { replyDueAt: toTimestamp(options.replyDueAt) }),
    },
    payload: { ...base.payload, ...options.payload },
  });
  return {
    row: {
      messageId: signed.messageId,
      sender,
      payloadType: type,
      createdAt: FIXTURE_TIME + n,
      archivedAt: FIXTURE_TIME + n,
      tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER,
      urgency,
      broadcast,
      exercise,
      correlationId: null,
      inReplyTo: options.inReplyTo ?? null,
      senderSequence: n,
      kid: fixtureKey(sender).kid,
      reviewBy: null,
      envelope: signed.bytes,
      envelopeSha256: createHash('sha256').update(signed.bytes).digest(),
    },
    deliveries: to.map((recipient) => ({ messageId: signed.messageId, recipient })),
  };
}

/** `sender`'s InformationRequest `recordId` about `subject`, routed to `to`. */
export function requestOf(
  sender: string,
  n: number,
  recordId: string,
  to: readonly string[],
  options: {
    readonly subject?: string;
    readonly urgency?: atc.v1.Urgency;
    readonly replyDueAt?: number;
    readonly exercise?: boolean;
    readonly broadcast?: boolean;
  } = {},
): Routed {
  return row(PayloadType.InformationRequest, sender, n, to, {
    ...options,
    payload: { recordId, version: 1, subject: options.subject ?? `Whereabouts of Testov ${recordId}` },
  });
}

/** `sender`'s InformationResponse to `request` with `outcome`, routed back to the requester. */
export function responseTo(
  request: Routed,
  sender: string,
  n: number,
  outcome: atc.v1.ResponseOutcome,
  options: { readonly exercise?: boolean } = {},
): Routed {
  return row(PayloadType.InformationResponse, sender, n, [request.row.sender], {
    inReplyTo: request.row.messageId,
    exercise: options.exercise ?? request.row.exercise,
    payload: { recordId: `${sender}-A-${n}`, version: 1, outcome },
  });
}
