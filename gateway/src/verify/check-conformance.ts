import {
  atc,
  decodePayload,
  isRefusal,
  RefusalCode,
  sha256,
  validateReferences,
  verifyEnvelope,
  type KeyResolver,
  type PayloadType,
} from '@atc/shared';

/** One rule an envelope breaks: its stable refusal code and what is wrong, for a person. */
export interface RuleBroken {
  readonly code: RefusalCode;
  readonly message: string;
}

/** What the conformance check says of one envelope. */
export interface ConformanceResult {
  /** The rules broken, in the gateway's order; empty when the gateway would accept it as sent. */
  readonly broken: readonly RuleBroken[];
  /** Header facts for the report, when the header could be read. */
  readonly messageId?: string;
  readonly sender?: string;
  readonly payloadType?: string;
}

/** Codes after which the signature was not checked, so the digest and payload still can be. */
const BEFORE_DIGEST = new Set<RefusalCode>([
  RefusalCode.KEY_UNKNOWN,
  RefusalCode.KEY_OWNER_MISMATCH,
  RefusalCode.KEY_REVOKED,
  RefusalCode.KEY_NOT_VALID_AT_TIME,
  RefusalCode.SIGNATURE_INVALID,
  RefusalCode.SIGNATURE_MALFORMED,
  RefusalCode.SIGNATURE_NOT_DETACHED,
  RefusalCode.SIGNATURE_ALGORITHM_NOT_ALLOWED,
]);

/** The largest envelope any check here reads; the size rule itself is `maxBytes`. */
const READ_LIMIT = 64 * 1024 * 1024;

async function refusalOf(check: () => unknown): Promise<RuleBroken | undefined> {
  try {
    await check();
    return undefined;
  } catch (e) {
    if (!isRefusal(e)) throw e;
    return { code: e.code, message: e.message };
  }
}

/**
 * Checks an envelope an integrator's own implementation produced against the rules the
 * gateway applies before routing, with the gateway's own code (size, canonical encoding,
 * header wire form and fields, UUIDv7 message id, the detached JWS, the key, the signature,
 * the payload digest and schema, and the references the envelope alone decides). Where a
 * failure leaves later rules checkable (a bad signature says nothing of the payload), those
 * are checked too, so that one run names every rule broken. Rules that need the centre's
 * state (duplicates, the time window, policy, recipients known) are not checked.
 */
export async function checkConformance(
  bytes: Uint8Array,
  resolver: KeyResolver,
  maxBytes: number,
): Promise<ConformanceResult> {
  const broken: RuleBroken[] = [];
  if (bytes.length > maxBytes) {
    broken.push({
      code: RefusalCode.ENVELOPE_TOO_LARGE,
      message: `the envelope is ${bytes.length} bytes, more than the limit of ${maxBytes} bytes. Reduce the record below the size limit.`,
    });
  }
  let verified: Awaited<ReturnType<typeof verifyEnvelope>> | undefined;
  const first = await refusalOf(async () => {
    verified = await verifyEnvelope(bytes, { resolver, maxBytes: Math.max(maxBytes, READ_LIMIT) });
  });
  const facts = headerFacts(bytes);
  if (first !== undefined) broken.push(first);
  if (first !== undefined && BEFORE_DIGEST.has(first.code)) {
    // The envelope decoded and its header passed the rules: digest and payload are still checkable.
    const { header, payload } = atc.v1.Envelope.decode(bytes);
    const h = atc.v1.Header.decode(header);
    if (!sha256(payload).equals(h.payloadSha256)) {
      broken.push({
        code: RefusalCode.PAYLOAD_DIGEST_MISMATCH,
        message:
          'the SHA-256 of the payload differs from header.payloadSha256. Put the SHA-256 of the payload bytes you send into header.payload_sha256.',
      });
    }
    const payloadProblem = await refusalOf(() => decodePayload(h.payloadType as PayloadType, payload));
    if (payloadProblem !== undefined) broken.push(payloadProblem);
  } else if (first?.code === RefusalCode.PAYLOAD_DIGEST_MISMATCH) {
    const { header, payload } = atc.v1.Envelope.decode(bytes);
    const type = atc.v1.Header.decode(header).payloadType as PayloadType;
    const payloadProblem = await refusalOf(() => decodePayload(type, payload));
    if (payloadProblem !== undefined) broken.push(payloadProblem);
  }
  if (verified !== undefined) {
    const v = verified;
    const reference = await refusalOf(() => {
      validateReferences(v);
    });
    if (reference !== undefined) broken.push(reference);
  }
  return { broken, ...facts };
}

/** Message id, sender and payload type when the header decodes at all (for the report only). */
function headerFacts(bytes: Uint8Array): Pick<ConformanceResult, 'messageId' | 'sender' | 'payloadType'> {
  try {
    const h = atc.v1.Header.decode(atc.v1.Envelope.decode(bytes).header);
    return { messageId: h.messageId, sender: h.sender, payloadType: h.payloadType };
  } catch {
    return {};
  }
}
