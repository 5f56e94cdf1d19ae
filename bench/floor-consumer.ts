// The floor: the steps no design of the gateway can leave out, and nothing else, hand-written
// on one thread. For each batch taken from a JetStream pull consumer: decode each envelope,
// check its payload's digest and its Ed25519 signature, hash it (its SHA-256 and its Merkle leaf), archive it in one
// SQLite transaction with fsync (the envelope, its leaf and the tree's completed nodes), sign
// one checkpoint for the batch and one receipt per envelope, publish a copy to each recipient
// and the receipt to the sender through JetStream (stored on disk, acknowledged by the server),
// and only then acknowledge the submissions. No policy, no idempotency look-up, no data bank,
// no metrics, no flow events: what the gateway would cost if those were free.
import { createHash, sign } from 'node:crypto';
import { jetstream, type JsMsg } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  atc,
  completeEnvelope,
  keyPairFromJwk,
  leafHash,
  MerkleFrontier,
  PayloadType,
  prepareOwnEnvelope,
  signCheckpoint,
  StreamPublisher,
  type StreamMessage,
  toTimestamp,
  uuidv7,
} from '@atc/shared';
import Database from 'better-sqlite3';
import { helperInput, toParent } from './bench-service.js';
import type { DrainInput, DrainReport } from './copy-drain.js';
import { detachedJwsValid, publicKeysByKid, type PublicKeyEntry } from './hand-verify.js';

/** What the parent gives the floor consumer. */
export interface FloorInput extends DrainInput {
  /** The members' public keys. */
  readonly keys: readonly PublicKeyEntry[];
  /** The gateway's private JWK: it signs the receipts and checkpoints. */
  readonly gatewayJwk: Record<string, unknown>;
  /** The SQLite file the floor archives into (created). */
  readonly dbPath: string;
  /** Copies and receipts go to `<prefix>.<member>`. */
  readonly outSubjectPrefix: string;
  /** Submissions per batch at most (the gateway's ATC_BATCH_SIZE default). */
  readonly batchSize: number;
}

/** What the floor consumer reports (see DrainReport), with the copies and receipts the server stored. */
export interface FloorReport extends DrainReport {
  readonly published: number;
}

/** Batches whose publication may still be waiting for the server when the next one commits (as the gateway). */
const PUBLICATIONS_AHEAD = 2;

const input = await helperInput<FloorInput>();
const memberKeys = publicKeysByKid(input.keys);
const gatewayKey = keyPairFromJwk(input.gatewayJwk);

// As the gateway's archive: WAL, and a commit on disk before anything is acknowledged.
const db = new Database(input.dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`CREATE TABLE IF NOT EXISTS messages (
  leaf_index INTEGER PRIMARY KEY, message_id TEXT NOT NULL UNIQUE, sender TEXT NOT NULL,
  recipients TEXT NOT NULL, envelope BLOB NOT NULL, envelope_sha256 BLOB NOT NULL, archived_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS receipts (receipt_id TEXT PRIMARY KEY, message_id TEXT NOT NULL, envelope BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS merkle_nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL,
  PRIMARY KEY (level, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);`);
const insertMessage = db.prepare(
  'INSERT INTO messages (leaf_index, message_id, sender, recipients, envelope, envelope_sha256, archived_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
);
const insertReceipt = db.prepare('INSERT INTO receipts (receipt_id, message_id, envelope) VALUES (?, ?, ?)');
const insertNode = db.prepare('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)');
const insertCheckpoint = db.prepare('INSERT INTO checkpoints (size, note) VALUES (?, ?)');
const frontier = new MerkleFrontier();
/** The receipts' sender_sequence (the gateway's own). */
let receiptSequence = 0;

const nc = await connect({ servers: input.natsUrl, name: 'atc-bench-floor' });
// Acknowledged publication without a request (timer, promise, error object) per message: the
// gateway's own way (StreamPublisher), which the floor takes rather than pay for js.publish.
const publisher = new StreamPublisher(nc);
const consumer = await jetstream(nc).consumers.get(input.stream, input.consumer);
const messages = await consumer.consume({ max_messages: 1_000 });

let done = 0;
let invalid = 0;
let published = 0;
const now = (): number => performance.timeOrigin + performance.now();
const report = (kind: FloorReport['kind']): FloorReport => {
  const usage = process.resourceUsage();
  return {
    kind,
    atMs: now(),
    done,
    invalid,
    published,
    cpuUs: usage.userCPUTime + usage.systemCPUTime,
    maxRssKb: usage.maxRSS,
  };
};
await toParent(report('progress'));
const ticker = setInterval(() => {
  void toParent(report('progress'));
}, 250);

