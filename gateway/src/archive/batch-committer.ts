import type { BatchWrite, CommittedBatch, ReceiptToSign, SignReceipts } from '../domain/batch-write.js';
import type { MerkleLog } from './merkle-log.js';
import { completeWithdrawalRoutes } from './record-index.js';
import type { MessageStore } from './message-store.js';
import type { SqlDb } from '../db/sql-db.js';

/**
 * The group commit: one write transaction that appends the batch's envelopes to the
 * Merkle log, signs one checkpoint, signs every receipt (allocating the gateway's
 * sender_sequence and, for ACCEPTED ones, adding leaf index, checkpoint and inclusion
 * proof), and writes every row. In the same transaction it also completes the routing of the batch's
 * withdrawals with members routed a version since the pipeline checked them (see
 * completeWithdrawalRoutes). The write lock serialises it with every other writer (another
 * gateway replica, the CLI), so leaves and sequences have no gaps and no duplicates.
 */
export class BatchCommitter {
  constructor(
    private readonly db: SqlDb,
    private readonly store: MessageStore,
    private readonly log: MerkleLog,
    /** Signs the receipts once their sequences and log positions are known. */
    private readonly signReceipts: SignReceipts,
  ) {}

  /** Commits a batch atomically. */
  async commit(batch: BatchWrite): Promise<CommittedBatch> {
    try {
      return await this.db.transaction(() => this.commitWithinTransaction(batch), { write: true });
    } catch (e) {
      this.log.reset();
      throw e;
    }
  }

  /**
   * The body of {@link commit}, for a caller that already holds the write transaction.
   * `usedSequence` is a gateway sender_sequence the caller already took (for an envelope of
   * its own in the batch); receipts continue after it.
   */
  async commitWithinTransaction(decided: BatchWrite, usedSequence?: number): Promise<CommittedBatch> {
    const { batch, added } = await completeWithdrawalRoutes(this.db, decided);
    const firstLeaf = await this.log.size();
    const appended = await this.log.appendWithinTransaction(batch.messages.map((m) => m.envelope));
    const leafOf = new Map(batch.messages.map((m, i) => [m.messageId, firstLeaf + i]));
    let sequence = usedSequence ?? (await this.store.gatewaySequence());
    const toSign = batch.receipts.map((intent): ReceiptToSign => {
      sequence += 1;
      const leafIndex = intent.status === 'accepted' ? leafOf.get(intent.messageId) : undefined;
      return {
        intent,
        sequence,
        log:
          leafIndex === undefined || appended === undefined
            ? undefined
            : { leafIndex, checkpoint: appended.checkpoint, proof: appended.proof(leafIndex) },
      };
    });
    const receipts = await this.signReceipts(toSign);
    await this.store.writeWithinTransaction(batch, firstLeaf, receipts, sequence);
    return { receipts, logSize: appended?.size, addedRecipients: added };
  }
}
