import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64, type Bytes } from './bytes';
import { verifyCheckpoint, type PinnedLogKey } from './checkpoint';
import fixture from './log-fixture.json';
import { leafHash, verifyConsistency, verifyInclusion } from './merkle-proof';
import { ProofFailure, ProofReason } from './proof-failure';

// Checkpoints and proofs made by the gateway's own log code (see tests/support/proof-fixture.ts),
// verified with WebCrypto only, as the console does in the browser; and each kind of tampering
// refused with its reason.

const key: PinnedLogKey = { jwk: fixture.gatewayKey, origin: fixture.origin };
const checkpoints = fixture.checkpoints as Record<string, string>;
const latestSize = Math.max(...Object.keys(checkpoints).map(Number));
const latest = checkpoints[String(latestSize)]!;

const bytes = (b64: string): Bytes => fromBase64(b64)!;

/** `b64` with one bit of byte `at` flipped. */
function flip(b64: string, at = 0): string {
  const b = bytes(b64);
  b[at] = b[at]! ^ 0x01;
  return toBase64(b);
}

async function reasonOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    if (e instanceof ProofFailure) {
      expect(e.message.length).toBeGreaterThan(10);
      return e.reason;
    }
    throw e;
  }
  return 'verified';
}

describe('checkpoint verification', () => {
  it('verifies every checkpoint the log signed, reading origin, size and root', async () => {
    for (const [size, note] of Object.entries(checkpoints)) {
      const cp = await verifyCheckpoint(note, key);
      expect(cp.size).toBe(Number(size));
      expect(cp.origin).toBe(fixture.origin);
      expect(cp.rootHash.length).toBe(32);
      expect(cp.keyId).toMatch(/^[0-9a-f]{8}$/);
    }
  });

  it('verifies a checkpoint carrying a witness cosignature and reports the other line', async () => {
    const cp = await verifyCheckpoint(fixture.cosigned, key);
    expect(cp.size).toBe(latestSize);
    expect(cp.others.map((s) => s.name)).toEqual(['atc-exchange/witness/BY']);
  });

  it('refuses a checkpoint signed by another key under the same name', async () => {
    expect(await reasonOf(() => verifyCheckpoint(fixture.otherKey, key))).toBe(ProofReason.SIGNATURE_MISSING);
  });

  it('refuses a checkpoint whose signature line keeps the key ID but not the signature', async () => {
    const [body, line] = latest.split('\n\n') as [string, string];
    const sig = line.slice(line.lastIndexOf(' ') + 1, -1);
    const forged = `${body}\n\n${line.replace(sig, flip(sig, 10))}`;
    expect(await reasonOf(() => verifyCheckpoint(forged, key))).toBe(ProofReason.SIGNATURE_INVALID);
  });

  it('refuses a wrong tree size, a flipped root byte and an extra line in the signed text', async () => {
    const [origin, size, root] = latest.split('\n') as [string, string, string];
    const cases = {
      size: latest.replace(`\n${size}\n`, `\n${Number(size) + 1}\n`),
      root: latest.replace(root, flip(root, 5)),
      extraLine: latest.replace(`${root}\n`, `${root}\nextra\n`),
    };
    for (const [name, text] of Object.entries(cases)) {
      expect(text, name).not.toBe(latest);
      expect(await reasonOf(() => verifyCheckpoint(text, key)), name).toBe(ProofReason.SIGNATURE_INVALID);
    }
    expect(origin).toBe(fixture.origin);
  });

  it('refuses notes that are not exactly a signed note', async () => {
    const cases = {
      extraLineAfterSignatures: `${latest}extra\n`,
      carriageReturn: latest.replace(/\n/g, '\r\n'),
      noBlankLine: latest.replace('\n\n', '\n'),
      noFinalNewline: latest.slice(0, -1),
      nonCanonicalBase64: latest.replace(/=\n$/, '\n'),
    };
    for (const [name, text] of Object.entries(cases)) {
      expect(await reasonOf(() => verifyCheckpoint(text, key)), name).toBe(ProofReason.NOTE_MALFORMED);
    }
  });

  it('refuses a checkpoint of another origin and a pinned key that is not Ed25519', async () => {
    expect(await reasonOf(() => verifyCheckpoint(latest, { ...key, origin: 'atc-exchange/OTHER' }))).toBe(
      ProofReason.SIGNATURE_MISSING,
    );
    expect(await reasonOf(() => verifyCheckpoint(latest, { ...key, jwk: { ...key.jwk, crv: 'X25519' } }))).toBe(
      ProofReason.KEY_INVALID,
    );
  });
});

