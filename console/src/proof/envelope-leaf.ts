import { fromBase64, sameBytes, sha256, toBase64, toHex } from './bytes';
import { leafHash } from './merkle-proof';
import { ProofFailure, ProofReason } from './proof-failure';

/** A message's archived envelope as GET /v1/messages/:id/envelope serves it. */
export interface EnvelopeJson {
  readonly messageId: string;
  readonly leafIndex: number | null;
  readonly payloadErased: boolean;
  /** Standard base64 of the exact archived atc.v1.Envelope bytes. */
  readonly envelope: string;
}

/** What tying a proven leaf to an envelope found. */
export type EnvelopeTie =
  /** The proof's leaf is SHA-256(0x00 || envelope), and the envelope is the one the page describes. */
  | { readonly kind: 'tied'; readonly leafHash: string }
  /** Retention erased the payload: the archived bytes no longer hash to the leaf, so no tie can be checked. */
  | { readonly kind: 'erased' };

/**
 * Ties the leaf an inclusion proof starts from to the envelope the page shows (RFC 9162
 * section 2.1.1: the leaf hash is SHA-256(0x00 || entry), and the log's entry is the exact
 * envelope bytes): the served bytes must have the SHA-256 the page shows, and their leaf hash
 * must be the proof's.
 *
 * @throws ProofFailure ENVELOPE_MISMATCH when the bytes are not the page's envelope or their
 *   leaf is not the proven one; PROOF_MALFORMED when the envelope is not standard base64.
 */
export async function tieLeafToEnvelope(
  served: EnvelopeJson,
  expected: { readonly messageId: string; readonly envelopeSha256: string; readonly provenLeafHash: string },
): Promise<EnvelopeTie> {
  const bytes = fromBase64(served.envelope);
  if (bytes === undefined) {
    throw new ProofFailure(ProofReason.PROOF_MALFORMED, 'the envelope is not standard base64');
  }
  if (served.messageId !== expected.messageId) {
    throw new ProofFailure(
      ProofReason.ENVELOPE_MISMATCH,
      `the envelope served is of message ${served.messageId}, not ${expected.messageId}`,
    );
  }
  if (served.payloadErased) return { kind: 'erased' };
  const digest = toHex(await sha256(bytes));
  if (digest !== expected.envelopeSha256.toLowerCase()) {
    throw new ProofFailure(
      ProofReason.ENVELOPE_MISMATCH,
      `the envelope served has SHA-256 ${digest}, the message's is ${expected.envelopeSha256}`,
    );
  }
  const leaf = await leafHash(bytes);
  const proven = fromBase64(expected.provenLeafHash);
  if (proven === undefined || !sameBytes(leaf, proven)) {
    throw new ProofFailure(
      ProofReason.ENVELOPE_MISMATCH,
      `the envelope's leaf hash is ${toBase64(leaf)}, the proof starts from ${expected.provenLeafHash}`,
    );
  }
  return { kind: 'tied', leafHash: toBase64(leaf) };
}
