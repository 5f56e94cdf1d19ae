import { encodeEnvelope } from '../codec/decode-envelope.js';
import { ErrorCode } from '../errors/atc-error.js';
import { RefusalCode } from '../errors/refusal-codes.js';
import type { PublicJwk } from '../keys/ed25519-jwk.js';
import type { KeyPair } from '../keys/key-pair.js';
import { atc } from '../proto/protobuf.js';
import { PayloadType, type PayloadInput } from '../proto/payload-types.js';
import { signEnvelope } from '../signing/sign-envelope.js';
import { toTimestamp } from '../util/time.js';
import { FIXTURE_TIME, fixtureKey, fixtureMessageId, fixtureNonce, fixtureRequest } from './fixtures.js';
import { vectorLog, VECTOR_LOG_ORIGIN, type MemoryLog } from './log-vectors.js';
import { signCheckpoint } from '../merkle/checkpoint.js';
import { sha256 } from '../util/sha256.js';

/** One receipt vector (proto/vectors/receipts.json). */
export interface ReceiptVector {
  readonly name: string;
  /** The gateway the verifier pins: the receipts' sender and its public key. */
  readonly gateway_id: string;
  readonly gateway_jwk: PublicJwk;
  /** The exact envelope the member submitted. */
  readonly submitted_envelope_hex: string;
  /** The gateway's receipt envelope about it. */
  readonly receipt_envelope_hex: string;
  readonly expect: 'valid' | RefusalCode | ErrorCode;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** The envelope the receipt vectors are about: fixture PersonRecord 1 from KZ, leaf 5 of the vectors' log. */
export function vectorSubmission(): Uint8Array {
  return signEnvelope(fixtureKey('KZ'), fixtureRequest('atc.v1.PersonRecord', 1)).bytes;
}

interface ReceiptParts {
  readonly header?: { readonly sender?: string; readonly recipients?: string[]; readonly inReplyTo?: string };
  readonly payload?: Partial<PayloadInput<'atc.v1.Receipt'>>;
  readonly key?: KeyPair;
}

/**
 * Receipt vectors: ACCEPTED (with checkpoint and inclusion proof), REJECTED and DELIVERED
 * receipts as the gateway signs them, and receipts a member must not believe.
 */
export function buildReceiptVectors(): ReceiptVector[] {
  const gateway = fixtureKey('ATC');
  const submitted = vectorSubmission();
  const messageId = fixtureMessageId(1);
  const log: MemoryLog = vectorLog(submitted);
  const vectors: ReceiptVector[] = [];
  const add = (name: string, receipt: Uint8Array, expect: ReceiptVector['expect']): void => {
    vectors.push({
      name,
      gateway_id: 'ATC',
      gateway_jwk: gateway.publicJwk,
      submitted_envelope_hex: hex(submitted),
      receipt_envelope_hex: hex(receipt),
      expect,
    });
  };
  let n = 500;
  // As gateway/src/pipeline/receipt-signer.ts signs them, with a fixed nonce and time.
  const receipt = (parts: ReceiptParts = {}) => {
    n += 1;
    return signEnvelope(parts.key ?? gateway, {
      header: {
        messageId: fixtureMessageId(n),
        sender: 'ATC',
        recipients: ['KZ'],
        senderSequence: n,
        createdAt: toTimestamp(FIXTURE_TIME + 1000),
        inReplyTo: messageId,
        exercise: true,
        handling: { tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER_STRICT },
        urgency: atc.v1.Urgency.URGENCY_NORMAL,
        ...parts.header,
      },
      payloadType: PayloadType.Receipt,
      payload: {
        nonce: fixtureNonce(n),
        messageId,
        status: atc.v1.ReceiptStatus.RECEIPT_STATUS_ACCEPTED,
        recipients: ['BY', 'RU'],
        envelopeSha256: sha256(submitted),
        at: toTimestamp(FIXTURE_TIME + 900),
        leafIndex: 5,
        checkpoint: log.checkpoint(13),
        inclusionProof: log.inclusion(5, 13),
        ...parts.payload,
      },
    });
  };

  add('valid ACCEPTED receipt with checkpoint and inclusion proof', receipt().bytes, 'valid');
  add(
    'valid REJECTED receipt',
    receipt({
      payload: {
        status: atc.v1.ReceiptStatus.RECEIPT_STATUS_REJECTED,
        reason: atc.v1.ReasonCode.REASON_CODE_TIMESTAMP_TOO_OLD,
        detail: 'the message was created too long ago',
        recipients: [],
        leafIndex: 0,
        checkpoint: '',
        inclusionProof: [],
      },
    }).bytes,
    'valid',
  );
  add(
    'valid DELIVERED receipt',
    receipt({
      payload: {
        status: atc.v1.ReceiptStatus.RECEIPT_STATUS_DELIVERED,
        recipients: [],
        recipient: 'BY',
        envelopeSha256: new Uint8Array(0),
        leafIndex: 0,
        checkpoint: '',
        inclusionProof: [],
      },
    }).bytes,
    'valid',
  );
  const good = receipt();
  const resequenced = atc.v1.Header.encode({
    ...atc.v1.Header.toObject(good.header, { defaults: false }),
    senderSequence: 1,
  }).finish();
  const signature = atc.v1.Envelope.decode(good.bytes).signature;
  add(
    'receipt header altered after signing',
    encodeEnvelope({ header: resequenced, payload: good.payloadBytes, signature }),
    RefusalCode.SIGNATURE_INVALID,
  );
  const payload = Buffer.from(good.payloadBytes);
  payload[payload.length - 1] = payload[payload.length - 1]! ^ 0x01;
  add(
    'receipt payload altered after signing',
    encodeEnvelope({ header: good.headerBytes, payload, signature }),
    RefusalCode.PAYLOAD_DIGEST_MISMATCH,
  );
  add(
    "signed by a member's key",
    receipt({ key: fixtureKey('KZ'), header: { sender: 'KZ', recipients: ['BY'] } }).bytes,
    RefusalCode.KEY_UNKNOWN,
  );
  add(
    'signed by the gateway key under a member id',
    receipt({ header: { sender: 'KZ', recipients: ['BY'] } }).bytes,
    RefusalCode.KEY_OWNER_MISMATCH,
  );
  add(
    'not a receipt (a KeyEvent from the gateway)',
    signEnvelope(gateway, {
      ...fixtureRequest('atc.v1.KeyEvent', 520),
      header: { ...fixtureRequest('atc.v1.KeyEvent', 520).header, inReplyTo: messageId },
    }).bytes,
    RefusalCode.PAYLOAD_TYPE_NOT_ALLOWED,
  );
  add(
    'receipt about another message',
    receipt({ header: { inReplyTo: fixtureMessageId(2) }, payload: { messageId: fixtureMessageId(2) } }).bytes,
    RefusalCode.REFERENCE_MISMATCH,
  );
  add(
    'receipt naming the digest of other bytes',
    receipt({ payload: { envelopeSha256: sha256(Buffer.from('other bytes')) } }).bytes,
    ErrorCode.RECEIPT_OTHER_ENVELOPE,
  );
  const forged = signCheckpoint(
    { origin: VECTOR_LOG_ORIGIN, size: 13, rootHash: log.root(13), extensions: [] },
    VECTOR_LOG_ORIGIN,
    fixtureKey('KZ').privateKey,
  );
  add(
    'checkpoint not signed by the gateway',
    receipt({ payload: { checkpoint: forged } }).bytes,
    ErrorCode.NOTE_SIGNATURE_INVALID,
  );
  add(
    'inclusion proof for another leaf index',
    receipt({ payload: { leafIndex: 4 } }).bytes,
    ErrorCode.INCLUSION_PROOF_INVALID,
  );
  add(
    'inclusion proof of a smaller tree than the checkpoint',
    receipt({ payload: { inclusionProof: log.inclusion(5, 6) } }).bytes,
    ErrorCode.INCLUSION_PROOF_INVALID,
  );
  return vectors;
}
