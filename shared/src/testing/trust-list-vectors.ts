import { sign as ed25519Sign } from 'node:crypto';
import { ErrorCode } from '../errors/atc-error.js';
import type { PublicJwk } from '../keys/ed25519-jwk.js';
import type { KeyPair } from '../keys/key-pair.js';
import { signTrustList, TRUST_LIST_TYPE, type TrustList } from '../trust/trust-list.js';
import { KeyStatus, MemberKind, MemberStatus } from '../trust/registry-vocabulary.js';
import { RevocationReason } from '../signing/key-resolver.js';
import { fixtureKey } from './fixtures.js';

/** One trust-list vector (proto/vectors/trust-lists.json). */
export interface TrustListVector {
  readonly name: string;
  /** The gateway key the verifier pinned. */
  readonly gateway_jwk: PublicJwk;
  /** The signed trust list: a compact JWS with the list's JSON as attached payload. */
  readonly jws: string;
  /** `valid`, or the code the agent refuses it with. */
  readonly expect: 'valid' | typeof ErrorCode.TRUST_LIST_INVALID;
  /** For a valid list: the member ids it carries, so a verifier can check it read them. */
  readonly members?: readonly string[];
}

const b64url = (s: string | Uint8Array): string => Buffer.from(s).toString('base64url');

/** The fixture trust list: the gateway ATC and two fictitious members, one with a revoked key. */
export function fixtureTrustList(gateway: KeyPair = fixtureKey('ATC')): TrustList {
  const key = (k: KeyPair) => ({ kid: k.kid, jwk: k.publicJwk, validFrom: '2026-01-01T00:00:00Z' });
  return {
    version: 7,
    issuedAt: '2026-01-15T09:00:00Z',
    gateway: { id: 'ATC', kid: gateway.kid, jwk: gateway.publicJwk },
    members: [
      {
        id: 'KZ',
        name: 'Fictitious centre Testov (KZ)',
        kind: MemberKind.NATIONAL,
        status: MemberStatus.ACTIVE,
        keys: [{ ...key(fixtureKey('KZ')), status: KeyStatus.ACTIVE }],
      },
      {
        id: 'BY',
        name: 'Fictitious centre Primerov (BY)',
        kind: MemberKind.NATIONAL,
        status: MemberStatus.ACTIVE,
        keys: [
          { ...key(fixtureKey('BY')), status: KeyStatus.ACTIVE },
          {
            ...key(fixtureKey('BY old')),
            validUntil: '2026-01-10T00:00:00Z',
            status: KeyStatus.REVOKED,
            revokedAt: '2026-01-10T00:00:00Z',
            revocationReason: RevocationReason.SUPERSEDED,
          },
        ],
      },
    ],
  };
}

/** A compact JWS over `payload` with exactly the protected header text `header`. */
function rawJws(key: KeyPair, header: string, payload: string): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${b64url(ed25519Sign(null, Buffer.from(input, 'ascii'), key.privateKey))}`;
}

/**
 * Trust-list vectors: a list signed as the gateway signs it, and lists an agent must refuse
 * (wrong key, altered payload, other algorithms, headers and contents). Deterministic.
 */
export function buildTrustListVectors(): TrustListVector[] {
  const atc = fixtureKey('ATC');
  const kz = fixtureKey('KZ');
  const list = fixtureTrustList();
  const json = JSON.stringify(list);
  const header = (fields: Record<string, unknown>): string =>
    JSON.stringify({ alg: 'EdDSA', kid: atc.kid, typ: TRUST_LIST_TYPE, ...fields });
  const vectors: TrustListVector[] = [];
  const refuse = (name: string, jws: string): void => {
    vectors.push({ name, gateway_jwk: atc.publicJwk, jws, expect: ErrorCode.TRUST_LIST_INVALID });
  };
  const good = signTrustList(list, atc);
  vectors.push({
    name: 'valid trust list',
    gateway_jwk: atc.publicJwk,
    jws: good,
    expect: 'valid',
    members: ['KZ', 'BY'],
  });

  const [h, p, s] = good.split('.') as [string, string, string];
  const altered = Buffer.from(p, 'base64url').toString('utf8').replace('"version":7', '"version":8');
  refuse('payload altered after signing', `${h}.${b64url(altered)}.${s}`);
  refuse('signed by a member key under the gateway kid', rawJws(kz, header({}), json));
  const kzList = fixtureTrustList(kz);
  refuse('signed by another key naming itself as gateway', signTrustList(kzList, kz));
  refuse('alg HS256', rawJws(atc, header({ alg: 'HS256' }), json));
  refuse('alg none', `${b64url(header({ alg: 'none' }))}.${b64url(json)}.`);
  refuse('typ of an envelope signature', rawJws(atc, header({ typ: 'atc+protobuf' }), json));
  refuse('protected header with a crit parameter', rawJws(atc, header({ crit: ['exp'], exp: 1 }), json));
  refuse('detached payload', `${h}..${s}`);
  const badKid = {
    ...list,
    members: [{ ...list.members[0]!, keys: [{ ...list.members[0]!.keys[0]!, kid: fixtureKey('BY').kid }] }],
  };
  refuse("a member key whose kid is not its JWK's thumbprint", rawJws(atc, header({}), JSON.stringify(badKid)));
  const twice = { ...list, members: [list.members[0]!, list.members[0]!] };
  refuse('a member listed twice', rawJws(atc, header({}), JSON.stringify(twice)));
  const { revokedAt: _omitted, ...noRevokedAt } = list.members[1]!.keys[1]!;
  const revoked = { ...list, members: [list.members[0]!, { ...list.members[1]!, keys: [noRevokedAt] }] };
  refuse('a revoked key without revokedAt', rawJws(atc, header({}), JSON.stringify(revoked)));
  refuse('payload that is not JSON', rawJws(atc, header({}), `${json.slice(0, -1)},`));
  return vectors;
}
