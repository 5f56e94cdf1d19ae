import { payloadKind, payloadTypes, type PayloadType } from '../proto/payload-types.js';

/**
 * The payload types members send as data records through the integrator API (persons,
 * organisations, incidents, requests, responses, withdrawals, notices), in declaration
 * order; control messages (delivery acks, receipts, key events) are not among them.
 */
export const dataRecordTypes: readonly PayloadType[] = Object.freeze(
  payloadTypes.filter((type) => payloadKind(type) === 'record'),
);
