import type { atc } from '@atc/shared';
import { fromTimestamp, protocolEnumNames } from '@atc/shared';

const iso = (ts: atc.v1.Header['createdAt']): string | undefined => {
  const ms = fromTimestamp(ts);
  return ms === undefined ? undefined : new Date(ms).toISOString();
};

/** The short name of `value` in the header enum `name` (`UNSPECIFIED` for 0); a number v1 does not define, as digits. */
const shortName = (name: string, value: number): string =>
  protocolEnumNames(`atc.v1.${name}`).shortNameOf(value) ?? String(value);

/** The header as integrators read it in the inbox API: plain JSON, enums as names. */
export function headerToJson(h: atc.v1.Header): Record<string, unknown> {
  const handling = h.handling ?? {};
  return {
    messageId: h.messageId,
    sender: h.sender,
    recipients: [...h.recipients],
    broadcast: h.broadcast,
    createdAt: iso(h.createdAt),
    payloadType: h.payloadType,
    handling: {
      tlp: shortName('TlpLevel', handling.tlp ?? 0),
      noOnwardTransmission: handling.noOnwardTransmission ?? false,
      noJudicialUse: handling.noJudicialUse ?? false,
      otherConditions: handling.otherConditions ?? '',
      sourceReliability: shortName('SourceReliability', handling.sourceReliability ?? 0),
      informationAssessment: shortName('InformationAssessment', handling.informationAssessment ?? 0),
      reviewBy: iso(handling.reviewBy),
    },
    purpose: h.purpose,
    legalBasis: h.legalBasis,
    urgency: shortName('Urgency', h.urgency),
    replyDueAt: iso(h.replyDueAt),
    correlationId: h.correlationId,
    inReplyTo: h.inReplyTo,
    senderSequence: h.senderSequence,
    exercise: h.exercise,
  };
}
