import { payloadToJson, type Logger, type PayloadInput, type VerifiedEnvelope } from '@atc/shared';

/**
 * The JSON form of a verified record for the integrator API. A record verified but using
 * values this agent's protocol version cannot name (a newer peer) is kept: its JSON form says
 * so, and the national system reads the signed envelope instead.
 */
export function payloadForApi(v: VerifiedEnvelope, logger: Logger): Record<string, unknown> {
  try {
    return payloadToJson(v.payloadType, v.payload as PayloadInput<typeof v.payloadType>);
  } catch (e) {
    logger.warn({ err: e, messageId: v.header.messageId }, 'record not expressible as JSON');
    return { unreadable: (e as Error).message };
  }
}