describe('inclusion proofs', () => {
  it('verifies each proof against the signed root, the leaf hash being SHA-256(0x00 || envelope)', async () => {
    for (const p of fixture.inclusion) {
      expect(toBase64(await leafHash(bytes(p.envelope)))).toBe(p.leafHash);
      const signed = checkpoints[String(p.treeSize)];
      const root = signed === undefined ? bytes(p.rootHash) : (await verifyCheckpoint(signed, key)).rootHash;
      const steps = await verifyInclusion(p, p.treeSize, root);
      expect(steps.length).toBe(p.proof.length);
      expect(steps.at(-1)?.running ?? p.leafHash).toBe(toBase64(root));
    }
  });

  it('refuses one flipped byte in a proof hash or in the leaf hash, a wrong size and a missing hash', async () => {
    const p = fixture.inclusion.find((i) => i.treeSize === latestSize && i.proof.length > 2)!;
    const root = (await verifyCheckpoint(latest, key)).rootHash;
    const cases: Record<string, [unknown, string]> = {
      proofHash: [{ ...p, proof: p.proof.map((h, i) => (i === 1 ? flip(h, 31) : h)) }, ProofReason.ROOT_MISMATCH],
      leafHash: [{ ...p, leafHash: flip(p.leafHash) }, ProofReason.ROOT_MISMATCH],
      otherLeaf: [{ ...p, leafIndex: p.leafIndex + 1 }, ProofReason.ROOT_MISMATCH],
      treeSize: [{ ...p, treeSize: p.treeSize - 1 }, ProofReason.SIZE_MISMATCH],
      missingHash: [{ ...p, proof: p.proof.slice(1) }, ProofReason.PROOF_MALFORMED],
      extraHash: [{ ...p, proof: [...p.proof, p.proof[0]!] }, ProofReason.PROOF_MALFORMED],
      shortHash: [{ ...p, proof: [p.proof[0]!.slice(0, 8), ...p.proof.slice(1)] }, ProofReason.PROOF_MALFORMED],
    };
    for (const [name, [tampered, reason]] of Object.entries(cases)) {
      expect(await reasonOf(() => verifyInclusion(tampered as typeof p, latestSize, root)), name).toBe(reason);
    }
    expect(await reasonOf(() => verifyInclusion(p, latestSize, bytes(flip(toBase64(root)))))).toBe(
      ProofReason.ROOT_MISMATCH,
    );
  });
});

describe('consistency proofs', () => {
  it('verifies each proof between signed roots', async () => {
    for (const c of fixture.consistency) {
      await verifyConsistency(c.first, c.second, c.proof, bytes(c.firstRoot), bytes(c.secondRoot));
    }
    const first = await verifyCheckpoint(checkpoints['3']!, key);
    const second = await verifyCheckpoint(latest, key);
    const c = fixture.consistency.find((x) => x.first === 3 && x.second === latestSize)!;
    expect(await reasonOf(() => verifyConsistency(3, latestSize, c.proof, first.rootHash, second.rootHash))).toBe(
      'verified',
    );
  });

  it('refuses a flipped byte, swapped roots, a wrong size and a first size of 0', async () => {
    const c = fixture.consistency.find((x) => x.first === 5)!;
    const [r1, r2] = [bytes(c.firstRoot), bytes(c.secondRoot)];
    const run = (proof: string[], first: number, second: number, a: Bytes, b: Bytes) => () =>
      verifyConsistency(first, second, proof, a, b);
    expect(
      await reasonOf(
        run(
          c.proof.map((h, i) => (i === 0 ? flip(h, 3) : h)),
          5,
          8,
          r1,
          r2,
        ),
      ),
    ).toBe(ProofReason.ROOT_MISMATCH);
    expect(await reasonOf(run(c.proof, 5, 8, r2, r1))).toBe(ProofReason.ROOT_MISMATCH);
    expect(await reasonOf(run(c.proof, 5, 13, r1, r2))).not.toBe('verified');
    expect(await reasonOf(run(c.proof, 0, 8, r1, r2))).toBe(ProofReason.SIZE_MISMATCH);
    expect(await reasonOf(run([], 5, 8, r1, r2))).toBe(ProofReason.PROOF_MALFORMED);
    expect(await reasonOf(run([], 8, 8, r2, r2))).toBe('verified');
  });
});
