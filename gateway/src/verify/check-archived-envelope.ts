import { isRefusal, verifyEnvelope, type KeyResolver } from '@atc/shared';
import { verifyErasedEnvelope } from '../domain/erased-envelope.js';

/**
 * Checks one archived envelope as `archive verify` and `atc-verify` both do: its signature
 * (only the header's, once retention erased the payload) with the keys as they stood when it
 * was archived, and that it is the message it is listed as. Returns what is wrong, or
 * `undefined`.
 */
export async function checkArchivedEnvelope(
  bytes: Uint8Array,
  erased: boolean,
  resolver: KeyResolver,
  listed: { readonly messageId: string; readonly sender?: string },
): Promise<string | undefined> {
  if (erased) {
    const problem = await verifyErasedEnvelope(bytes, resolver);
    return problem === undefined ? undefined : `the erased envelope's header does not verify: ${problem}`;
  }
  try {
    const { header } = await verifyEnvelope(bytes, { resolver, maxBytes: Number.MAX_SAFE_INTEGER });
    const sender = listed.sender ?? header.sender;
    if (header.messageId !== listed.messageId || header.sender !== sender) {
      return `it is listed as ${sender}/${listed.messageId} but the envelope is ${header.sender}/${header.messageId}`;
    }
    return undefined;
  } catch (e) {
    if (!isRefusal(e)) throw e;
    return `the envelope does not verify: ${e.code} (${e.message})`;
  }
}
