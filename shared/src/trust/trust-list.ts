import { sign as ed25519Sign } from 'node:crypto';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { AtcError, ErrorCode } from '../errors/atc-error.js';
import { jwkThumbprint, publicKeyFromJwk, toPublicJwk, type PublicJwk } from '../keys/ed25519-jwk.js';
import { JWS_ALGORITHM, SIGNATURE_BYTES } from '../signing/detached-jws.js';
import { RevocationReason } from '../signing/key-resolver.js';
import type { Signer } from '../signing/sign-envelope.js';
import { RFC3339_PATTERN } from '../json/rfc3339-timestamp.js';
import { isMemberId } from '../util/member-id.js';
import { isOneOf, KeyStatus, MemberKind, MemberStatus } from './registry-vocabulary.js';

/** The `typ` of a signed trust list's protected header. */
export const TRUST_LIST_TYPE = 'atc-trustlist+json';

/** A registered member key as the trust list carries it. Times are RFC 3339 text. */
export interface TrustListKey {
  /** RFC 7638 thumbprint of `jwk`. */
  readonly kid: string;
  readonly jwk: PublicJwk;
  readonly validFrom: string;
  /** End of validity (exclusive); absent when the key does not expire. */
  readonly validUntil?: string;
  readonly status: KeyStatus;
  readonly revokedAt?: string;
  readonly revocationReason?: RevocationReason;
}

/** A member and its keys, as the trust list carries them. */
export interface TrustListMember {
  readonly id: string;
  readonly name: string;
  readonly kind: MemberKind;
  readonly status: MemberStatus;
  readonly keys: readonly TrustListKey[];
}

/**
 * The member registry as the gateway publishes it (KV `ATC_TRUST`, key `trustlist`), so
 * that node agents verify each other's messages without asking the centre.
 */
export interface TrustList {
  /** The registry version it was built from; grows with every registry change. */
  readonly version: number;
  /** When the gateway signed it (RFC 3339). */
  readonly issuedAt: string;
  /** The gateway that signed it and its key, which agents pin. */
  readonly gateway: { readonly id: string; readonly kid: string; readonly jwk: PublicJwk };
  readonly members: readonly TrustListMember[];
  /**
   * The gateway's key rotations (base64 of the archived KeyEvent envelopes about its own keys,
   * in log order): each new key is announced in an entry signed by the key before it, so an
   * agent that pinned an earlier key follows to the key that signs this list. Absent before
   * the first rotation.
   */
  readonly gatewayRotations?: readonly string[];
}

/** The most rotation entries a trust list carries. */
const MAX_ROTATION_ENTRIES = 256;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const ALLOWED_HEADER_PARAMS = new Set(['alg', 'kid', 'typ']);
const RFC3339 = new RegExp(RFC3339_PATTERN);

function invalid(detail: string, cause?: unknown): never {
  throw new AtcError(
    ErrorCode.TRUST_LIST_INVALID,
    `the trust list ${detail}. Do not use it: fetch it again from the gateway, and if this persists check that the pinned gateway key is the centre's current one.`,
    cause === undefined ? {} : { cause },
  );
}

/**
 * Signs `list` as a compact JWS with its JSON as the (attached) payload and the protected
 * header `{"alg":"EdDSA","kid":<signer kid>,"typ":"atc-trustlist+json"}`.
 *
 * @throws AtcError TRUST_LIST_INVALID when the list is not one `verifyTrustList` would
 *   accept, or names another gateway key than the signer's.
 */
