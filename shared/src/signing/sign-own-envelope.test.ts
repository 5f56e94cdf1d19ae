import { sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  atc,
  checkEnvelope,
  completeEnvelope,
  PayloadType,
  prepareOwnEnvelope,
  RefusalError,
  signEnvelope,
  signOwnEnvelope,
  StaticKeyResolver,
  toTimestamp,
  verifyEnvelope,
} from '../index.js';
import { fixtureKey } from '../testing/index.js';

const key = fixtureKey('ATC');
const request = {
  header: {
    messageId: '019a0000-0000-7000-8000-000000000001',
    sender: 'ATC',
    recipients: ['KZ'],
    senderSequence: 7,
    createdAt: toTimestamp(Date.UTC(2026, 0, 1)),
    inReplyTo: '019a0000-0000-7000-8000-000000000002',
    handling: { tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER_STRICT },
    urgency: atc.v1.Urgency.URGENCY_NORMAL,
  },
  payloadType: PayloadType.Receipt as typeof PayloadType.Receipt,
  payload: {
    nonce: new Uint8Array(16).fill(3),
    messageId: '019a0000-0000-7000-8000-000000000002',
    status: atc.v1.ReceiptStatus.RECEIPT_STATUS_ACCEPTED,
    recipients: ['BY'],
    at: toTimestamp(Date.UTC(2026, 0, 1)),
  },
};

describe('signOwnEnvelope', () => {
  it('produces exactly the bytes signEnvelope does, and they verify', async () => {
    const own = signOwnEnvelope(key, request);
    const checked = signEnvelope(key, request);
    expect(Buffer.from(own.bytes).equals(Buffer.from(checked.bytes))).toBe(true);
    expect(own.messageId).toBe(request.header.messageId);
    const v = await verifyEnvelope(own.bytes, {
      resolver: new StaticKeyResolver([{ kid: key.kid, owner: 'ATC', publicKey: key.publicKey }]),
    });
    expect(v.payloadType).toBe(PayloadType.Receipt);
  });

  it('is the same bytes when the signature is made apart, over the prepared signing input', () => {
    const unsigned = prepareOwnEnvelope(key.kid, request);
    expect(unsigned.messageId).toBe(request.header.messageId);
    const signature = sign(null, unsigned.signingInput, key.privateKey);
    const bytes = completeEnvelope(unsigned, signature);
    expect(Buffer.from(bytes).equals(Buffer.from(signOwnEnvelope(key, request).bytes))).toBe(true);
  });

  it('refuses to complete an envelope with a signature of the wrong length', () => {
    const unsigned = prepareOwnEnvelope(key.kid, request);
    let failure: unknown;
    try {
      completeEnvelope(unsigned, new Uint8Array(63));
    } catch (e) {
      failure = e;
    }
    expect(failure).toMatchObject({ code: 'ERR_INTERNAL' });
    expect((failure as Error).message).toContain('64 bytes, not 63');
  });
});

describe('checkEnvelope', () => {
  it('gives the size signEnvelope produces, without signing', () => {
    expect(checkEnvelope(key.kid, request).size).toBe(signEnvelope(key, request).bytes.length);
  });

  it('refuses what signEnvelope refuses, with the same code and field', () => {
    const bad = { ...request, payload: { ...request.payload, messageId: 'not-a-uuid' } };
    let signError: unknown;
    try {
      signEnvelope(key, bad);
    } catch (e) {
      signError = e;
    }
    expect(signError).toBeInstanceOf(RefusalError);
    expect(() => checkEnvelope(key.kid, bad)).toThrow(
      expect.objectContaining({
        code: (signError as RefusalError).code,
        field: (signError as RefusalError).field,
      }) as Error,
    );
    const noRecipients = { ...request, header: { ...request.header, recipients: [] } };
    expect(() => signEnvelope(key, noRecipients)).toThrow(RefusalError);
    expect(() => checkEnvelope(key.kid, noRecipients)).toThrow(RefusalError);
  });
});
