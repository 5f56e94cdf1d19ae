import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MerkleLog, openArchiveDb } from '@atc/gateway';
import { cosignCheckpoint, parseNote, signCheckpoint, witnessKeyName } from '@atc/shared';
import { FIXTURE_TIME, fixtureKey } from '@atc/shared/testing';

/** Origin (and note key name) of the fixture log. */
export const PROOF_FIXTURE_ORIGIN = 'atc-exchange/TEST';

/**
 * What the console's proof verification is tested against (console/src/proof/log-fixture.json):
 * checkpoints, inclusion and consistency proofs made by the gateway's own MerkleLog on a real
 * SQLite archive, signed by a fixed key, plus a checkpoint signed by another key.
 */
export interface ProofFixture {
  readonly origin: string;
  /** The gateway's public JWK, as a console session pins it. */
  readonly gatewayKey: { readonly kty: string; readonly crv: string; readonly x: string; readonly kid: string };
  /** Signed checkpoint notes by tree size, as GET /v1/log/checkpoint?size= serves them. */
  readonly checkpoints: Readonly<Record<string, string>>;
  /** The checkpoint of the largest size with a witness's cosignature appended. */
  readonly cosigned: string;
  /** The largest checkpoint's text signed under the same name by another (KZ's) key. */
  readonly otherKey: string;
  /** Inclusion proofs as GET /v1/log/proof/inclusion answers them, with the envelope. */
  readonly inclusion: readonly {
    leafIndex: number;
    treeSize: number;
    rootHash: string;
    leafHash: string;
    proof: string[];
    envelope: string;
  }[];
  /** Consistency proofs as GET /v1/log/proof/consistency answers them. */
  readonly consistency: readonly {
    first: number;
    second: number;
    firstRoot: string;
    secondRoot: string;
    proof: string[];
  }[];
}

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const envelope = (i: number): Buffer => Buffer.from(`fixture envelope ${i}`, 'utf8');
/** Appends in batches, each signing one checkpoint: sizes 3, 5, 8, 13. */
const BATCHES = [3, 2, 3, 5];
const INCLUSIONS: readonly [number, number][] = [
  [0, 3],
  [4, 5],
  [6, 13],
  [12, 13],
  [7, 8],
];
const CONSISTENCIES: readonly [number, number][] = [
  [3, 13],
  [5, 8],
  [8, 13],
  [4, 13],
];

/** Builds the fixture from the gateway's log code on a throwaway SQLite archive. Deterministic. */
export async function buildProofFixture(): Promise<ProofFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'atc-proof-fixture-'));
  const db = await openArchiveDb({ path: join(dir, 'archive.db') });
  try {
    const gateway = fixtureKey('ATC');
    const log = new MerkleLog(db, { origin: PROOF_FIXTURE_ORIGIN, privateKey: gateway.privateKey }, () => FIXTURE_TIME);
    let n = 0;
    const checkpoints: Record<string, string> = {};
    for (const count of BATCHES) {
      const batch = Array.from({ length: count }, () => envelope(n++));
      const appended = await db.transaction(() => log.appendWithinTransaction(batch), { write: true });
      checkpoints[String(appended!.size)] = appended!.checkpoint;
    }
    const size = n;
    const latest = (await log.checkpointAt(size))!;
    const body = parseNote(latest.note).body;
    const witness = fixtureKey('BY');
    await log.addCosignature(
      size,
      'BY',
      cosignCheckpoint(body, witnessKeyName('BY'), witness.privateKey, FIXTURE_TIME / 1000),
      FIXTURE_TIME,
    );
    const other = fixtureKey('KZ');
    const otherKey = signCheckpoint(
      { origin: PROOF_FIXTURE_ORIGIN, size, rootHash: latest.rootHash, extensions: [] },
      PROOF_FIXTURE_ORIGIN,
      other.privateKey,
    );
    const inclusion = [];
    for (const [index, treeSize] of INCLUSIONS) {
      inclusion.push({
        leafIndex: index,
        treeSize,
        rootHash: b64(await log.rootAt(treeSize)),
        leafHash: b64((await log.entries(index, index + 1))[0]!.leafHash),
        proof: (await log.inclusionProof(index, treeSize)).map(b64),
        envelope: b64(envelope(index)),
      });
    }
    const consistency = [];
    for (const [first, second] of CONSISTENCIES) {
      consistency.push({
        first,
        second,
        firstRoot: b64(await log.rootAt(first)),
        secondRoot: b64(await log.rootAt(second)),
        proof: (await log.consistencyProof(first, second)).map(b64),
      });
    }
    const { kty, crv, x } = gateway.publicJwk;
    const kid = gateway.kid;
    return {
      origin: PROOF_FIXTURE_ORIGIN,
      gatewayKey: { kty, crv, x, kid },
      checkpoints,
      cosigned: (await log.checkpointAt(size))!.cosigned,
      otherKey,
      inclusion,
      consistency,
    };
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The fixture as committed: JSON, two-space indent, final newline. */
export function renderProofFixture(fixture: ProofFixture): string {
  return `${JSON.stringify(fixture, null, 2)}\n`;
}
