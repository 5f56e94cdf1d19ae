import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  atc,
  createLogger,
  generateKeyPair,
  leafHash,
  nodeHash,
  signCheckpoint,
  uuidv7,
  type KeyPair,
} from '@atc/shared';
import type { IncomingReceipt } from '../inbox/inbox-consumer.js';
import { AgentMetrics } from '../metrics/agent-metrics.js';
import { openAgentDatabase, type AgentDb } from '../store/open-agent-database.js';
import { OutboxStore } from '../store/outbox-store.js';
import { LogProofCheck } from '../witness/log-proof-check.js';
import type { WitnessOutcome } from '../witness/witness.js';
import { ReceiptIntake } from './receipt-intake.js';

// The receipt intake reads each receipt's sent envelope from the outbox once: to tell whether
// the receipt is about this agent's bytes, and to check the log proof an ACCEPTED receipt
// carries against exactly those bytes. Real outbox file, real checkpoints and proofs; the
// witness is the observer the check reports to.

const ORIGIN = 'atc-exchange/ATC';

let dir: string;
let db: AgentDb;
let outbox: OutboxStore;
let gateway: KeyPair;
let metrics: AgentMetrics;
let observed: string[];
let bad: { messageId: string; problem: string }[];
let intake: ReceiptIntake;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atc-receipt-intake-'));
  db = openAgentDatabase(join(dir, 'agent.db'));
  outbox = new OutboxStore(db);
  gateway = generateKeyPair();
  metrics = new AgentMetrics();
  observed = [];
  bad = [];
  const logger = createLogger({ name: 'receipt-intake-test', level: 'silent' });
  const witness = {
    observe: (note: string): Promise<WitnessOutcome> => {
      observed.push(note);
      return Promise.resolve('accepted');
    },
    reportBadReceipt: (messageId: string, problem: string): void => {
      bad.push({ messageId, problem });
    },
  };
  intake = new ReceiptIntake({
    outbox,
    logProof: new LogProofCheck({ gatewayKey: gateway.publicKey, witness, logger }),
    metrics,
    logger,
  });
});

afterEach(async () => {
  if (db.open) db.close();
  await rm(dir, { recursive: true, force: true });
});

/** Queues a message with these envelope bytes; resolves to its id. */
function queued(envelope: Uint8Array): string {
  const messageId = uuidv7();
  outbox.enqueue(
    {
      messageId,
      sequence: outbox.nextSequence(),
      payloadType: 'atc.v1.PersonRecord',
      recipients: ['BY'],
      broadcast: false,
      envelope,
    },
    Date.now(),
  );
  return messageId;
}

/**
 * An ACCEPTED receipt for `messageId` whose log proof puts `logged` at leaf 1 of a two-leaf
 * tree, under a checkpoint signed by `signer`; it names the SHA-256 of `about`.
 */
function accepted(
  messageId: string,
  about: Uint8Array,
  logged: Uint8Array,
  signer: KeyPair = gateway,
): { receipt: IncomingReceipt; checkpoint: string } {
  const sibling = leafHash(Buffer.from('an earlier entry'));
  const checkpoint = signCheckpoint(
    { origin: ORIGIN, size: 2, rootHash: nodeHash(sibling, leafHash(logged)), extensions: [] },
    ORIGIN,
    signer.privateKey,
  );
  const payload = atc.v1.Receipt.encode({
    messageId,
    status: atc.v1.ReceiptStatus.RECEIPT_STATUS_ACCEPTED,
    leafIndex: 1,
    checkpoint,
    inclusionProof: [sibling],
  }).finish();
  const envelope = atc.v1.Envelope.encode({ header: new Uint8Array(0), payload }).finish();
  const receipt: IncomingReceipt = {
    receiptId: uuidv7(),
    messageId,
    status: 'accepted',
    recipients: ['BY'],
    recipient: null,
    reasonCode: null,
    detail: '',
    envelopeSha256: createHash('sha256').update(about).digest(),
    envelope,
    signedAt: Date.now(),
    receivedAt: Date.now(),
  };
  return { receipt, checkpoint };
}

describe('ReceiptIntake', () => {
  it('applies an ACCEPTED receipt whose proof holds for the envelope the outbox holds, and hands its checkpoint to the witness', () => {
    const sent = randomBytes(300);
    const id = queued(sent);
    const { receipt, checkpoint } = accepted(id, sent, sent);
    intake.take([receipt]);
    expect(outbox.get(id)?.status).toBe('accepted');
    expect(observed).toEqual([checkpoint]);
    expect(bad).toEqual([]);
  });

  it('reports a receipt whose proof does not link the envelope the outbox holds, and still applies it', () => {
    const sent = randomBytes(300);
    const id = queued(sent);
    // The receipt names this agent's bytes, but its log holds other bytes at that leaf.
    const { receipt } = accepted(id, sent, randomBytes(300));
    intake.take([receipt]);
    expect(outbox.get(id)?.status).toBe('accepted');
    expect(observed).toEqual([]);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ messageId: id });
    expect(bad[0]!.problem).toMatch(/does not link leaf 1 of the sent envelope/);
  });

  it('reports a receipt whose checkpoint another key signed', () => {
    const sent = randomBytes(300);
    const id = queued(sent);
    const { receipt } = accepted(id, sent, sent, generateKeyPair());
    intake.take([receipt]);
    expect(observed).toEqual([]);
    expect(bad).toHaveLength(1);
    expect(bad[0]!.problem).toMatch(/^checkpoint refused/);
  });

  it('neither applies nor checks a receipt about other bytes under one of its message ids', () => {
    const sent = randomBytes(300);
    const id = queued(sent);
    const other = randomBytes(300);
    const { receipt } = accepted(id, other, other);
    intake.take([receipt]);
    expect(outbox.get(id)?.status).toBe('queued');
    expect(observed).toEqual([]);
    expect(bad).toEqual([]);
  });

  it('has no proof to check for a message the outbox does not hold', () => {
    const stray = randomBytes(300);
    const { receipt } = accepted(uuidv7(), stray, stray);
    intake.take([receipt]);
    expect(observed).toEqual([]);
    expect(bad).toEqual([]);
  });
});
