import { atc, fromTimestamp } from '@atc/shared';

const iso = (ts: atc.v1.Header['createdAt']): string | undefined => {
  const ms = fromTimestamp(ts);
  return ms === undefined ? undefined : new Date(ms).toISOString();
};

const shortName = (values: object, value: number, prefix: string): string => {
  const name = Object.entries(values).find(([, v]) => v === value)?.[0] ?? String(value);
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
};

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
      tlp: shortName(atc.v1.TlpLevel, handling.tlp ?? 0, 'TLP_LEVEL_'),
      noOnwardTransmission: handling.noOnwardTransmission ?? false,
      noJudicialUse: handling.noJudicialUse ?? false,
      otherConditions: handling.otherConditions ?? '',
      sourceReliability: shortName(atc.v1.SourceReliability, handling.sourceReliability ?? 0, 'SOURCE_RELIABILITY_'),
      informationAssessment: shortName(
        atc.v1.InformationAssessment,
        handling.informationAssessment ?? 0,
        'INFORMATION_ASSESSMENT_',
      ),
      reviewBy: iso(handling.reviewBy),
    },
    purpose: h.purpose,
    legalBasis: h.legalBasis,
    urgency: shortName(atc.v1.Urgency, h.urgency, 'URGENCY_'),
    replyDueAt: iso(h.replyDueAt),
    correlationId: h.correlationId,
    inReplyTo: h.inReplyTo,
    senderSequence: h.senderSequence,
    exercise: h.exercise,
  };
}
