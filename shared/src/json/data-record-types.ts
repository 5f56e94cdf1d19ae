import { payloadKind, PayloadType, payloadTypes } from '../proto/payload-types.js';

/**
 * The payload types members send as data records through the integrator API (persons,
 * organisations, incidents, requests, responses, withdrawals, notices), in declaration
 * order; control messages (delivery acks, receipts, key events) are not among them.
 */
export const dataRecordTypes: readonly PayloadType[] = Object.freeze(
  // A data bank query is a record by its header (purpose, legal basis) but has its own agent
  // route, POST /v1/databank/search, which waits for the answer.
  payloadTypes.filter((type) => payloadKind(type) === 'record' && type !== PayloadType.DataBankQuery),
);
