import { describe, expect, it } from 'vitest';
import { atc } from '../proto/protobuf.js';
import { RefusalError } from '../errors/atc-error.js';
import { validatePayload } from './payload-rules.js';

const { RECEIPT_STATUS_ACCEPTED: ACCEPTED, RECEIPT_STATUS_REJECTED: REJECTED } = atc.v1.ReceiptStatus;

function receipt(messageId: string, status: atc.v1.ReceiptStatus, digestBytes: number): atc.v1.Receipt {
  return atc.v1.Receipt.create({
    nonce: new Uint8Array(16),
    messageId,
    status,
    envelopeSha256: new Uint8Array(digestBytes),
  });
}

describe('Receipt.messageId', () => {
  it('may be empty in a REJECTED receipt that names the refused bytes by digest', () => {
    expect(() => {
      validatePayload('atc.v1.Receipt', receipt('', REJECTED, 32));
    }).not.toThrow();
  });

  it.each([
    ['an ACCEPTED receipt', receipt('', ACCEPTED, 32)],
    ['a REJECTED receipt without a digest', receipt('', REJECTED, 0)],
    ['a REJECTED receipt with a short digest', receipt('', REJECTED, 16)],
    ['a REJECTED receipt naming no UUIDv7', receipt('abc', REJECTED, 32)],
  ])('is required in %s', (_name, r) => {
    expect(() => {
      validatePayload('atc.v1.Receipt', r);
    }).toThrow(RefusalError);
  });
});
