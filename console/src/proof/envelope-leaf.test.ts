import { describe, expect, it } from 'vitest';
import { tieLeafToEnvelope } from './envelope-leaf';
import { ProofReason } from './proof-failure';

// Tying a proven leaf to an envelope's bytes: SHA-256(0x00 || envelope) computed here, the
// served bytes checked against the page's SHA-256, and every way the two can differ. The
// expected hashes are computed with WebCrypto directly, apart from the module's helpers.

const digest = async (bytes: Uint8Array): Promise<Uint8Array> =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

const envelope = new TextEncoder().encode('an envelope of Testov, as archived');
const shaBytes = await digest(envelope);
const sha = hex(shaBytes);
const leaf = b64(await digest(new Uint8Array([0, ...envelope])));
const messageId = '0190c0de-0000-7000-8000-000000000001';
const served = { messageId, leafIndex: 3, payloadErased: false, envelope: b64(envelope) };
const expected = { messageId, envelopeSha256: sha, provenLeafHash: leaf };

describe('tieLeafToEnvelope', () => {
  it("ties the proof's leaf to the envelope: RFC 9162 leaf hash of the exact bytes", async () => {
    expect(await tieLeafToEnvelope(served, expected)).toEqual({ kind: 'tied', leafHash: leaf });
    // The leaf is over the bytes with the 0x00 prefix, not their plain SHA-256.
    const plain = b64(shaBytes);
    await expect(tieLeafToEnvelope(served, { ...expected, provenLeafHash: plain })).rejects.toMatchObject({
      reason: ProofReason.ENVELOPE_MISMATCH,
    });
  });

  it("refuses a proof of another leaf, other bytes, another message's envelope, and bad base64", async () => {
    const other = b64(await digest(new TextEncoder().encode('another leaf')));
    const altered = new Uint8Array(envelope);
    altered[0] = altered[0]! ^ 1;
    const cases = [
      [served, { ...expected, provenLeafHash: other }, ProofReason.ENVELOPE_MISMATCH],
      [{ ...served, envelope: b64(altered) }, expected, ProofReason.ENVELOPE_MISMATCH],
      [{ ...served, messageId: '0190c0de-0000-7000-8000-000000000002' }, expected, ProofReason.ENVELOPE_MISMATCH],
      [{ ...served, envelope: 'not base64!' }, expected, ProofReason.PROOF_MALFORMED],
    ] as const;
    for (const [s, e, reason] of cases) {
      await expect(tieLeafToEnvelope(s, e)).rejects.toMatchObject({ reason });
    }
  });

  it('says an erased payload cannot be tied, rather than verified or failed', async () => {
    const erased = { ...served, payloadErased: true, envelope: b64(new TextEncoder().encode('header only')) };
    expect(await tieLeafToEnvelope(erased, expected)).toEqual({ kind: 'erased' });
  });
});
