import { createHmac } from 'node:crypto';
import { encodeEnvelope, envelopeParts } from '../codec/decode-envelope.js';
import { RefusalCode } from '../errors/refusal-codes.js';
import type { PublicJwk } from '../keys/ed25519-jwk.js';
import type { KeyPair } from '../keys/key-pair.js';
import { atc } from '../proto/protobuf.js';
import { encodePayloadBytes, payloadTypes, type PayloadType } from '../proto/payload-types.js';
import { protectedHeader, signingInput } from '../signing/detached-jws.js';
import { signEnvelope, signHeaderBytes } from '../signing/sign-envelope.js';
import { fixtureKey, fixtureMessageId, fixtureRequest, fixtureRoute } from './fixtures.js';
import { nonCanonicalHeaderSpellings, signWithProtectedHeader } from './header-spellings.js';
import { sha256 } from '../util/sha256.js';

/** One interop test vector (DESIGN.md section 8). */
export interface EnvelopeVector {
  readonly name: string;
  /** The sender's public key: the only key the verifier knows, owned by header.sender. */
  readonly public_jwk: PublicJwk;
  readonly envelope_hex: string;
  /** `valid`, or the refusal code the gateway gives. */
  readonly expect: 'valid' | RefusalCode;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const b64url = (s: string): string => Buffer.from(s).toString('base64url');

function signerOf(type: PayloadType): KeyPair {
  return fixtureKey(fixtureRoute(type).sender);
}

/** A well-formed, correctly signed envelope built from raw header properties and payload bytes. */
function craft(
  key: KeyPair,
  header: atc.v1.Header.$Properties,
  payload: Uint8Array,
  signature?: (headerBytes: Uint8Array) => string,
): Uint8Array {
  const headerBytes = atc.v1.Header.encode(header).finish();
  const sig = signature === undefined ? signHeaderBytes(key, headerBytes) : signature(headerBytes);
  return encodeEnvelope({ header: headerBytes, payload, signature: sig });
}

/** The header properties and payload bytes of fixture message `n` of a PersonRecord. */
function personParts(n: number): { header: atc.v1.Header.$Properties; payload: Uint8Array } {
  const signed = signEnvelope(fixtureKey('KZ'), fixtureRequest('atc.v1.PersonRecord', n));
  return {
    header: atc.v1.Header.toObject(signed.header, { defaults: false }),
    payload: signed.payloadBytes,
  };
}

function tamper(bytes: Uint8Array, at: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

/**
 * Builds the interop vectors from fixed keys and fixed inputs. Ed25519 signatures are
 * deterministic, so the result is the same on every run; a test compares it with the
 * committed proto/vectors/envelopes.json.
 */
export function buildVectors(): EnvelopeVector[] {
  const vectors: EnvelopeVector[] = [];
  const kz = fixtureKey('KZ');
  const by = fixtureKey('BY');
  const add = (name: string, key: KeyPair, bytes: Uint8Array, expect: EnvelopeVector['expect']): void => {
    vectors.push({ name, public_jwk: key.publicJwk, envelope_hex: hex(bytes), expect });
  };

  payloadTypes.forEach((type, i) => {
    const signed = signEnvelope(signerOf(type), fixtureRequest(type, i + 1));
    add(`valid ${type.slice('atc.v1.'.length)}`, signerOf(type), signed.bytes, 'valid');
  });

  const base = signEnvelope(kz, fixtureRequest('atc.v1.PersonRecord', 100));
  const envelope = atc.v1.Envelope.decode(base.bytes);
  // Flip a bit inside header.purpose (text stays valid UTF-8, the structure intact).
  const purposeAt = Buffer.from(base.headerBytes).indexOf('Counter-terrorism');
  const headerTampered = tamper(base.headerBytes, purposeAt);
  add(
    'tampered header byte',
    kz,
    encodeEnvelope({ ...envelopeParts(envelope), header: headerTampered }),
    RefusalCode.SIGNATURE_INVALID,
  );
  add(
    'tampered payload byte',
    kz,
    encodeEnvelope({ ...envelopeParts(envelope), payload: tamper(base.payloadBytes, base.payloadBytes.length - 2) }),
    RefusalCode.PAYLOAD_DIGEST_MISMATCH,
  );

  const { header, payload } = personParts(101);
  add(
    "signed by another member's key under the sender's kid",
    kz,
    craft(kz, header, payload, (h) => {
      const protectedB64 = protectedHeader(kz.kid);
      const forged = signHeaderBytes({ kid: kz.kid, privateKey: by.privateKey }, h).split('..')[1]!;
      return `${protectedB64}..${forged}`;
    }),
    RefusalCode.SIGNATURE_INVALID,
  );
  add("signed with another member's key and kid", kz, craft(by, header, payload), RefusalCode.KEY_UNKNOWN);
  add(
    'alg HS256',
    kz,
    craft(kz, header, payload, (h) => {
      const p = b64url(JSON.stringify({ alg: 'HS256', kid: kz.kid, typ: 'atc+protobuf' }));
      const mac = createHmac('sha256', 'not-a-secret').update(signingInput(p, h)).digest('base64url');
      return `${p}..${mac}`;
    }),
    RefusalCode.SIGNATURE_ALGORITHM_NOT_ALLOWED,
  );
  add(
    'alg none',
    kz,
    craft(kz, header, payload, () => `${b64url(JSON.stringify({ alg: 'none', kid: kz.kid, typ: 'atc+protobuf' }))}..`),
    RefusalCode.SIGNATURE_ALGORITHM_NOT_ALLOWED,
  );
  add(
    'JWS not detached',
    kz,
    craft(kz, header, payload, (h) => {
      const [p, s] = signHeaderBytes(kz, h).split('..') as [string, string];
      return `${p}.${Buffer.from(h).toString('base64url')}.${s}`;
    }),
    RefusalCode.SIGNATURE_NOT_DETACHED,
  );
  add(
    'truncated signature',
    kz,
    craft(kz, header, payload, (h) => signHeaderBytes(kz, h).slice(0, -4)),
    RefusalCode.SIGNATURE_MALFORMED,
  );
  // Correctly signed, but the protected header is not the canonical bytes: a parser that
  // keeps the last (or the first) of two keys would read it, so it is refused as it is spelled.
  for (const spelling of nonCanonicalHeaderSpellings(kz.kid, by.kid)) {
    add(
      `protected header with ${spelling.name}`,
      kz,
      craft(kz, header, payload, (h) => signWithProtectedHeader(kz, spelling.json, h)),
      spelling.expect,
    );
  }
  add(
    'unknown payload type',
    kz,
    craft(kz, { ...header, payloadType: 'atc.v1.SecretRecord' }, payload),
    RefusalCode.PAYLOAD_TYPE_UNKNOWN,
  );
  const other = personParts(102).payload;
  add(
    'payload digest mismatch (signed digest of another payload)',
    kz,
    craft(kz, { ...header, payloadSha256: sha256(other) }, payload),
    RefusalCode.PAYLOAD_DIGEST_MISMATCH,
  );
  const noNames = encodePayloadBytes('atc.v1.PersonRecord', {
    nonce: new Uint8Array(16),
    recordId: 'KZ-P-0002',
    version: 1,
    category: atc.v1.PersonCategory.PERSON_CATEGORY_SUSPECT,
  });
  add(
    'payload without required names',
    kz,
    craft(kz, { ...header, payloadSha256: sha256(noNames) }, noNames),
    RefusalCode.PAYLOAD_MALFORMED,
  );
  // One more document than a record may list (MAX_LIST_ENTRIES): the data bank derives keys from each.
  const tooManyDocuments = encodePayloadBytes('atc.v1.PersonRecord', {
    nonce: new Uint8Array(16),
    recordId: 'KZ-P-0003',
    version: 1,
    category: atc.v1.PersonCategory.PERSON_CATEGORY_SUSPECT,
    names: [{ script: 'Latn', parts: [{ type: atc.v1.NamePartType.NAME_PART_TYPE_FAMILY, value: 'Testov' }] }],
    documents: Array.from({ length: 101 }, (_, i) => ({
      type: atc.v1.DocumentType.DOCUMENT_TYPE_PASSPORT,
      number: `TEST${String(i).padStart(4, '0')}`,
      issuingCountry: 'KZ',
    })),
  });
  add(
    'payload listing 101 documents, one more than a record may',
    kz,
    craft(kz, { ...header, payloadSha256: sha256(tooManyDocuments) }, tooManyDocuments),
    RefusalCode.PAYLOAD_MALFORMED,
  );
  // A second `sender` field appended to signed header bytes: "last one wins" would read BY.
  const dupHeader = Buffer.concat([atc.v1.Header.encode(header).finish(), Buffer.from([0x1a, 0x02, 0x42, 0x59])]);
  add(
    'header with a duplicated sender field',
    kz,
    encodeEnvelope({ header: dupHeader, payload, signature: signHeaderBytes(kz, dupHeader) }),
    RefusalCode.FIELD_DUPLICATED,
  );
  const badUtf8 = Buffer.concat([
    atc.v1.Header.encode({ ...header, correlationId: '' }).finish(),
    Buffer.from([0x72, 0x02, 0xc3, 0x28]),
  ]);
  add(
    'header text that is not UTF-8',
    kz,
    encodeEnvelope({ header: badUtf8, payload, signature: signHeaderBytes(kz, badUtf8) }),
    RefusalCode.UTF8_INVALID,
  );
  add('malformed sender id', kz, craft(kz, { ...header, sender: 'kz' }, payload), RefusalCode.MEMBER_ID_INVALID);
  const { createdAt: _omitted, ...noCreatedAt } = header;
  add('missing created_at', kz, craft(kz, noCreatedAt, payload), RefusalCode.HEADER_FIELD_MISSING);
  const good = craft(kz, header, payload);
  add(
    'envelope with an unsigned extra field',
    kz,
    Buffer.concat([good, Buffer.from([0x20, 0x01])]),
    RefusalCode.ENVELOPE_MALFORMED,
  );
  add(
    'envelope fields out of order',
    kz,
    Buffer.concat([
      Buffer.from(atc.v1.Envelope.encode({ payload }).finish()),
      Buffer.from(
        atc.v1.Envelope.encode({
          header: atc.v1.Envelope.decode(good).header,
          signature: atc.v1.Envelope.decode(good).signature,
        }).finish(),
      ),
    ]),
    RefusalCode.ENVELOPE_NOT_CANONICAL,
  );
  add('empty input', kz, new Uint8Array(0), RefusalCode.ENVELOPE_EMPTY);

  // Ownership and references the envelope alone decides (checked after the signature).
  const withdrawal = fixtureRequest('atc.v1.RecordWithdrawal', 110);
  add(
    "withdrawal of another member's record",
    kz,
    signEnvelope(kz, {
      ...withdrawal,
      payload: { ...withdrawal.payload, target: { originator: 'BY', recordId: 'BY-P-0001', version: 0 } },
    }).bytes,
    RefusalCode.NOT_ORIGINATOR,
  );
  const ack = fixtureRequest('atc.v1.DeliveryAck', 111);
  add(
    'DeliveryAck whose in_reply_to is not the acknowledged message',
    kz,
    signEnvelope(kz, { ...ack, header: { ...ack.header, sender: 'KZ', inReplyTo: fixtureMessageId(2) } }).bytes,
    RefusalCode.REFERENCE_MISMATCH,
  );
  const response = fixtureRequest('atc.v1.InformationResponse', 112);
  const { inReplyTo: _none, ...unanswered } = response.header;
  add(
    'InformationResponse that names no request',
    kz,
    signEnvelope(kz, { ...response, header: { ...unanswered, sender: 'KZ', recipients: ['BY'] } }).bytes,
    RefusalCode.REFERENCE_UNKNOWN,
  );
  // Sent as KZ, like every refused vector, so that a gateway test can submit them all on one
  // member's subject.
  const purgeRequest = fixtureRequest('atc.v1.PurgeAck', 113);
  const purge = { ...purgeRequest, header: { ...purgeRequest.header, sender: 'KZ' } };
  add(
    'PurgeAck whose in_reply_to is not the withdrawal it answers',
    kz,
    signEnvelope(kz, { ...purge, header: { ...purge.header, inReplyTo: fixtureMessageId(2) } }).bytes,
    RefusalCode.REFERENCE_MISMATCH,
  );
  const purgeHeader = atc.v1.Header.toObject(signEnvelope(kz, purge).header, { defaults: false });
  const badPurge = (payload: Partial<atc.v1.PurgeAck.$Properties>): Uint8Array => {
    const bytes = encodePayloadBytes('atc.v1.PurgeAck', { ...purge.payload, ...payload });
    return craft(kz, { ...purgeHeader, payloadSha256: sha256(bytes) }, bytes);
  };
  add('PurgeAck with versions out of order', kz, badPurge({ versions: [2, 1] }), RefusalCode.PAYLOAD_MALFORMED);
  add('PurgeAck that names no version', kz, badPurge({ versions: [] }), RefusalCode.PAYLOAD_MALFORMED);
  add('PurgeAck without erased_at', kz, badPurge({ erasedAt: null }), RefusalCode.PAYLOAD_MALFORMED);
  return vectors;
}

/** The vectors file's text, as committed. */
export function renderVectors(vectors: readonly EnvelopeVector[]): string {
  return `${JSON.stringify(vectors, null, 2)}\n`;
}
