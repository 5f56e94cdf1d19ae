import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { atc, encodeEnvelope, envelopeParts, RefusalError, signEnvelope, signHeaderBytes } from '../index.js';
import { decodeEnvelope } from './decode-envelope.js';
import { fixtureKey, fixtureRequest } from '../testing/index.js';

const kz = fixtureKey('KZ');
const good = signEnvelope(kz, fixtureRequest('atc.v1.PersonRecord', 1));
const goodHeader = atc.v1.Header.toObject(good.header) as atc.v1.Header.$Properties;

function codeOf(bytes: Uint8Array, maxBytes?: number): string {
  try {
    decodeEnvelope(bytes, maxBytes === undefined ? {} : { maxBytes });
  } catch (e) {
    expect(e).toBeInstanceOf(RefusalError);
    return (e as RefusalError).code;
  }
  return 'decoded';
}

/** An envelope with the given header bytes, correctly signed, so only the header rules decide. */
function withHeaderBytes(headerBytes: Uint8Array): Uint8Array {
  return encodeEnvelope({
    header: headerBytes,
    payload: good.payloadBytes,
    signature: signHeaderBytes(kz, headerBytes),
  });
}

function withHeader(props: atc.v1.Header.$Properties): Uint8Array {
  return withHeaderBytes(atc.v1.Header.encode(props).finish());
}

