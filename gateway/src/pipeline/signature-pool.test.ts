import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureKey } from '@atc/shared/testing';
import type { ResolvedKey } from '@atc/shared';
import { SignaturePool } from './signature-pool.js';

const keyOf = (publicKey: ResolvedKey['publicKey']): ResolvedKey => ({
  kid: 'k',
  owner: 'KZ',
  publicKey,
  validFrom: 0,
});

/** What a check or signing came to: answered, or the code it failed with. */
const outcome = (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => 'answered',
    (e: unknown) => (e as { code?: string }).code,
  );

/** The outcomes of `settling`, or 'still waiting' when they have not all come within 5 s. */
const within5s = <T>(settling: readonly Promise<T>[]): Promise<T[] | 'still waiting'> =>
  Promise.race([
    Promise.all(settling),
    new Promise<'still waiting'>((resolve) => {
      setTimeout(() => {
        resolve('still waiting');
      }, 5_000);
    }),
  ]);

describe('SignaturePool', () => {
  let pool: SignaturePool | undefined;
  afterEach(async () => {
    await pool?.close();
  });

  it('checks a batch of signatures on its workers, each answered on its own', async () => {
    pool = new SignaturePool(2);
    const kz = fixtureKey('KZ');
    const by = fixtureKey('BY');
    const inputs = Array.from({ length: 200 }, (_, i) => Buffer.from(`signing input ${i}`));
    const results = await Promise.all(
      inputs.map((input, i) => {
        const signature = sign(null, input, kz.privateKey);
        // Every third is checked against the wrong key, every fifth has a damaged signature.
        if (i % 5 === 0) signature[0]! ^= 1;
        return pool!.check(input, keyOf(i % 3 === 0 ? by.publicKey : kz.publicKey), signature);
      }),
    );
    results.forEach((valid, i) => {
      expect(valid, `check ${i}`).toBe(i % 3 !== 0 && i % 5 !== 0);
    });
  });

  it('packs inputs of any length, and answers signatures of the wrong length as invalid', async () => {
    pool = new SignaturePool(2);
    const kz = fixtureKey('KZ');
    const inputs = Array.from({ length: 50 }, (_, i) => Buffer.alloc(i * 37, i));
    const results = await Promise.all(
      inputs.map((input, i) => {
        const signature = sign(null, input, kz.privateKey);
        const sent =
          i % 4 === 1 ? signature.subarray(0, 63) : i % 4 === 2 ? Buffer.concat([signature, Buffer.of(0)]) : signature;
        return pool!.check(input, keyOf(kz.publicKey), sent);
      }),
    );
    results.forEach((valid, i) => {
      expect(valid, `check ${i}`).toBe(i % 4 === 0 || i % 4 === 3);
    });
  });

  it('signs on its workers: the signatures Ed25519 makes, in the order of the inputs, with each key apart', async () => {
    pool = new SignaturePool(2);
    const atc = fixtureKey('ATC');
    const other = generateKeyPairSync('ed25519');
    const inputs = Array.from({ length: 101 }, (_, i) => Buffer.alloc(1 + i * 13, i));
    // Two keys, asked at once: each worker is given each key once and keeps them apart.
    const [mine, theirs] = await Promise.all([
      pool.sign(atc.privateKey, inputs),
      pool.sign(other.privateKey, inputs.slice(0, 7)),
    ]);
    expect(mine).toHaveLength(101);
    mine.forEach((signature, i) => {
      // Ed25519 is deterministic: the worker's signature is the one this thread would make.
      expect(Buffer.from(signature).equals(sign(null, inputs[i]!, atc.privateKey)), `signature ${i}`).toBe(true);
    });
    theirs.forEach((signature, i) => {
      expect(verify(null, inputs[i]!, other.publicKey, signature), `signature ${i}`).toBe(true);
      expect(verify(null, inputs[i]!, atc.publicKey, signature), `signature ${i}`).toBe(false);
    });
    // Again with the same key (kept by the workers now), and nothing to sign.
    const again = await pool.sign(atc.privateKey, inputs.slice(50, 53));
    expect(again.map((s) => Buffer.from(s).toString('hex'))).toEqual(
      mine.slice(50, 53).map((s) => Buffer.from(s).toString('hex')),
    );
    await expect(pool.sign(atc.privateKey, [])).resolves.toEqual([]);
  });

  it('fails a signing with a key that cannot sign Ed25519 as ERR_INTERNAL, and keeps signing with others', async () => {
    pool = new SignaturePool(1);
    const x25519 = generateKeyPairSync('x25519').privateKey;
    const failure: unknown = await pool.sign(x25519, [Buffer.from('x')]).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'ERR_INTERNAL' });
    expect((failure as Error).message).toContain('could not sign');
    const atc = fixtureKey('ATC');
    const [signature] = await pool.sign(atc.privateKey, [Buffer.from('y')]);
    expect(verify(null, Buffer.from('y'), atc.publicKey, signature!)).toBe(true);
    await pool.close();
    await expect(pool.sign(atc.privateKey, [Buffer.from('y')])).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
    pool = undefined;
  });

  it('fails the checks and signings still running when closed, as ERR_INTERNAL, instead of leaving them waiting', async () => {
    pool = new SignaturePool(1);
    const kz = fixtureKey('KZ');
    const input = Buffer.from('x');
    const signature = sign(null, input, kz.privateKey);
    // Enough checks that the worker is still at them when the pool closes, and a signing behind them.
    const checks = Array.from({ length: 2_000 }, () => outcome(pool!.check(input, keyOf(kz.publicKey), signature)));
    await new Promise((r) => setImmediate(r));
    const signing = outcome(pool.sign(fixtureKey('ATC').privateKey, [Buffer.from('a receipt')]));
    await pool.close();
    pool = undefined;
    expect(await within5s([...checks, signing])).toEqual([...checks, signing].map(() => 'ERR_INTERNAL'));
  });

  it('fails the checks asked for in the turn it is closed in, before any worker had them', async () => {
    pool = new SignaturePool(1);
    const kz = fixtureKey('KZ');
    const input = Buffer.from('x');
    const signature = sign(null, input, kz.privateKey);
    const closing = pool;
    pool = undefined;
    // Asked for, then closed, in one callback of the event loop's check phase: the checks'
    // dispatch comes a whole turn later, after the worker has gone.
    const checks = await new Promise<Promise<string | undefined>[]>((resolve) => {
      setImmediate(() => {
        const asked = Array.from({ length: 10 }, () => outcome(closing.check(input, keyOf(kz.publicKey), signature)));
        void closing.close();
        resolve(asked);
      });
    });
    expect(await within5s(checks)).toEqual(checks.map(() => 'ERR_INTERNAL'));
  });

  it('refuses a key that cannot verify Ed25519, and fails every check once closed', async () => {
    pool = new SignaturePool(1);
    // An X25519 key agrees keys; it cannot verify anything.
    const x25519 = generateKeyPairSync('x25519').publicKey;
    await expect(pool.check(Buffer.from('x'), keyOf(x25519), Buffer.alloc(64))).rejects.toThrow(/cannot verify/);
    await pool.close();
    await expect(
      pool.check(Buffer.from('x'), keyOf(fixtureKey('KZ').publicKey), Buffer.alloc(64)),
    ).rejects.toMatchObject({
      code: 'ERR_INTERNAL',
    });
    pool = undefined;
  });
});
