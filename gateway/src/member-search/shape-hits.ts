import { atc, restrictionOf, type PayloadInput } from '@atc/shared';
import type { ArchivedEnvelope } from '../archive/archive-reader.js';
import type { PersonMatch } from '../search/person-searcher.js';

/** What shaping reads of the archive: the envelope of a version, and whom it was routed to. */
export interface HitSource {
  message(messageId: string): Promise<ArchivedEnvelope | undefined>;
  recipientsOf(messageId: string): Promise<string[]>;
}

/** Room kept in the result envelope for its header and signature. */
const ENVELOPE_OVERHEAD_BYTES = 2_048;

/** The reason a hit carries when its content was left out for size. */
export const CONTENT_LEFT_OUT =
  "content left out to keep the answer under the centre's envelope size limit: ask the originator for it, or search with a smaller limit";
/** The reason a hit carries when retention has erased the current version's payload. */
export const CONTENT_ERASED = 'content erased by retention: ask the originator whether the record still holds';
/** The reason a hit carries when its record was withdrawn after the bank read it. */
export const CONTENT_WITHDRAWN = 'content left out: its originator has withdrawn the record';

/** `hit` without its quoted envelope, saying why in its reasons. */
export function withoutContent(hit: atc.v1.DataBankHit.$Properties, reason: string): atc.v1.DataBankHit.$Properties {
  return { ...hit, envelope: new Uint8Array(0), reasons: [...(hit.reasons ?? []), reason] };
}

/** One match as `asker` may see it. */
export async function shapeHit(
  match: PersonMatch,
  asker: string,
  source: HitSource,
): Promise<atc.v1.DataBankHit.$Properties> {
  const record = { originator: match.originator, recordId: match.recordId, version: match.version };
  const score = Math.max(0, Math.min(1000, Math.round(match.score * 1000)));
  const archived = await source.message(match.messageId);
  const handling =
    archived === undefined
      ? undefined
      : atc.v1.Header.decode(atc.v1.Envelope.decode(archived.envelope).header).handling;
  // A version the archive no longer knows is treated as the strictest marking: hit only.
  const restricted =
    archived === undefined ||
    restrictionOf(asker, match.originator, handling, await source.recipientsOf(match.messageId));
  if (restricted) return { record, score, restricted: true };
  if (archived.payload === undefined) {
    return { record, score, reasons: [...match.reasons, CONTENT_ERASED], subjectId: match.subjectId };
  }
  return { record, score, reasons: [...match.reasons], envelope: archived.envelope, subjectId: match.subjectId };
}

/**
 * Keeps a result under `maxEnvelopeBytes`: drops the quoted envelopes of the last hits first
 * (the best hits keep their content), each hit that lost it saying so in its reasons.
 */
export function fitResult(
  payload: PayloadInput<'atc.v1.DataBankResult'>,
  maxEnvelopeBytes: number,
): PayloadInput<'atc.v1.DataBankResult'> {
  const hits = [...(payload.hits ?? [])];
  // Encoded once; each envelope dropped takes its bytes off and the reason's (a few more for lengths) on.
  let size = atc.v1.DataBankResult.encode(payload).finish().length + ENVELOPE_OVERHEAD_BYTES;
  for (let i = hits.length - 1; i >= 0 && size > maxEnvelopeBytes; i--) {
    const hit = hits[i]!;
    const dropped = hit.envelope?.length ?? 0;
    if (dropped === 0) continue;
    hits[i] = withoutContent(hit, CONTENT_LEFT_OUT);
    size += Buffer.byteLength(CONTENT_LEFT_OUT) + 8 - dropped;
  }
  return { ...payload, hits };
}