export function signTrustList(list: TrustList, signer: Signer): string {
  // Serialize the checked copy: it holds only known fields, so no private `d` can slip in.
  const checked = parseTrustList(list);
  if (checked.gateway.kid !== signer.kid) {
    invalid(`names gateway key ${checked.gateway.kid} but would be signed with key ${signer.kid}`);
  }
  const header = JSON.stringify({ alg: JWS_ALGORITHM, kid: signer.kid, typ: TRUST_LIST_TYPE });
  const payload = JSON.stringify(checked);
  const input = `${Buffer.from(header).toString('base64url')}.${Buffer.from(payload).toString('base64url')}`;
  const signature = ed25519Sign(null, Buffer.from(input, 'ascii'), signer.privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

/**
 * Verifies a signed trust list against the gateway key the agent pinned and returns its
 * content, checked field by field. Only `EdDSA` is accepted; the `kid` must be the pinned
 * key's thumbprint and `typ` must be `atc-trustlist+json`.
 *
 * @throws AtcError TRUST_LIST_INVALID for any list that is not signed by the pinned key
 *   or not well formed; KEY_INVALID when `pinnedGatewayKey` is not an Ed25519 public JWK.
 */
export async function verifyTrustList(jws: string, pinnedGatewayKey: PublicJwk): Promise<TrustList> {
  const pinnedKid = jwkThumbprint(toPublicJwk(pinnedGatewayKey));
  const parts = typeof jws === 'string' ? jws.split('.') : [];
  if (parts.length !== 3 || parts[1] === '') invalid('is not a compact JWS with an attached payload');
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(jws);
  } catch (e) {
    invalid('has a protected header that is not base64url-encoded JSON', e);
  }
  if (header['alg'] !== JWS_ALGORITHM) {
    invalid(`is signed with algorithm ${JSON.stringify(header['alg'] ?? null)}; only ${JWS_ALGORITHM} is accepted`);
  }
  const extra = Object.keys(header).filter((k) => !ALLOWED_HEADER_PARAMS.has(k));
  if (extra.length > 0) invalid(`has protected header parameters that are not allowed: ${extra.join(', ')}`);
  if (header['typ'] !== TRUST_LIST_TYPE) {
    invalid(`has typ ${JSON.stringify(header['typ'] ?? null)}, expected "${TRUST_LIST_TYPE}"`);
  }
  if (header['kid'] !== pinnedKid) {
    invalid(
      `is signed with key ${JSON.stringify(header['kid'] ?? null)}, not with the pinned gateway key ${pinnedKid}`,
    );
  }
  // The signature is not covered by itself: only its one canonical spelling is taken, so that
  // no other text (the unused low bits of its last character changed) verifies as the same list.
  const signature = parts[2]!;
  if (!isCanonicalBase64url(signature) || Buffer.from(signature, 'base64url').length !== SIGNATURE_BYTES) {
    invalid(`has a signature that is not the unpadded base64url of ${SIGNATURE_BYTES} bytes, written canonically`);
  }
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, publicKeyFromJwk(pinnedGatewayKey), {
      algorithms: [JWS_ALGORITHM],
      crit: {},
    }));
  } catch (e) {
    invalid(`signature does not verify with the pinned gateway key ${pinnedKid}`, e);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (e) {
    invalid('payload is not UTF-8 JSON', e);
  }
  const list = parseTrustList(json);
  if (list.gateway.kid !== pinnedKid) invalid(`names gateway key ${list.gateway.kid}, not the key that signed it`);
  return list;
}

/** Checks the shape of a trust list and returns it with only the known fields. */
function parseTrustList(value: unknown): TrustList {
  const root = object(value, 'payload');
  const version = root['version'];
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    invalid('has a "version" that is not a non-negative integer');
  }
  const gatewayField = object(root['gateway'], 'gateway');
  const gateway = {
    id: memberId(gatewayField['id'], 'gateway.id'),
    kid: text(gatewayField['kid'], 'gateway.kid'),
    jwk: jwk(gatewayField['jwk'], 'gateway.jwk'),
  };
  if (gateway.jwk.kid !== gateway.kid) invalid('has a gateway.kid that is not the thumbprint of gateway.jwk');
  const membersField = root['members'];
  if (!Array.isArray(membersField)) invalid('has no "members" list');
  const memberIds = new Set<string>();
  const kids = new Set<string>();
  const members = membersField.map((m: unknown, i) => {
    const member = parseMember(m, `members[${i}]`);
    if (memberIds.has(member.id)) invalid(`lists member ${member.id} twice`);
    memberIds.add(member.id);
    for (const key of member.keys) {
      if (kids.has(key.kid)) invalid(`lists key ${key.kid} twice`);
      kids.add(key.kid);
    }
    return member;
  });
  const issuedAt = time(root['issuedAt'], 'issuedAt');
  const rotations = root['gatewayRotations'];
  if (rotations === undefined) return { version, issuedAt, gateway, members };
  if (
    !Array.isArray(rotations) ||
    rotations.length > MAX_ROTATION_ENTRIES ||
    !rotations.every((r: unknown) => typeof r === 'string' && r.length % 4 === 0 && BASE64.test(r))
  ) {
    invalid(`has a "gatewayRotations" that is not a list of at most ${MAX_ROTATION_ENTRIES} base64 texts`);
  }
  return { version, issuedAt, gateway, members, gatewayRotations: rotations as string[] };
}

