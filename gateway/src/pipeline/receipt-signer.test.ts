// The gateway signs a batch's receipts together, on the signature pool's workers when the
// batch is not tiny: the receipts must be the same whichever thread signed them.
import { afterAll, describe, expect, it } from 'vitest';
import { PayloadType, StaticKeyResolver, uuidv7, verifyEnvelope, type atc } from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import type { ReceiptToSign } from '../domain/batch-write.js';
import { ReceiptSigner } from './receipt-signer.js';
import { SignaturePool } from './signature-pool.js';

const key = fixtureKey('ATC');
const resolver = new StaticKeyResolver([{ kid: key.kid, owner: 'ATC', publicKey: key.publicKey }]);
const clock = (): number => Date.UTC(2026, 11, 1, 9, 30);
const pool = new SignaturePool(2);
afterAll(() => pool.close());

/** `n` receipts for fictitious submissions, every third REJECTED, the others ACCEPTED with a log position. */
function batch(n: number): ReceiptToSign[] {
  return Array.from({ length: n }, (_, i) => ({
    intent: {
      receiptId: uuidv7(),
      messageId: uuidv7(),
      member: i % 2 === 0 ? 'KZ' : 'BY',
      status: i % 3 === 0 ? 'rejected' : 'accepted',
      ...(i % 3 === 0 ? { reasonCode: 'ERR_SEQUENCE_REPLAYED', detail: `fictitious refusal ${i}` } : {}),
      envelopeSha256: new Uint8Array(32).fill(i),
    },
    sequence: 100 + i,
    log:
      i % 3 === 0
        ? undefined
        : { leafIndex: i, checkpoint: `fictitious checkpoint ${i}\n`, proof: [new Uint8Array(32).fill(7)] },
  }));
}

async function opened(bytes: Uint8Array): Promise<{ header: atc.v1.Header; receipt: atc.v1.Receipt }> {
  const v = await verifyEnvelope(bytes, { resolver });
  expect(v.payloadType).toBe(PayloadType.Receipt);
  return { header: v.header, receipt: v.payload as atc.v1.Receipt };
}

describe('ReceiptSigner.signAll', () => {
  it.each([
    ['on the workers', 40, new ReceiptSigner(key, 'ATC', clock, (k, inputs) => pool.sign(k, inputs))],
    [
      'on this thread, a batch too small for a worker',
      3,
      new ReceiptSigner(key, 'ATC', clock, (k, inputs) => pool.sign(k, inputs)),
    ],
    ['on this thread, without a pool', 40, new ReceiptSigner(key, 'ATC', clock)],
  ])('signs each receipt %s, in the order given, with its sequence and log position', async (_, n, signer) => {
    const items = batch(n);
    const rows = await signer.signAll(items);
    expect(rows).toHaveLength(n);
    for (const [i, row] of rows.entries()) {
      const { intent, sequence, log } = items[i]!;
      expect(row).toMatchObject({
        receiptId: intent.receiptId,
        messageId: intent.messageId,
        member: intent.member,
        status: intent.status,
        createdAt: clock(),
      });
      const { header, receipt } = await opened(row.envelope);
      expect(header.messageId).toBe(intent.receiptId);
      expect(header.sender).toBe('ATC');
      expect(header.recipients).toEqual([intent.member]);
      expect(header.senderSequence).toBe(sequence);
      expect(header.inReplyTo).toBe(intent.messageId);
      expect(receipt.messageId).toBe(intent.messageId);
      expect(receipt.leafIndex).toBe(log?.leafIndex ?? 0);
      expect(receipt.checkpoint).toBe(log?.checkpoint ?? '');
    }
  });

  it('fails the whole batch, signing none, when the workers cannot sign', async () => {
    const broken = new SignaturePool(1);
    await broken.close();
    const signer = new ReceiptSigner(key, 'ATC', clock, (k, inputs) => broken.sign(k, inputs));
    await expect(signer.signAll(batch(10))).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
  });
});
