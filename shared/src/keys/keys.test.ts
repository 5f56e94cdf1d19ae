import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { AtcError, generateKeyPair, keyPairFromJwk, loadKeyFile, saveKeyFile, toPublicJwk } from '../index.js';
import { jwkThumbprint } from './ed25519-jwk.js';

const dir = await mkdtemp(join(tmpdir(), 'atc-keys-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function codeOf(p: Promise<unknown>): Promise<string> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AtcError);
  return (e as AtcError).code;
}

describe('Ed25519 keys', () => {
  it('generates distinct key pairs whose kid is the RFC 7638 thumbprint', async () => {
    const a = generateKeyPair();
    const b = generateKeyPair();
    expect(a.kid).not.toBe(b.kid);
    expect(a.kid).toBe(await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: a.publicJwk.x }, 'sha256'));
    expect(a.publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: a.publicJwk.x, kid: a.kid });
    expect(a.publicJwk).not.toHaveProperty('d');
  });

  it('matches the RFC 8037 appendix A.3 thumbprint', () => {
    expect(jwkThumbprint({ x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' })).toBe(
      'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k',
    );
  });

  it('refuses keys that are not Ed25519 public JWKs', () => {
    expect(() => toPublicJwk({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' })).toThrow(/not an Ed25519 key/);
    expect(() => toPublicJwk({ kty: 'OKP', crv: 'Ed25519', x: 'short' })).toThrow(/32-byte/);
    expect(() => toPublicJwk('text')).toThrow(/not a JSON object/);
    const k = generateKeyPair();
    expect(() => toPublicJwk({ ...k.publicJwk, kid: 'wrong' })).toThrow(/thumbprint/);
  });

  it('refuses a private JWK whose x does not belong to its d', () => {
    const a = generateKeyPair();
    const b = generateKeyPair();
    expect(() => keyPairFromJwk({ ...a.privateJwk, x: b.publicJwk.x, kid: undefined })).toThrow(/does not belong/);
  });
});

describe('key files', () => {
  it('saves with mode 0600 and loads the same key', async () => {
    const pair = generateKeyPair();
    const path = join(dir, 'member.jwk');
    await saveKeyFile(path, pair);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const loaded = await loadKeyFile(path);
    expect(loaded.kid).toBe(pair.kid);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      d: pair.privateJwk.d,
    });
  });

  it('never overwrites an existing key file unless asked', async () => {
    const path = join(dir, 'keep.jwk');
    const first = generateKeyPair();
    await saveKeyFile(path, first);
    expect(await codeOf(saveKeyFile(path, generateKeyPair()))).toBe('ERR_KEY_FILE_EXISTS');
    expect((await loadKeyFile(path)).kid).toBe(first.kid);
    const second = generateKeyPair();
    await saveKeyFile(path, second, { overwrite: true });
    expect((await loadKeyFile(path)).kid).toBe(second.kid);
  });

  it.each([0o644, 0o640, 0o604, 0o660])('refuses a key file with mode %o', async (mode) => {
    const path = join(dir, `open-${mode.toString(8)}.jwk`);
    await saveKeyFile(path, generateKeyPair());
    await chmod(path, mode);
    const e: unknown = await loadKeyFile(path).catch((err: unknown) => err);
    expect((e as AtcError).code).toBe('ERR_KEY_FILE_UNSAFE');
    expect((e as AtcError).message).toContain('chmod 600');
  });

  it('refuses missing, non-JSON and non-key files', async () => {
    expect(await codeOf(loadKeyFile(join(dir, 'absent.jwk')))).toBe('ERR_KEY_FILE_INVALID');
    const text = join(dir, 'text.jwk');
    await writeFile(text, 'not json', { mode: 0o600 });
    expect(await codeOf(loadKeyFile(text))).toBe('ERR_KEY_FILE_INVALID');
    const pub = join(dir, 'public.jwk');
    await writeFile(pub, JSON.stringify(generateKeyPair().publicJwk), { mode: 0o600 });
    expect(await codeOf(loadKeyFile(pub))).toBe('ERR_KEY_FILE_INVALID');
  });
});