/**
 * The rotation entries of a signed trust list read WITHOUT verifying the list: each entry is
 * itself a signed envelope, checked by the caller against the key it already trusts before
 * anything in it is used. Empty when the list carries none or cannot be read.
 */
export function unverifiedGatewayRotations(jws: string): { kid: string | undefined; rotations: string[] } {
  try {
    const header = decodeProtectedHeader(jws);
    const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown;
    const rotations =
      payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>)['gatewayRotations'] : [];
    return {
      kid: typeof header.kid === 'string' ? header.kid : undefined,
      rotations: Array.isArray(rotations)
        ? rotations.filter((r): r is string => typeof r === 'string').slice(0, MAX_ROTATION_ENTRIES)
        : [],
    };
  } catch {
    return { kid: undefined, rotations: [] };
  }
}

function parseMember(value: unknown, path: string): TrustListMember {
  const m = object(value, path);
  const kind = m['kind'];
  if (!isOneOf(MemberKind, kind))
    invalid(`has a ${path}.kind that is not one of ${Object.values(MemberKind).join(', ')}`);
  const status = m['status'];
  if (!isOneOf(MemberStatus, status)) {
    invalid(`has a ${path}.status that is not one of ${Object.values(MemberStatus).join(', ')}`);
  }
  const keys = m['keys'];
  if (!Array.isArray(keys)) invalid(`has no ${path}.keys list`);
  return {
    id: memberId(m['id'], `${path}.id`),
    name: text(m['name'], `${path}.name`),
    kind,
    status,
    keys: keys.map((k: unknown, i) => parseKey(k, `${path}.keys[${i}]`)),
  };
}

function parseKey(value: unknown, path: string): TrustListKey {
  const k = object(value, path);
  const key = jwk(k['jwk'], `${path}.jwk`);
  const kid = text(k['kid'], `${path}.kid`);
  if (key.kid !== kid) invalid(`has a ${path}.kid that is not the thumbprint of its jwk`);
  const status = k['status'];
  if (!isOneOf(KeyStatus, status))
    invalid(`has a ${path}.status that is not one of ${Object.values(KeyStatus).join(', ')}`);
  const revoked = status === KeyStatus.REVOKED;
  if (revoked !== (k['revokedAt'] !== undefined) || revoked !== (k['revocationReason'] !== undefined)) {
    invalid(`has a ${path} whose status disagrees with its revokedAt and revocationReason`);
  }
  const reason = k['revocationReason'];
  if (reason !== undefined && !isOneOf(RevocationReason, reason)) {
    invalid(`has a ${path}.revocationReason that is not one of ${Object.values(RevocationReason).join(', ')}`);
  }
  return {
    kid,
    jwk: key,
    validFrom: time(k['validFrom'], `${path}.validFrom`),
    ...(k['validUntil'] === undefined ? {} : { validUntil: time(k['validUntil'], `${path}.validUntil`) }),
    status,
    ...(k['revokedAt'] === undefined ? {} : { revokedAt: time(k['revokedAt'], `${path}.revokedAt`) }),
    ...(reason === undefined ? {} : { revocationReason: reason }),
  };
}

/** Unpadded base64url in the one spelling that decoding then encoding gives back. */
function isCanonicalBase64url(text: string): boolean {
  return /^[A-Za-z0-9_-]*$/.test(text) && Buffer.from(text, 'base64url').toString('base64url') === text;
}

function object(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalid(`has a ${path} that is not an object`);
  return value as Record<string, unknown>;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') invalid(`has a ${path} that is not a non-empty string`);
  return value;
}

function memberId(value: unknown, path: string): string {
  if (typeof value !== 'string' || !isMemberId(value)) invalid(`has a ${path} that is not a member id`);
  return value;
}

function time(value: unknown, path: string): string {
  if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    invalid(`has a ${path} that is not an RFC 3339 time`);
  }
  return value;
}

function jwk(value: unknown, path: string): PublicJwk {
  try {
    return toPublicJwk(value);
  } catch (e) {
    invalid(`has a ${path} that is not an Ed25519 public JWK`, e);
  }
}