/** A verified submission, ready to archive. */
interface Accepted {
  readonly m: JsMsg;
  readonly data: Uint8Array;
  readonly header: atc.v1.Header;
  readonly sha: Buffer;
}

const queue: JsMsg[] = [];
let wake: (() => void) | undefined;
let ended = false;
const stopAt = now() + input.limitMs;
void (async () => {
  for await (const m of messages) {
    queue.push(m);
    wake?.();
  }
  ended = true;
  wake?.();
})();

const publications: Promise<void>[] = [];
let taken = 0;
while (taken < input.expected && now() < stopAt) {
  if (queue.length === 0) {
    if (ended) break;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    wake = undefined;
    continue;
  }
  const batch = queue.splice(0, Math.min(input.batchSize, input.expected - taken));
  taken += batch.length;
  const accepted: Accepted[] = [];
  for (const m of batch) {
    const header = verified(m.data);
    if (header === undefined) {
      invalid++;
      m.term();
      continue;
    }
    accepted.push({ m, data: m.data, header, sha: createHash('sha256').update(m.data).digest() });
  }
  const publication = commit(accepted);
  publications.push(publication);
  while (publications.length > PUBLICATIONS_AHEAD) await publications.shift();
}
await Promise.all(publications);
clearInterval(ticker);
await toParent(report('done'));
await messages.close();
await nc.drain();
db.close();
process.disconnect();

/**
 * Archives a batch in one transaction (fsync on commit), with its receipts and checkpoint;
 * then publishes its copies and receipts, and acknowledges its submissions once the server
 * has stored them all. Resolves when the batch is acknowledged.
 */
function commit(batch: readonly Accepted[]): Promise<void> {
  const archivedAt = Date.now();
  const first = frontier.size;
  const receipts: { readonly to: string; readonly id: string; readonly bytes: Uint8Array }[] = [];
  db.transaction(() => {
    for (const [i, a] of batch.entries()) {
      for (const node of frontier.append(leafHash(a.data))) insertNode.run(node.id.level, node.id.index, node.hash);
      insertMessage.run(
        first + i,
        a.header.messageId,
        a.header.sender,
        a.header.recipients.join(','),
        a.data,
        a.sha,
        archivedAt,
      );
    }
    const note = signCheckpoint(
      { origin: 'atc-exchange/BENCH-FLOOR', size: frontier.size, rootHash: frontier.root(), extensions: [] },
      'atc-exchange/BENCH-FLOOR',
      gatewayKey.privateKey,
    );
    insertCheckpoint.run(frontier.size, note);
    for (const [i, a] of batch.entries()) {
      const unsigned = prepareOwnEnvelope(gatewayKey.kid, {
        header: {
          messageId: uuidv7(),
          sender: 'ATC',
          senderSequence: ++receiptSequence,
          recipients: [a.header.sender],
          createdAt: toTimestamp(archivedAt),
          inReplyTo: a.header.messageId,
          handling: { tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER_STRICT },
          urgency: atc.v1.Urgency.URGENCY_NORMAL,
        },
        payloadType: PayloadType.Receipt,
        payload: {
          messageId: a.header.messageId,
          status: atc.v1.ReceiptStatus.RECEIPT_STATUS_ACCEPTED,
          recipients: [...a.header.recipients],
          envelopeSha256: a.sha,
          at: toTimestamp(archivedAt),
          leafIndex: first + i,
          checkpoint: note,
        },
      });
      const bytes = completeEnvelope(unsigned, sign(null, unsigned.signingInput, gatewayKey.privateKey));
      insertReceipt.run(unsigned.messageId, a.header.messageId, bytes);
      receipts.push({ to: a.header.sender, id: unsigned.messageId, bytes });
    }
  })();
  const out: StreamMessage[] = [];
  for (const a of batch) {
    for (const to of a.header.recipients) {
      out.push({ subject: `${input.outSubjectPrefix}.${to}`, data: a.data, msgId: `${a.header.messageId}.${to}` });
    }
  }
  for (const r of receipts) out.push({ subject: `${input.outSubjectPrefix}.${r.to}`, data: r.bytes, msgId: r.id });
  return publisher.publishAll(out).then(() => {
    published += out.length;
    for (const a of batch) a.m.ack();
    done += batch.length;
  });
}

/** The envelope's header when its payload digest and its detached JWS over the header bytes verify; undefined otherwise. */
function verified(data: Uint8Array): atc.v1.Header | undefined {
  try {
    const envelope = atc.v1.Envelope.decode(data);
    const header = atc.v1.Header.decode(envelope.header);
    // The signed header binds the payload through its digest.
    if (!createHash('sha256').update(envelope.payload).digest().equals(header.payloadSha256)) return undefined;
    return detachedJwsValid(envelope, memberKeys) ? header : undefined;
  } catch {
    return undefined;
  }
}
