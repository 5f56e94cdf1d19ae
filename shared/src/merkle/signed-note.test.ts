import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AtcError,
  cosignCheckpoint,
  openCheckpoint,
  parseNote,
  signCheckpoint,
  verifyCosignature,
  type Checkpoint,
} from '../index.js';
import { keyPairFromSeed } from '../keys/key-pair.js';
import { formatCheckpoint, parseCheckpoint } from './checkpoint.js';
import { noteKeyHash, type NoteKey } from './note-key.js';
import { addSignatures, formatNote, signNote, verifyNote } from './signed-note.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AtcError);
    return (e as AtcError).code;
  }
  return undefined;
}

/** Raw Ed25519 public key the other documented way: the last 32 bytes of the SPKI DER. */
const rawKey = (key: NoteKey['publicKey']): Buffer => key.export({ format: 'der', type: 'spki' }).subarray(-32);

// The example of golang.org/x/mod/sumdb/note, the reference implementation of the format:
// key "PRIVATE+KEY+PeterNeumann+c74f20a3+<base64(0x01 || seed)>" and the exact note it signs.
const GO_SEED = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
const GO_PUBLIC = Buffer.from('ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'base64').subarray(1);
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

// Fixed keys of this project's pinned examples (test-only seeds).
const logKeys = keyPairFromSeed(Buffer.alloc(32, 0x4c));
const witnessKeys = keyPairFromSeed(Buffer.alloc(32, 0x57));
const otherKeys = keyPairFromSeed(Buffer.alloc(32, 0x45));
const LOG: NoteKey = { name: 'atc.example/log', publicKey: logKeys.publicKey };
const WITNESS: NoteKey = { name: 'kz.atc.example/witness', publicKey: witnessKeys.publicKey };
const ROOT_8 = Buffer.from('XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=', 'base64');
const CP: Checkpoint = { origin: 'atc.example/log', size: 8, rootHash: ROOT_8, extensions: [] };
const BODY = 'atc.example/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n';
const SIGNED =
  `${BODY}\n` +
  '\u2014 atc.example/log bYgl3b/AA4qCuK/zQI2xo4mG64kbWGJqqaR1CavI24xPvL1Slv5pNcV6uW9RtYxJB1xLyXCgLub6eGqYsykBLE0QKgM=\n';
const COSIGNATURE_LINE =
  '\u2014 kz.atc.example/witness wl+YDwAAAABlU/EAGctKIm7q0mG7OtQoG0y4oNCQAtLjZS031BnO9hfCp7MVdRFGrjNGL+hflVD3L8pTEMPi2VNbnKCYAd8wDkQWDQ==\n';

describe('signed notes: known answers', () => {
  it('reproduces the reference implementation byte for byte', () => {
    const peter = keyPairFromSeed(GO_SEED);
    expect(rawKey(peter.publicKey)).toEqual(GO_PUBLIC);
    expect(noteKeyHash('PeterNeumann', peter.publicKey, 0x01).toString('hex')).toBe('c74f20a3');
    const text = formatNote({ body: GO_TEXT, signatures: [signNote(GO_TEXT, 'PeterNeumann', peter.privateKey)] });
    expect(text).toBe(GO_NOTE);
    const note = parseNote(GO_NOTE);
    expect(note.body).toBe(GO_TEXT);
    expect(() => {
      verifyNote(note, { name: 'PeterNeumann', publicKey: peter.publicKey });
    }).not.toThrow();
  });

  it('computes key IDs as SHA-256(name || 0x0A || type || raw key)[:4]', () => {
    for (const type of [0x01, 0x04]) {
      const want = createHash('sha256')
        .update(Buffer.concat([Buffer.from('atc.example/log\n'), Buffer.from([type]), rawKey(LOG.publicKey)]))
        .digest()
        .subarray(0, 4);
      expect(noteKeyHash(LOG.name, LOG.publicKey, type)).toEqual(want);
      expect(noteKeyHash(LOG.name, logKeys.privateKey, type)).toEqual(want);
    }
    expect(noteKeyHash(LOG.name, LOG.publicKey, 0x01).toString('hex')).toBe('6d8825dd');
    expect(noteKeyHash(WITNESS.name, WITNESS.publicKey, 0x04).toString('hex')).toBe('c25f980f');
  });

  it('pins the gateway checkpoint format', () => {
    expect(formatCheckpoint(CP)).toBe(BODY);
    expect(signCheckpoint(CP, LOG.name, logKeys.privateKey)).toBe(SIGNED);
    const { checkpoint, note } = openCheckpoint(SIGNED, LOG, 'atc.example/log');
    expect(checkpoint).toEqual(CP);
    expect(note.signatures).toHaveLength(1);
  });

  it('pins the witness cosignature format (time as 8 bytes big-endian, then the signature)', () => {
    const sig = cosignCheckpoint(BODY, WITNESS.name, witnessKeys.privateKey, 1_700_000_000);
    expect(sig.keyHash.toString('hex')).toBe('c25f980f');
    expect(sig.signature).toHaveLength(72);
    expect(sig.signature.subarray(0, 8).toString('hex')).toBe('000000006553f100');
    // The signed message, built here by hand from the C2SP text.
    const message = Buffer.from(`cosignature/v1\ntime 1700000000\n${BODY}`);
    expect(verify(null, message, WITNESS.publicKey, sig.signature.subarray(8))).toBe(true);
    expect(addSignatures(SIGNED, [sig])).toBe(SIGNED + COSIGNATURE_LINE);
    expect(verifyCosignature(BODY, sig, WITNESS)).toEqual({ timeSeconds: 1_700_000_000 });
  });
});

describe('signed notes and checkpoints: round trips', () => {
  it('keeps extensions, blank lines in text, and unknown signers', () => {
    const cp: Checkpoint = { ...CP, size: 0, extensions: ['ext one', '\u0437\u0430\u043f\u0438\u0441\u044c'] };
    const text = signCheckpoint(cp, LOG.name, logKeys.privateKey);
    const withOthers = addSignatures(text, [
      signNote(formatCheckpoint(cp), 'someone.example/else', otherKeys.privateKey),
      cosignCheckpoint(formatCheckpoint(cp), WITNESS.name, witnessKeys.privateKey, 0),
    ]);
    expect(openCheckpoint(withOthers, LOG).checkpoint).toEqual(cp);
    expect(parseCheckpoint(formatCheckpoint(cp))).toEqual(cp);
    const poem = 'one\n\ntwo\n';
    const note = formatNote({ body: poem, signatures: [signNote(poem, 'poet', otherKeys.privateKey)] });
    expect(parseNote(note).body).toBe(poem);
    expect(formatNote(parseNote(withOthers))).toBe(withOthers);
  });

  it('adds signatures once', () => {
    const cos = cosignCheckpoint(BODY, WITNESS.name, witnessKeys.privateKey, 1_700_000_000);
    const once = addSignatures(SIGNED, [cos]);
    expect(addSignatures(once, [cos, cos])).toBe(once);
    expect(parseNote(once).signatures).toHaveLength(2);
  });

  it('accepts 100 signatures and refuses 101', () => {
    const sig = signNote(BODY, LOG.name, logKeys.privateKey);
    const sigs = Array.from({ length: 100 }, (_, i) => ({ ...sig, name: `w${i}` }));
    expect(parseNote(formatNote({ body: BODY, signatures: sigs })).signatures).toHaveLength(100);
    const text101 = `${BODY}\n${Array.from({ length: 101 }, () => SIGNED.slice(BODY.length + 1)).join('')}`;
    expect(codeOf(() => parseNote(text101))).toBe('ERR_NOTE_INVALID');
    expect(codeOf(() => addSignatures(formatNote({ body: BODY, signatures: sigs }), [{ ...sig, name: 'w100' }]))).toBe(
      'ERR_NOTE_INVALID',
    );
  });
});

describe('refusals', () => {
  const signedBody = (body: string): string =>
    formatNote({ body, signatures: [signNote(body, LOG.name, logKeys.privateKey)] });

  it.each([
    ['no blank line before the signatures', SIGNED.replace(`${BODY}\n`, BODY)],
    ['CRLF line ends', SIGNED.replace(/\n/g, '\r\n')],
    ['a carriage return in the text', SIGNED.replace('atc.example/log\n8', 'atc.example/log\r\n8')],
    ['no signature lines', `${BODY}\n`],
    ['no final newline', SIGNED.slice(0, -1)],
    ['a signature line without the em dash', SIGNED.replace('\u2014 ', '- ')],
    ['a signature without a name', SIGNED.replace('\u2014 atc.example/log ', '\u2014  ')],
    ['non-canonical base64 in a signature', SIGNED.replace('KgM=', 'KgN=')],
    ['a signature too short for a key ID', `${BODY}\n\u2014 atc.example/log AAAA\n`],
    ['a lone surrogate', SIGNED.replace('atc.example', 'atc\ud800example')],
  ])('parseNote refuses %s', (_what, text) => {
    expect(codeOf(() => parseNote(text))).toBe('ERR_NOTE_INVALID');
    expect(codeOf(() => openCheckpoint(text, LOG))).toBe('ERR_CHECKPOINT_INVALID');
  });

  it.each([
    ['bad base64 root', 'atc.example/log\n8\nnot*base64*at*all*but*44*characters*long*=\n'],
    ['unpadded root', 'atc.example/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg\n'],
    ['31-byte root', `atc.example/log\n8\n${Buffer.alloc(31, 1).toString('base64')}\n`],
    ['33-byte root', `atc.example/log\n8\n${Buffer.alloc(33, 1).toString('base64')}\n`],
    ['leading zero size', `atc.example/log\n08\n${ROOT_8.toString('base64')}\n`],
    ['signed size', `atc.example/log\n+8\n${ROOT_8.toString('base64')}\n`],
    ['size over 2^53 - 1', `atc.example/log\n9007199254740992\n${ROOT_8.toString('base64')}\n`],
    ['empty origin', `\n8\n${ROOT_8.toString('base64')}\n`],
    ['two lines', 'atc.example/log\n8\n'],
    ['a tab in the origin', `atc\texample/log\n8\n${ROOT_8.toString('base64')}\n`],
  ])('refuses a checkpoint with %s, signed or not', (_what, body) => {
    expect(codeOf(() => parseCheckpoint(body))).toBe('ERR_CHECKPOINT_INVALID');
    if (!body.includes('\t'))
      expect(codeOf(() => openCheckpoint(signedBody(body), LOG))).toBe('ERR_CHECKPOINT_INVALID');
  });

  it('refuses an empty extension line and a body without its final newline', () => {
    expect(codeOf(() => parseCheckpoint(`${BODY}\n`))).toBe('ERR_CHECKPOINT_INVALID');
    expect(codeOf(() => parseCheckpoint(BODY.slice(0, -1)))).toBe('ERR_CHECKPOINT_INVALID');
    expect(codeOf(() => formatCheckpoint({ ...CP, extensions: [''] }))).toBe('ERR_CHECKPOINT_INVALID');
    expect(codeOf(() => formatCheckpoint({ ...CP, origin: 'a\nb' }))).toBe('ERR_CHECKPOINT_INVALID');
    expect(codeOf(() => formatCheckpoint({ ...CP, size: -1 }))).toBe('ERR_CHECKPOINT_INVALID');
    expect(codeOf(() => formatCheckpoint({ ...CP, rootHash: ROOT_8.subarray(1) }))).toBe('ERR_CHECKPOINT_INVALID');
  });

  it('reads notes from bytes as strict UTF-8', () => {
    expect(openCheckpoint(Buffer.from(SIGNED), LOG).checkpoint).toEqual(CP);
    const bytes = Buffer.from(SIGNED);
    bytes[3] = 0xff;
    expect(codeOf(() => parseNote(bytes))).toBe('ERR_NOTE_INVALID');
    expect(codeOf(() => openCheckpoint(bytes, LOG))).toBe('ERR_CHECKPOINT_INVALID');
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SIGNED)]);
    // The BOM stays part of the text, so the log's signature no longer covers it.
    expect(codeOf(() => openCheckpoint(withBom, LOG, 'atc.example/log'))).toBe('ERR_NOTE_SIGNATURE_INVALID');
  });

  it('refuses a checkpoint of another log', () => {
    expect(codeOf(() => openCheckpoint(SIGNED, LOG, 'other.example/log'))).toBe('ERR_CHECKPOINT_INVALID');
  });

  it('refuses a signature by another key, under the same name or forged onto the right key ID', () => {
    const byOther = signCheckpoint(CP, LOG.name, otherKeys.privateKey);
    expect(codeOf(() => openCheckpoint(byOther, LOG))).toBe('ERR_NOTE_SIGNATURE_INVALID');
    const real = signNote(BODY, LOG.name, logKeys.privateKey);
    const forged = { ...real, signature: signNote(BODY, LOG.name, otherKeys.privateKey).signature };
    const text = formatNote({ body: BODY, signatures: [real, forged] });
    expect(codeOf(() => openCheckpoint(text, LOG))).toBe('ERR_NOTE_SIGNATURE_INVALID');
    // Only the witness's cosignature: no line of the log at all.
    const cosignedOnly = formatNote({
      body: BODY,
      signatures: [cosignCheckpoint(BODY, LOG.name, logKeys.privateKey, 1)],
    });
    expect(codeOf(() => openCheckpoint(cosignedOnly, LOG))).toBe('ERR_NOTE_SIGNATURE_INVALID');
  });

  it('refuses a tampered body', () => {
    expect(codeOf(() => openCheckpoint(SIGNED.replace('\n8\n', '\n9\n'), LOG))).toBe('ERR_NOTE_SIGNATURE_INVALID');
    const note = parseNote(SIGNED);
    expect(
      codeOf(() => {
        verifyNote({ ...note, body: note.body.replace('log', 'l0g') }, LOG);
      }),
    ).toBe('ERR_NOTE_SIGNATURE_INVALID');
  });

  it('refuses key names with spaces or plus signs, and bodies without a final newline', () => {
    expect(codeOf(() => signNote(BODY, 'atc example', logKeys.privateKey))).toBe('ERR_NOTE_INVALID');
    expect(codeOf(() => signNote(BODY, 'atc+example', logKeys.privateKey))).toBe('ERR_NOTE_INVALID');
    expect(codeOf(() => signNote(BODY, '', logKeys.privateKey))).toBe('ERR_NOTE_INVALID');
    expect(codeOf(() => signNote('no newline', 'atc.example/log', logKeys.privateKey))).toBe('ERR_NOTE_INVALID');
    expect(codeOf(() => formatNote({ body: BODY, signatures: [] }))).toBe('ERR_NOTE_INVALID');
  });
});

