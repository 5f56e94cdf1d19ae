import { RefusalError } from '../errors/atc-error.js';
import { RefusalCode } from '../errors/refusal-codes.js';
import type { atc } from '../proto/protobuf.js';
import { PayloadType, type PayloadOf } from '../proto/payload-types.js';

/** What {@link validateReferences} reads of a verified envelope. */
export interface ReferencingMessage {
  readonly header: Pick<atc.v1.Header, 'sender' | 'inReplyTo'>;
  readonly payloadType: PayloadType;
  readonly payload: PayloadOf[PayloadType];
}

/**
 * The ownership and reference rules that the envelope alone decides (the gateway checks
 * the rest against its archive):
 *
 * - a `RecordWithdrawal` withdraws one of its sender's own records: `target.originator`
 *   must be `header.sender` (NOT_ORIGINATOR). Data records name no originator: it is
 *   always their sender, so a record can only ever be a version of its sender's own;
 * - a `DeliveryAck`'s `header.in_reply_to` is exactly the `message_id` it acknowledges
 *   (REFERENCE_MISMATCH);
 * - a `PurgeAck`'s `header.in_reply_to` is exactly the `withdrawal_message_id` it answers
 *   (REFERENCE_MISMATCH);
 * - an `InformationResponse` names the request it answers in `header.in_reply_to`
 *   (REFERENCE_UNKNOWN when it names none);
 * - a `DataBankResult`'s `header.in_reply_to` is exactly the `query_message_id` it answers
 *   (REFERENCE_MISMATCH), so that an agent matches it to its query by the signed header.
 *
 * Records `related`/`about` may point at anyone's records: they refer, they do not change.
 *
 * @throws RefusalError NOT_ORIGINATOR, REFERENCE_MISMATCH or REFERENCE_UNKNOWN.
 */
export function validateReferences(m: ReferencingMessage): void {
  const { header } = m;
  switch (m.payloadType) {
    case PayloadType.RecordWithdrawal: {
      const originator = (m.payload as atc.v1.RecordWithdrawal).target?.originator ?? '';
      if (originator !== header.sender) {
        throw new RefusalError(
          RefusalCode.NOT_ORIGINATOR,
          `RecordWithdrawal.target names a record of ${originator}; ${header.sender} may withdraw only its own records`,
          { field: 'target.originator' },
        );
      }
      return;
    }
    case PayloadType.DeliveryAck: {
      const acknowledged = (m.payload as atc.v1.DeliveryAck).messageId;
      if (header.inReplyTo !== acknowledged) {
        throw new RefusalError(
          RefusalCode.REFERENCE_MISMATCH,
          `header.in_reply_to ${JSON.stringify(header.inReplyTo)} is not the acknowledged message ${acknowledged}`,
          { field: 'inReplyTo' },
        );
      }
      return;
    }
    case PayloadType.PurgeAck: {
      const withdrawal = (m.payload as atc.v1.PurgeAck).withdrawalMessageId;
      if (header.inReplyTo !== withdrawal) {
        throw new RefusalError(
          RefusalCode.REFERENCE_MISMATCH,
          `header.in_reply_to ${JSON.stringify(header.inReplyTo)} is not the withdrawal ${withdrawal} the PurgeAck answers`,
          { field: 'inReplyTo' },
        );
      }
      return;
    }
    case PayloadType.DataBankResult: {
      const query = (m.payload as atc.v1.DataBankResult).queryMessageId;
      if (header.inReplyTo !== query) {
        throw new RefusalError(
          RefusalCode.REFERENCE_MISMATCH,
          `header.in_reply_to ${JSON.stringify(header.inReplyTo)} is not the query ${query} the DataBankResult answers`,
          { field: 'inReplyTo' },
        );
      }
      return;
    }
    case PayloadType.InformationResponse:
      if (header.inReplyTo === '') {
        throw new RefusalError(
          RefusalCode.REFERENCE_UNKNOWN,
          'an InformationResponse names the InformationRequest it answers in header.in_reply_to, and this one names none',
          { field: 'inReplyTo' },
        );
      }
      return;
    default:
      return;
  }
}
