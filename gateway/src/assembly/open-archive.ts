import { toIso, type Clock, type KeyPair, type Logger } from '@atc/shared';
import { ReceiptSigner, type SignMany } from '../pipeline/receipt-signer.js';
import { Registry } from '../registry/registry.js';
import { SqlArchiveReader, type ArchiveReader } from '../archive/archive-reader.js';
import { BatchCommitter } from '../archive/batch-committer.js';
import { keyEventRecorder } from '../archive/key-event-recorder.js';
import { MerkleLog } from '../archive/merkle-log.js';
import { MessageStore } from '../archive/message-store.js';
import { backfillRecordIndex, backfillRecordQuotes } from '../archive/record-index.js';
import { openArchiveDb, type ArchiveLocation } from '../db/open-database.js';
import type { SqlDb } from '../db/sql-db.js';

/** The archive's parts, wired to one database. */
export interface Archive {
  readonly db: SqlDb;
  readonly store: MessageStore;
  readonly log: MerkleLog;
  readonly committer: BatchCommitter;
  /** The archive as its readers (data bank, search, console) see it. */
  readonly reader: ArchiveReader;
  /** The member registry; its key changes are logged as KeyEvent entries. */
  readonly registry: Registry;
  close(): Promise<void>;
}

/**
 * Opens the archive (SQLite or PostgreSQL) and wires its parts: message store, Merkle log (checkpoints
 * signed with the gateway key), group committer and registry, after indexing the records of
 * an archive written before the record index existed. Used by the service and by
 * the CLI alike, so that a key registered from the command line is logged the same way.
 */
export async function openArchive(options: {
  readonly location: ArchiveLocation;
  readonly gatewayId: string;
  readonly logOrigin: string;
  readonly key: KeyPair;
  readonly clock: Clock;
  /** Where the record index's backfill of an older archive reports its progress. */
  readonly logger?: Logger;
  /** Where batches of receipts are signed (the signature pool's workers; default: the calling thread). */
  readonly signMany?: SignMany;
}): Promise<Archive> {
  const { key, clock } = options;
  const db = await openArchiveDb(options.location);
  try {
    // An archive written before the record index existed gets it before anything routes a
    // withdrawal, and the copies its search answers quoted before quotes were recorded.
    await backfillRecordIndex(db, options.logger);
    await backfillRecordQuotes(db, options.logger);
  } catch (e) {
    await db.close();
    throw e;
  }
  const store = new MessageStore(db);
  const log = new MerkleLog(
    db,
    { origin: options.logOrigin, privateKey: key.privateKey },
    clock,
    (behindMs, lastCheckpointAt) => {
      if (behindMs > 0) {
        options.logger?.error(
          { behindMs, lastCheckpointAt: toIso(lastCheckpointAt) },
          "the gateway's clock reads earlier than the newest checkpoint: new checkpoints are dated 1 ms after it until the clock catches up; check this host's time synchronisation (NTP)",
        );
      } else options.logger?.info("the gateway's clock has passed the newest checkpoint again");
    },
  );
  const receipts = new ReceiptSigner(key, options.gatewayId, clock, options.signMany);
  const committer = new BatchCommitter(db, store, log, (items) => receipts.signAll(items));
  const registry = new Registry(db, clock, {
    reservedIds: [options.gatewayId],
    onKeyEvent: keyEventRecorder({
      committer,
      signer: key,
      gatewayId: options.gatewayId,
      nextSequence: async () => (await store.gatewaySequence()) + 1,
      clock,
    }),
  });
  try {
    // Audit rows written before the audit log was a hash chain are chained now, once.
    await registry.audit.chainExisting();
  } catch (e) {
    await db.close();
    throw e;
  }
  return { db, store, log, committer, registry, reader: new SqlArchiveReader(db), close: () => db.close() };
}
