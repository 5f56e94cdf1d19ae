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

describe('PurgeAck', () => {
  const valid = (): atc.v1.PurgeAck.$Properties => ({
    nonce: new Uint8Array(16),
    withdrawalMessageId: '019bc114-b6a8-7000-8000-000000000006',
    originator: 'KZ',
    recordId: 'KZ-P-0001',
    versions: [1, 2, 4],
    erasedAt: { seconds: 1_768_469_402, nanos: 0 },
    count: 0,
  });
  const check = (changes: Partial<atc.v1.PurgeAck.$Properties>): (() => void) => {
    return () => {
      validatePayload('atc.v1.PurgeAck', atc.v1.PurgeAck.create({ ...valid(), ...changes }));
    };
  };

  it('accepts ascending versions, an erasure time and a count of 0', () => {
    expect(check({})).not.toThrow();
  });

  it.each([
    ['a withdrawal id that is not a UUIDv7', { withdrawalMessageId: 'not-a-uuid' }, 'PurgeAck.withdrawalMessageId'],
    [
      'a withdrawal id in upper case',
      { withdrawalMessageId: '019BC114-B6A8-7000-8000-000000000006' },
      'PurgeAck.withdrawalMessageId',
    ],
    ['no originator', { originator: '' }, 'PurgeAck.originator'],
    ['an originator that is not a member id', { originator: 'kz' }, 'PurgeAck.originator'],
    ['no record id', { recordId: ' ' }, 'PurgeAck.recordId'],
    ['no version', { versions: [] }, 'PurgeAck.versions'],
    ['version 0', { versions: [0, 1] }, 'PurgeAck.versions[0]'],
    ['versions out of order', { versions: [2, 1] }, 'PurgeAck.versions[1]'],
    ['a repeated version', { versions: [1, 2, 2] }, 'PurgeAck.versions[2]'],
    ['no erasure time', { erasedAt: null }, 'PurgeAck.erasedAt'],
    ['an erasure time out of range', { erasedAt: { seconds: 0, nanos: 1_000_000_000 } }, 'PurgeAck.erasedAt.nanos'],
  ])('refuses %s naming the field', (_name, changes, field) => {
    let error: unknown;
    try {
      check(changes)();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RefusalError);
    expect((error as RefusalError).code).toBe('ERR_PAYLOAD_MALFORMED');
    expect((error as RefusalError).field).toBe(field);
  });
});
