import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MerkleLog, openArchiveDb } from '@atc/gateway';
import { signCheckpoint, signEnvelope, type KeyPair, type Signer } from '@atc/shared';
import { FIXTURE_TIME, fixtureKey, fixtureMessageId, fixtureNonce, gatewayKeyEventRequest } from '@atc/shared/testing';
import { PROOF_FIXTURE_ORIGIN } from './proof-fixture.js';

/** A public JWK as a console session pins it. */
interface Jwk {
  readonly kty: string;
  readonly crv: string;
  readonly x: string;
  readonly kid: string;
}

/** A rotation entry as GET /v1/log/gateway-rotations serves it. */
interface RotationEntry {
  readonly index: number;
  readonly envelope: string;
  readonly inclusionProof: string[];
}

/**
 * What the console's check across a gateway key rotation is tested against
 * (console/src/proof/rotation-fixture.json): a log of 8 entries made by the gateway's own
 * MerkleLog, with the rotation from `oldKey` to `newKey` at entries 2 (REVOKED, grace until
 * `graceUntil`) and 3 (REGISTERED), an off-chain announcement of a third key at entry 6, and
 * checkpoints of both keys; plus a second log whose announcement another key signed.
 */
export interface RotationFixture {
  readonly origin: string;
  readonly oldKey: Jwk;
  readonly newKey: Jwk;
  readonly graceUntil: number;
  /** Signed checkpoint notes by tree size: 2, 4 and 6 by the old key, 8 (the latest) by the new one. */
  readonly checkpoints: Readonly<Record<string, string>>;
  /** What GET /v1/log/gateway-rotations?size=8 answers. */
  readonly rotations: { readonly treeSize: number; readonly entries: readonly RotationEntry[] };
  /** The off-chain announcement (entry 6) with its proof in the tree of 8. */
  readonly offChain: RotationEntry;
  /** Consistency proofs to the latest checkpoint, as GET /v1/log/proof/consistency answers them. */
  readonly consistency: readonly { first: number; second: number; proof: string[] }[];
  /** A log of 2 entries whose announcement of the new key was signed by another key under the old kid. */
  readonly forged: {
    readonly checkpoint: string;
    readonly rotations: { readonly treeSize: number; readonly entries: readonly RotationEntry[] };
  };
}

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const GRACE = 10 * 60_000;
const other = (i: number): Buffer => Buffer.from(`rotation fixture envelope ${i}`, 'utf8');

/** A gateway KeyEvent about `key` of `memberId`, signed by `signer`, as key-event-recorder.ts makes them (fixed ids). */
function keyEvent(
  n: number,
  signer: Signer,
  type: 'registered' | 'revoked',
  memberId: string,
  key: KeyPair,
  revokedAt?: number,
): Uint8Array {
  const request = gatewayKeyEventRequest({
    type,
    memberId,
    key,
    sequence: n,
    at: FIXTURE_TIME,
    revokedAt,
    messageId: fixtureMessageId(900 + n),
    nonce: fixtureNonce(900 + n),
    comment: 'gateway key rotation: fixture',
  });
  return signEnvelope(signer, request, () => FIXTURE_TIME).bytes;
}

const jwk = (k: KeyPair): Jwk => ({ kty: k.publicJwk.kty, crv: k.publicJwk.crv, x: k.publicJwk.x, kid: k.kid });

/** Appends `leaves` to a fresh MerkleLog on a throwaway SQLite archive; runs `use` with it. */
async function withLog<T>(leaves: readonly Uint8Array[], use: (log: MerkleLog) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'atc-rotation-fixture-'));
  const db = await openArchiveDb({ path: join(dir, 'archive.db') });
  try {
    const log = new MerkleLog(
      db,
      { origin: PROOF_FIXTURE_ORIGIN, privateKey: fixtureKey('ATC').privateKey },
      () => FIXTURE_TIME,
    );
    await db.transaction(() => log.appendWithinTransaction([...leaves]), { write: true });
    return await use(log);
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Builds the fixture from the gateway's log code with fixed keys. Deterministic. */
export async function buildRotationFixture(): Promise<RotationFixture> {
  const oldKey = fixtureKey('ATC');
  const newKey = fixtureKey('ATC-NEXT');
  const third = fixtureKey('MALLORY');
  const graceUntil = FIXTURE_TIME + GRACE;
  const leaves = [
    other(0),
    other(1),
    keyEvent(1, oldKey, 'revoked', 'ATC', oldKey, graceUntil),
    keyEvent(2, oldKey, 'registered', 'ATC', newKey),
    other(4),
    other(5),
    keyEvent(3, oldKey, 'registered', 'ATC', third),
    other(7),
  ];
  const signed = (log: MerkleLog, size: number, key: KeyPair) =>
    log
      .rootAt(size)
      .then((rootHash) =>
        signCheckpoint(
          { origin: PROOF_FIXTURE_ORIGIN, size, rootHash, extensions: [] },
          PROOF_FIXTURE_ORIGIN,
          key.privateKey,
        ),
      );
  const entry = async (log: MerkleLog, index: number, size: number, bytes: Uint8Array): Promise<RotationEntry> => ({
    index,
    envelope: b64(bytes),
    inclusionProof: (await log.inclusionProof(index, size)).map(b64),
  });
  const main = await withLog(leaves, async (log) => {
    const checkpoints: Record<string, string> = {};
    for (const size of [2, 4, 6]) checkpoints[String(size)] = await signed(log, size, oldKey);
    checkpoints['8'] = await signed(log, 8, newKey);
    const consistency = [];
    for (const first of [2, 4, 6]) {
      consistency.push({ first, second: 8, proof: (await log.consistencyProof(first, 8)).map(b64) });
    }
    return {
      checkpoints,
      rotations: { treeSize: 8, entries: [await entry(log, 3, 8, leaves[3]!), await entry(log, 2, 8, leaves[2]!)] },
      offChain: await entry(log, 6, 8, leaves[6]!),
      consistency,
    };
  });
  const forgedLeaves = [
    leaves[2]!,
    keyEvent(2, { kid: oldKey.kid, privateKey: third.privateKey }, 'registered', 'ATC', newKey),
  ];
  const forged = await withLog(forgedLeaves, async (log) => ({
    checkpoint: await signed(log, 2, newKey),
    rotations: {
      treeSize: 2,
      entries: [await entry(log, 1, 2, forgedLeaves[1]!), await entry(log, 0, 2, forgedLeaves[0]!)],
    },
  }));
  return {
    origin: PROOF_FIXTURE_ORIGIN,
    oldKey: jwk(oldKey),
    newKey: jwk(newKey),
    graceUntil,
    ...main,
    forged,
  };
}
