import {
  atc,
  PayloadType,
  protocolEnumNames,
  sha256,
  signEnvelope,
  toTimestamp,
  type Clock,
  type Signer,
} from '@atc/shared';
import type { KeyChange } from '../registry/registry-types.js';
import type { BatchCommitter } from './batch-committer.js';
import { batchWrite, type ArchivedMessageRow } from '../domain/batch-write.js';

/** The wire values of the registry's revocation reasons: `superseded` is `REVOCATION_REASON_SUPERSEDED`. */
const revocationReasons = protocolEnumNames<atc.v1.RevocationReason>('atc.v1.RevocationReason');

/**
 * Makes every key registration and revocation an entry of the archive log (DESIGN.md
 * section 5): a KeyEvent envelope signed by the gateway, archived and appended inside the
 * registry's own transaction, so the change and its log entry commit together or not at all.
 */
export function keyEventRecorder(options: {
  readonly committer: BatchCommitter;
  readonly signer: Signer;
  readonly gatewayId: string;
  readonly nextSequence: () => Promise<number>;
  readonly clock: Clock;
}): (change: KeyChange) => Promise<void> {
  const { committer, signer, gatewayId, clock } = options;
  return async (change) => {
    const { key } = change;
    const now = clock();
    const sequence = await options.nextSequence();
    const signed = signEnvelope(
      signer,
      {
        header: {
          sender: gatewayId,
          // Addressed to everyone (it is what the trust list publishes), but only logged: key
          // events are not routed to inboxes.
          recipients: [],
          broadcast: true,
          senderSequence: sequence,
          createdAt: toTimestamp(now),
          handling: { tlp: atc.v1.TlpLevel.TLP_LEVEL_CLEAR },
          urgency: atc.v1.Urgency.URGENCY_NORMAL,
          purpose: 'key transparency',
        },
        payloadType: PayloadType.KeyEvent,
        payload: {
          type:
            change.type === 'registered'
              ? atc.v1.KeyEventType.KEY_EVENT_TYPE_REGISTERED
              : atc.v1.KeyEventType.KEY_EVENT_TYPE_REVOKED,
          memberId: key.memberId,
          kid: key.kid,
          publicJwk: JSON.stringify({ kty: key.publicJwk.kty, crv: key.publicJwk.crv, x: key.publicJwk.x }),
          validFrom: toTimestamp(key.validFrom),
          ...(key.validUntil === undefined ? {} : { validUntil: toTimestamp(key.validUntil) }),
          ...(key.revokedAt === undefined ? {} : { revokedAt: toTimestamp(key.revokedAt) }),
          reason:
            revocationReasons.valueOf(key.revocationReason?.toUpperCase() ?? '') ??
            atc.v1.RevocationReason.REVOCATION_REASON_UNSPECIFIED,
          comment: change.comment.slice(0, 1000),
        },
      },
      clock,
    );
    const row: ArchivedMessageRow = {
      messageId: signed.messageId,
      sender: gatewayId,
      payloadType: PayloadType.KeyEvent,
      createdAt: now,
      archivedAt: now,
      tlp: atc.v1.TlpLevel.TLP_LEVEL_CLEAR,
      urgency: atc.v1.Urgency.URGENCY_NORMAL,
      broadcast: true,
      exercise: false,
      correlationId: null,
      inReplyTo: null,
      senderSequence: sequence,
      kid: signer.kid,
      envelope: signed.bytes,
      envelopeSha256: sha256(signed.bytes),
    };
    await committer.commitWithinTransaction(batchWrite({ messages: [row] }), sequence);
  };
}