describe('cosignatures', () => {
  const cos = cosignCheckpoint(BODY, WITNESS.name, witnessKeys.privateKey, 1_700_000_000);
  const otherBody = formatCheckpoint({ ...CP, size: 9 });

  it('verify only under the witness key, name and the same checkpoint and time', () => {
    expect(codeOf(() => verifyCosignature(BODY, cos, { ...WITNESS, publicKey: otherKeys.publicKey }))).toBe(
      'ERR_NOTE_SIGNATURE_INVALID',
    );
    expect(codeOf(() => verifyCosignature(BODY, cos, { ...WITNESS, name: 'by.example/witness' }))).toBe(
      'ERR_NOTE_SIGNATURE_INVALID',
    );
    expect(codeOf(() => verifyCosignature(otherBody, cos, WITNESS))).toBe('ERR_NOTE_SIGNATURE_INVALID');
    const later = Buffer.from(cos.signature);
    later.writeBigUInt64BE(1_700_000_001n);
    expect(codeOf(() => verifyCosignature(BODY, { ...cos, signature: later }, WITNESS))).toBe(
      'ERR_NOTE_SIGNATURE_INVALID',
    );
    const huge = Buffer.from(cos.signature);
    huge.writeBigUInt64BE(2n ** 63n);
    expect(codeOf(() => verifyCosignature(BODY, { ...cos, signature: huge }, WITNESS))).toBe(
      'ERR_NOTE_SIGNATURE_INVALID',
    );
    expect(codeOf(() => verifyCosignature(BODY, { ...cos, signature: cos.signature.subarray(8) }, WITNESS))).toBe(
      'ERR_NOTE_SIGNATURE_INVALID',
    );
    // A log signature (type 0x01) by the same key is not a cosignature (type 0x04).
    const plain = signNote(BODY, WITNESS.name, witnessKeys.privateKey);
    expect(codeOf(() => verifyCosignature(BODY, plain, WITNESS))).toBe('ERR_NOTE_SIGNATURE_INVALID');
  });

  it('survive a trip through the note text', () => {
    const text = addSignatures(SIGNED, [cos]);
    const line = parseNote(text).signatures.find((s) => s.name === WITNESS.name)!;
    expect(verifyCosignature(BODY, line, WITNESS)).toEqual({ timeSeconds: 1_700_000_000 });
    expect(() => {
      verifyNote(parseNote(text), LOG);
    }).not.toThrow();
    // A witness key is not a log key: its cosignature is not a note signature of type 0x01.
    expect(
      codeOf(() => {
        verifyNote(parseNote(text), WITNESS);
      }),
    ).toBe('ERR_NOTE_SIGNATURE_INVALID');
  });

  it('refuse to cosign what is not a checkpoint, or at an impossible time', () => {
    expect(codeOf(() => cosignCheckpoint('hello\n', WITNESS.name, witnessKeys.privateKey, 1))).toBe(
      'ERR_CHECKPOINT_INVALID',
    );
    for (const t of [-1, 1.5, Number.NaN, 2 ** 53]) {
      expect(codeOf(() => cosignCheckpoint(BODY, WITNESS.name, witnessKeys.privateKey, t))).toBe('ERR_LOG_RANGE');
    }
    expect(codeOf(() => cosignCheckpoint(BODY, 'a witness', witnessKeys.privateKey, 1))).toBe('ERR_NOTE_INVALID');
  });

  it('encode the time in 8 bytes big-endian at the extremes', () => {
    const max = cosignCheckpoint(BODY, WITNESS.name, witnessKeys.privateKey, Number.MAX_SAFE_INTEGER);
    expect(max.signature.subarray(0, 8).toString('hex')).toBe('001fffffffffffff');
    expect(verifyCosignature(BODY, max, WITNESS).timeSeconds).toBe(Number.MAX_SAFE_INTEGER);
    const zero = cosignCheckpoint(BODY, WITNESS.name, witnessKeys.privateKey, 0);
    expect(zero.signature.subarray(0, 8).toString('hex')).toBe('0000000000000000');
    expect(verifyCosignature(BODY, zero, WITNESS).timeSeconds).toBe(0);
  });
});

describe('interoperability', () => {
  it('verifies the C2SP signed-note example key and note', () => {
    // Verifier key "example.com/foo+530d903a+<base64(0x01 || public key)>" of the C2SP text.
    const raw = Buffer.from('AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k', 'base64').subarray(1);
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
    const key: NoteKey = {
      name: 'example.com/foo',
      publicKey: createPublicKey({ key: spki, format: 'der', type: 'spki' }),
    };
    expect(noteKeyHash(key.name, key.publicKey, 0x01).toString('hex')).toBe('530d903a');
    const text =
      'This is an example message.\n\n' +
      '\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
    expect(() => {
      verifyNote(parseNote(text), key);
    }).not.toThrow();
  });
});
