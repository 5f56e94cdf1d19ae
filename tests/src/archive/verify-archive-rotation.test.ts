// `archive verify` across a gateway key rotation: the replaced key's entries and checkpoints
// hold up to the rotation, and past it only within the grace the rotation declared (a replica
// not yet restarted); a checkpoint or entry it signs later is refused, as a stolen key's would be.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateKeyPair, signCheckpoint, type KeyPair } from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import { openArchive, rotateGatewayKey, verifyArchive, type Archive } from '@atc/gateway';

const ORIGIN = 'atc-exchange/ATC';
const ROTATED = Date.UTC(2026, 5, 1, 12, 0, 0);
const GRACE_MS = 60_000;
const actor = { who: 'test', why: 'rotation' };

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Opens the archive in `dir` as a replica holding `key` would, at time `at`. */
function open(key: KeyPair, at: number): Promise<Archive> {
  return openArchive({
    location: { path: join(dir!, 'archive.db') },
    gatewayId: 'ATC',
    logOrigin: ORIGIN,
    key,
    clock: () => at,
  });
}

/**
 * An archive whose key A was rotated to B at leaves 0-1 (grace 60 s), then a replica still
 * holding A registers a member key `staleAfterMs` after the rotation (leaves 2-3, checkpoint 4
 * signed by A). Returns the keys.
 */
async function rotatedArchive(staleAfterMs: number): Promise<{ a: KeyPair; b: KeyPair }> {
  dir = await mkdtemp(join(tmpdir(), 'atc-verify-rotation-'));
  const [a, b] = [generateKeyPair(), generateKeyPair()];
  const first = await open(a, ROTATED);
  await rotateGatewayKey({
    ...first,
    oldKey: a,
    newKey: b,
    gatewayId: 'ATC',
    graceMs: GRACE_MS,
    comment: 'test',
    clock: () => ROTATED,
  });
  await first.close();
  const stale = await open(a, ROTATED + staleAfterMs);
  await stale.registry.addMember({ id: 'KZ', name: 'Kazakhstan', kind: 'national' }, actor);
  await stale.registry.addKey('KZ', fixtureKey('KZ').publicJwk, { validFrom: 0 }, actor);
  await stale.close();
  return { a, b };
}

async function verifyWith(key: KeyPair): Promise<string | undefined> {
  const archive = await open(key, ROTATED + 3_600_000);
  try {
    const result = await verifyArchive(archive.db, {
      gatewayId: 'ATC',
      gatewayKey: key.publicKey,
      gatewayKid: key.kid,
      origin: ORIGIN,
    });
    return result.discrepancy === undefined
      ? undefined
      : `leaf ${result.discrepancy.leafIndex}: ${result.discrepancy.what}`;
  } finally {
    await archive.close();
  }
}

describe('archive verify across a gateway key rotation', () => {
  it('accepts what the replaced key signed within the grace, after the rotation entries', async () => {
    const { b } = await rotatedArchive(10_000);
    expect(await verifyWith(b)).toBeUndefined();
  });

  it('refuses an entry the replaced key signed after the grace ended', async () => {
    const { b } = await rotatedArchive(GRACE_MS + 1_000);
    expect(await verifyWith(b)).toMatch(/^leaf 2: .*ERR_KEY_REVOKED/);
  });

  it('refuses a checkpoint the replaced key signed past the rotation for entries created after the grace', async () => {
    const { a, b } = await rotatedArchive(10_000);
    // The current key's own entry, long after the grace, under a checkpoint the old key signed.
    const later = await open(b, ROTATED + GRACE_MS + 5_000);
    await later.registry.addKey('KZ', fixtureKey('KZ-2').publicJwk, { validFrom: 0 }, actor);
    const size = (await later.db.get<{ n: number }>('SELECT max(tree_size) AS n FROM checkpoints'))!.n;
    const root = (await later.db.get<{ root_hash: Buffer }>('SELECT root_hash FROM checkpoints WHERE tree_size = ?', [
      size,
    ]))!.root_hash;
    const forged = signCheckpoint({ origin: ORIGIN, size, rootHash: root, extensions: [] }, ORIGIN, a.privateKey);
    await later.db.transaction(async () => {
      await later.db.run('DELETE FROM checkpoints WHERE tree_size = ?', [size]);
      await later.db.run('INSERT INTO checkpoints (tree_size, root_hash, note, created_at) VALUES (?, ?, ?, 0)', [
        size,
        root,
        forged,
      ]);
    });
    await later.close();
    expect(await verifyWith(b)).toBe(
      `leaf ${size}: checkpoint ${size}: ERR_GATEWAY_KEY_RETIRED: it is signed by gateway key ${a.kid}, which the rotation at leaf 1 replaced, and its last entry was not created within the grace the rotation declared`,
    );
  });
});