describe('decodeEnvelope', () => {
  it('decodes a valid envelope', () => {
    expect(codeOf(good.bytes)).toBe('decoded');
  });

  it.each([
    ['empty input', new Uint8Array(0), 'ERR_ENVELOPE_EMPTY'],
    ['JSON instead of protobuf', Buffer.from('{"header":"x","payload":"y","signature":"z"}'), 'ERR_ENVELOPE_MALFORMED'],
    ['plain text', Buffer.from('hello, gateway'), 'ERR_ENVELOPE_MALFORMED'],
    ['truncated protobuf', good.bytes.subarray(0, good.bytes.length - 10), 'ERR_ENVELOPE_MALFORMED'],
    ['truncated inside the header', good.bytes.subarray(0, 40), 'ERR_ENVELOPE_MALFORMED'],
  ])('refuses %s', (_name, bytes, code) => {
    expect(codeOf(bytes)).toBe(code);
  });

  it('refuses random bytes, every time, with a refusal code', () => {
    for (let i = 0; i < 500; i++) {
      expect(codeOf(randomBytes(1 + (i % 300)))).toMatch(/^ERR_/);
    }
    // A fixed sample keeps the common case pinned to one code.
    expect(codeOf(Buffer.from('9f3c0e1aa7d2b8e44105ff7a', 'hex'))).toBe('ERR_ENVELOPE_MALFORMED');
  });

  it('refuses oversize input before reading it', () => {
    expect(codeOf(new Uint8Array(2 * 1024 * 1024))).toBe('ERR_ENVELOPE_TOO_LARGE');
    expect(codeOf(good.bytes, good.bytes.length - 1)).toBe('ERR_ENVELOPE_TOO_LARGE');
    expect(codeOf(good.bytes, good.bytes.length)).toBe('decoded');
  });

  it('refuses an envelope that is not in canonical form', () => {
    const env = atc.v1.Envelope.decode(good.bytes);
    const reordered = Buffer.concat([
      atc.v1.Envelope.encode({ signature: env.signature }).finish(),
      atc.v1.Envelope.encode({ header: env.header, payload: env.payload }).finish(),
    ]);
    expect(codeOf(reordered)).toBe('ERR_ENVELOPE_NOT_CANONICAL');
    // A field repeated: a second copy of the payload.
    const repeated = Buffer.concat([good.bytes, atc.v1.Envelope.encode({ payload: env.payload }).finish()]);
    expect(codeOf(repeated)).toBe('ERR_ENVELOPE_NOT_CANONICAL');
  });

  it('refuses an unsigned extra field in the envelope', () => {
    expect(codeOf(Buffer.concat([good.bytes, Buffer.from([0x20, 0x01])]))).toBe('ERR_ENVELOPE_MALFORMED');
  });

  it('refuses an envelope without header', () => {
    const env = atc.v1.Envelope.decode(good.bytes);
    expect(codeOf(encodeEnvelope({ ...envelopeParts(env), header: new Uint8Array(0) }))).toBe(
      'ERR_HEADER_FIELD_MISSING',
    );
  });

  it('refuses header bytes that are not a Header', () => {
    expect(codeOf(withHeaderBytes(Buffer.from([0x0a, 0x05, 0x01])))).toBe('ERR_HEADER_MALFORMED');
    // sender (a string) sent as a varint
    expect(
      codeOf(withHeaderBytes(Buffer.concat([atc.v1.Header.encode(goodHeader).finish(), Buffer.from([0x18, 0x01])]))),
    ).toBe('ERR_HEADER_MALFORMED');
  });

  it('refuses a duplicated non-repeated field that would change the sender', () => {
    const dup = Buffer.concat([atc.v1.Header.encode(goodHeader).finish(), Buffer.from([0x1a, 0x02, 0x42, 0x59])]);
    // protobuf itself would read the last value:
    expect(atc.v1.Header.decode(dup).sender).toBe('BY');
    const e = (() => {
      try {
        decodeEnvelope(withHeaderBytes(dup));
      } catch (err) {
        return err as RefusalError;
      }
      throw new Error('accepted');
    })();
    expect(e.code).toBe('ERR_FIELD_DUPLICATED');
    expect(e.field).toBe('Header.sender');
  });

  it('refuses a duplicated field inside a nested message', () => {
    const handling = atc.v1.Handling.encode({ tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER }).finish();
    const twice = Buffer.concat([handling, Buffer.from([0x08, 0x01])]);
    const { handling: _h, ...rest } = goodHeader;
    const bytes = Buffer.concat([atc.v1.Header.encode(rest).finish(), Buffer.from([0x4a, twice.length]), twice]);
    expect(codeOf(withHeaderBytes(bytes))).toBe('ERR_FIELD_DUPLICATED');
  });

  it('refuses invalid UTF-8', () => {
    const bytes = Buffer.concat([
      atc.v1.Header.encode({ ...goodHeader, purpose: '' }).finish(),
      Buffer.from([0x52, 0x03, 0x41, 0xff, 0x42]),
    ]);
    expect(codeOf(withHeaderBytes(bytes))).toBe('ERR_UTF8_INVALID');
  });

  it('keeps unknown header fields in the bytes without refusing them', () => {
    const bytes = Buffer.concat([atc.v1.Header.encode(goodHeader).finish(), Buffer.from([0xa0, 0x06, 0x05])]);
    expect(codeOf(withHeaderBytes(bytes))).toBe('decoded');
  });

  it.each([
    ['messageId', { messageId: '' }, 'ERR_HEADER_FIELD_MISSING'],
    ['sender', { sender: '' }, 'ERR_HEADER_FIELD_MISSING'],
    ['createdAt', { createdAt: null }, 'ERR_HEADER_FIELD_MISSING'],
    ['protocol', { protocol: 0 }, 'ERR_HEADER_FIELD_MISSING'],
    ['handling', { handling: null }, 'ERR_HEADER_FIELD_MISSING'],
    ['handling.tlp', { handling: { tlp: 0 } }, 'ERR_HEADER_FIELD_MISSING'],
    ['urgency', { urgency: 0 }, 'ERR_HEADER_FIELD_MISSING'],
    ['recipients', { recipients: [] }, 'ERR_HEADER_FIELD_MISSING'],
    ['purpose', { purpose: '' }, 'ERR_HEADER_FIELD_MISSING'],
    ['legalBasis', { legalBasis: ' ' }, 'ERR_HEADER_FIELD_MISSING'],
    ['senderSequence', { senderSequence: 0 }, 'ERR_HEADER_FIELD_MISSING'],
    ['payloadSha256', { payloadSha256: new Uint8Array(0) }, 'ERR_HEADER_FIELD_MISSING'],
  ] as const)('refuses a header without %s', (_f, change, code) => {
    expect(codeOf(withHeader({ ...goodHeader, ...change } as atc.v1.Header.$Properties))).toBe(code);
  });

  it.each([
    ['a lowercase sender', { sender: 'kz' }, 'ERR_MEMBER_ID_INVALID'],
    ['a one-letter sender', { sender: 'K' }, 'ERR_MEMBER_ID_INVALID'],
    ['a malformed recipient', { recipients: ['BY', 'b-y'] }, 'ERR_MEMBER_ID_INVALID'],
    ['a UUIDv4 message id', { messageId: '3b241101-e2bb-4255-8caf-4136c566a962' }, 'ERR_MESSAGE_ID_INVALID'],
    ['an uppercase UUIDv7', { messageId: good.messageId.toUpperCase() }, 'ERR_MESSAGE_ID_INVALID'],
    ['a malformed in_reply_to', { inReplyTo: 'abc' }, 'ERR_MESSAGE_ID_INVALID'],
    ['protocol 2', { protocol: 2 }, 'ERR_PROTOCOL_UNSUPPORTED'],
    ['an unknown payload type', { payloadType: 'atc.v1.Unknown' }, 'ERR_PAYLOAD_TYPE_UNKNOWN'],
    ['a short digest', { payloadSha256: new Uint8Array(16) }, 'ERR_HEADER_FIELD_INVALID'],
    ['a recipient twice', { recipients: ['BY', 'BY'] }, 'ERR_HEADER_FIELD_INVALID'],
    ['the sender as recipient', { recipients: ['KZ'] }, 'ERR_HEADER_FIELD_INVALID'],
    ['broadcast with recipients', { broadcast: true }, 'ERR_HEADER_FIELD_INVALID'],
    ['an unknown TLP level', { handling: { tlp: 9 } }, 'ERR_HEADER_FIELD_INVALID'],
    ['an unknown urgency', { urgency: 7 }, 'ERR_HEADER_FIELD_INVALID'],
    ['nanos out of range', { createdAt: { seconds: 1, nanos: 1_000_000_000 } }, 'ERR_HEADER_FIELD_INVALID'],
    ['a purpose too long', { purpose: 'x'.repeat(1001) }, 'ERR_HEADER_FIELD_INVALID'],
  ] as const)('refuses %s', (_name, change, code) => {
    expect(codeOf(withHeader({ ...goodHeader, ...change } as atc.v1.Header.$Properties))).toBe(code);
  });

  it('refuses malformed signatures with their own codes', () => {
    const headerBytes = atc.v1.Header.encode(goodHeader).finish();
    const sig = signHeaderBytes(kz, headerBytes);
    const env = (signature: string): Uint8Array =>
      encodeEnvelope({ header: headerBytes, payload: good.payloadBytes, signature });
    const [p, s] = sig.split('..') as [string, string];
    const jsonB64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    expect(codeOf(env(''))).toBe('ERR_SIGNATURE_MALFORMED');
    expect(codeOf(env('abc'))).toBe('ERR_SIGNATURE_MALFORMED');
    expect(codeOf(env(`${p}.${s}`))).toBe('ERR_SIGNATURE_MALFORMED');
    expect(codeOf(env(`!!..${s}`))).toBe('ERR_SIGNATURE_MALFORMED');
    expect(codeOf(env(`${jsonB64({ alg: 'ES256', kid: kz.kid, typ: 'atc+protobuf' })}..${s}`))).toBe(
      'ERR_SIGNATURE_ALGORITHM_NOT_ALLOWED',
    );
    expect(codeOf(env(`${jsonB64({ alg: 'EdDSA', kid: kz.kid, typ: 'JWT' })}..${s}`))).toBe('ERR_SIGNATURE_MALFORMED');
    expect(
      codeOf(env(`${jsonB64({ alg: 'EdDSA', kid: kz.kid, typ: 'atc+protobuf', crit: ['b64'], b64: false })}..${s}`)),
    ).toBe('ERR_SIGNATURE_MALFORMED');
    expect(codeOf(env(`${jsonB64({ alg: 'EdDSA', typ: 'atc+protobuf' })}..${s}`))).toBe('ERR_SIGNATURE_MALFORMED');
    expect(codeOf(env(`${p}..${s.slice(0, 40)}`))).toBe('ERR_SIGNATURE_MALFORMED');
  });
});
