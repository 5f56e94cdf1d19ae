import { createHmac, sign as ed25519Sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AtcError, signTrustList, verifyTrustList, type KeyPair, type TrustList } from '../index.js';
import { TRUST_LIST_TYPE } from './trust-list.js';
import { fixtureKey } from '../testing/index.js';

const gatewayKey = fixtureKey('ATC');
const otherKey = fixtureKey('EVIL');
const kz = fixtureKey('KZ');
const kzOld = fixtureKey('KZ-old');

const list: TrustList = {
  version: 7,
  issuedAt: '2026-01-15T09:30:00.000Z',
  gateway: { id: 'ATC', kid: gatewayKey.kid, jwk: gatewayKey.publicJwk },
  members: [
    {
      id: 'KZ',
      name: 'Kazakhstan ATC',
      kind: 'national',
      status: 'active',
      keys: [
        { kid: kz.kid, jwk: kz.publicJwk, validFrom: '2026-01-01T00:00:00.000Z', status: 'active' },
        {
          kid: kzOld.kid,
          jwk: kzOld.publicJwk,
          validFrom: '2025-01-01T00:00:00.000Z',
          validUntil: '2027-01-01T00:00:00.000Z',
          status: 'revoked',
          revokedAt: '2026-01-01T00:00:00.000Z',
          revocationReason: 'superseded',
        },
      ],
    },
    { id: 'CISEC', name: 'CIS Executive Committee', kind: 'sectorial', status: 'suspended', keys: [] },
  ],
};

const b64 = (text: string): string => Buffer.from(text).toString('base64url');

