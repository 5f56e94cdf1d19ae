import { sign as ed25519Sign } from 'node:crypto';
import { RefusalCode } from '../errors/refusal-codes.js';
import type { Signer } from '../signing/sign-envelope.js';
import { signingInput } from '../signing/detached-jws.js';

/** A protected header spelled otherwise than the canonical bytes, and how it is refused. */
export interface HeaderSpelling {
  /** What is different, for test and vector names. */
  readonly name: string;
  /** The protected header's exact text. */
  readonly json: string;
  readonly expect: RefusalCode;
}

/**
 * Spellings of the protected header that a lenient JSON parser reads as the canonical
 * `{"alg":"EdDSA","kid":KID,"typ":"atc+protobuf"}` (or that a parser keeping the first of
 * two keys reads as something else). Each must be refused with ERR_SIGNATURE_MALFORMED
 * however well it is signed: the header is compared byte for byte.
 */
export function nonCanonicalHeaderSpellings(kid: string, otherKid: string): HeaderSpelling[] {
  const k = JSON.stringify(kid);
  const typ = '"typ":"atc+protobuf"';
  const spellings: [string, string][] = [
    ['a duplicated alg (HS256, then EdDSA)', `{"alg":"HS256","alg":"EdDSA","kid":${k},${typ}}`],
    [
      'a duplicated kid (another key, then the signer)',
      `{"alg":"EdDSA","kid":${JSON.stringify(otherKid)},"kid":${k},${typ}}`,
    ],
    ['the same alg twice', `{"alg":"EdDSA","alg":"EdDSA","kid":${k},${typ}}`],
    ['reordered parameters', `{"kid":${k},"alg":"EdDSA",${typ}}`],
    ['whitespace', `{"alg": "EdDSA", "kid": ${k}, "typ": "atc+protobuf"}`],
    ['a trailing newline', `{"alg":"EdDSA","kid":${k},${typ}}\n`],
    ['an escaped parameter name (\\u0061lg)', `{"\\u0061lg":"EdDSA","kid":${k},${typ}}`],
    ['an escaped character in typ (\\u002b)', `{"alg":"EdDSA","kid":${k},"typ":"atc\\u002bprotobuf"}`],
  ];
  return spellings.map(([name, json]) => ({ name, json, expect: RefusalCode.SIGNATURE_MALFORMED }));
}

/**
 * A detached JWS over `headerBytes` with the protected header spelled exactly as `json`,
 * correctly signed: only the spelling is wrong.
 */
export function signWithProtectedHeader(signer: Signer, json: string, headerBytes: Uint8Array): string {
  const protectedB64 = Buffer.from(json).toString('base64url');
  const signature = ed25519Sign(null, signingInput(protectedB64, headerBytes), signer.privateKey);
  return `${protectedB64}..${signature.toString('base64url')}`;
}