/** A compact JWS over `payload` with any protected header, signed with Ed25519 by `key`. */
function handSigned(header: Record<string, unknown>, payload: unknown, key: KeyPair = gatewayKey): string {
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}`;
  return `${input}.${ed25519Sign(null, Buffer.from(input), key.privateKey).toString('base64url')}`;
}

async function refusal(promise: Promise<unknown>): Promise<AtcError> {
  const e: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AtcError);
  expect((e as AtcError).code).toBe('ERR_TRUST_LIST_INVALID');
  return e as AtcError;
}

describe('signed trust list', () => {
  it('round-trips through sign and verify with the exact protected header', async () => {
    const jws = signTrustList(list, gatewayKey);
    const [header, payload, signature] = jws.split('.');
    expect(Buffer.from(header!, 'base64url').toString()).toBe(
      `{"alg":"EdDSA","kid":"${gatewayKey.kid}","typ":"atc-trustlist+json"}`,
    );
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toEqual(list);
    expect(Buffer.from(signature!, 'base64url')).toHaveLength(64);
    await expect(verifyTrustList(jws, gatewayKey.publicJwk)).resolves.toEqual(list);
  });

  it('never carries a private key member, even when given one', async () => {
    const leaky = { ...list, gateway: { ...list.gateway, jwk: gatewayKey.privateJwk } };
    const jws = signTrustList(leaky, gatewayKey);
    expect(Buffer.from(jws.split('.')[1]!, 'base64url').toString()).not.toContain('"d"');
    expect((await verifyTrustList(jws, gatewayKey.publicJwk)).gateway.jwk).toEqual(gatewayKey.publicJwk);
  });

  it('refuses a list signed by another key', async () => {
    const forged = signTrustList(
      { ...list, gateway: { ...list.gateway, kid: otherKey.kid, jwk: otherKey.publicJwk } },
      otherKey,
    );
    expect((await refusal(verifyTrustList(forged, gatewayKey.publicJwk))).message).toContain('not with the pinned');
    // Another key claiming the pinned kid: the signature itself fails.
    const spoofed = handSigned({ alg: 'EdDSA', kid: gatewayKey.kid, typ: TRUST_LIST_TYPE }, list, otherKey);
    expect((await refusal(verifyTrustList(spoofed, gatewayKey.publicJwk))).message).toContain('does not verify');
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = signTrustList(list, gatewayKey).split('.');
    const tampered = `${header!}.${b64(JSON.stringify({ ...list, version: 8 }))}.${signature!}`;
    expect((await refusal(verifyTrustList(tampered, gatewayKey.publicJwk))).message).toContain('does not verify');
  });

  it('refuses alg none and HS256', async () => {
    const none = `${b64(JSON.stringify({ alg: 'none', kid: gatewayKey.kid, typ: TRUST_LIST_TYPE }))}.${b64(JSON.stringify(list))}.`;
    expect((await refusal(verifyTrustList(none, gatewayKey.publicJwk))).message).toContain('"none"');
    // HMAC keyed with the public key: the classic algorithm-confusion forgery.
    const input = `${b64(JSON.stringify({ alg: 'HS256', kid: gatewayKey.kid, typ: TRUST_LIST_TYPE }))}.${b64(JSON.stringify(list))}`;
    const mac = createHmac('sha256', Buffer.from(gatewayKey.publicJwk.x, 'base64url'))
      .update(input)
      .digest('base64url');
    expect((await refusal(verifyTrustList(`${input}.${mac}`, gatewayKey.publicJwk))).message).toContain('"HS256"');
  });

  it('refuses a wrong typ, extra header parameters and a detached payload', async () => {
    const envelopeTyp = handSigned({ alg: 'EdDSA', kid: gatewayKey.kid, typ: 'atc+protobuf' }, list);
    expect((await refusal(verifyTrustList(envelopeTyp, gatewayKey.publicJwk))).message).toContain('typ');
    const noTyp = handSigned({ alg: 'EdDSA', kid: gatewayKey.kid }, list);
    await refusal(verifyTrustList(noTyp, gatewayKey.publicJwk));
    const crit = handSigned(
      { alg: 'EdDSA', kid: gatewayKey.kid, typ: TRUST_LIST_TYPE, crit: ['b64'], b64: false },
      list,
    );
    expect((await refusal(verifyTrustList(crit, gatewayKey.publicJwk))).message).toContain('not allowed');
    const [header, , signature] = signTrustList(list, gatewayKey).split('.');
    await refusal(verifyTrustList(`${header!}..${signature!}`, gatewayKey.publicJwk));
    await refusal(verifyTrustList('not a jws', gatewayKey.publicJwk));
  });

  it('refuses a correctly signed list of the wrong shape', async () => {
    const header = { alg: 'EdDSA', kid: gatewayKey.kid, typ: TRUST_LIST_TYPE };
    const cases: [unknown, string][] = [
      [[], 'payload'],
      [{ ...list, version: -1 }, 'version'],
      [{ ...list, issuedAt: 'yesterday' }, 'issuedAt'],
      [{ ...list, members: [{ ...list.members[0], id: 'kz' }] }, 'members[0].id'],
      [{ ...list, members: [{ ...list.members[0], kind: 'ally' }] }, 'members[0].kind'],
      [{ ...list, members: [list.members[1], list.members[1]] }, 'twice'],
      [{ ...list, members: [{ ...list.members[0], keys: [{ ...list.members[0]!.keys[0], kid: kzOld.kid }] }] }, 'kid'],
      [
        { ...list, members: [{ ...list.members[0], keys: [{ ...list.members[0]!.keys[1], revokedAt: undefined }] }] },
        'status',
      ],
      [{ ...list, gateway: { ...list.gateway, jwk: kz.publicJwk } }, 'gateway.kid'],
    ];
    for (const [payload, fragment] of cases) {
      expect((await refusal(verifyTrustList(handSigned(header, payload), gatewayKey.publicJwk))).message).toContain(
        fragment,
      );
    }
  });

  it('refuses to sign a list that names another gateway key', () => {
    expect(() => signTrustList(list, otherKey)).toThrow(/names gateway key/);
  });
});
