import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  atc,
  generateKeyPair,
  leafHash,
  MerkleFrontier,
  openCheckpoint,
  verifyEnvelope,
  type KeyPair,
} from '@atc/shared';
import { startNatsServer, type NatsServerHandle } from '@atc/tests';
import { forkHelper } from './bench-service.js';
import type { FloorInput, FloorReport } from './floor-consumer.js';
import { publicKeyEntries } from './hand-verify.js';
import { signPersonEnvelope } from './person-envelopes.js';

const MEMBERS = ['KZ', 'BY', 'UZ'] as const;
const PER_MEMBER = 20;
const ORIGIN = 'atc-exchange/BENCH-FLOOR';

describe('the floor consumer (npm run bench, phase floor)', () => {
  let nats: NatsServerHandle;
  let dir: string;

  beforeAll(async () => {
    nats = await startNatsServer();
    dir = await mkdtemp(join(tmpdir(), 'atc-floor-test-'));
  });

  afterAll(async () => {
    await nats?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('archives, receipts and routes every valid envelope once, and refuses a forged and an unknown-key one', async () => {
    const keys = new Map<string, KeyPair>(MEMBERS.map((m) => [m, generateKeyPair()]));
    const gateway = generateKeyPair();
    const nc = await connect({ servers: nats.url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'FLOOR_IN', subjects: ['floor-in.>'] });
    await jsm.consumers.add('FLOOR_IN', { durable_name: 'floor', ack_policy: AckPolicy.Explicit });
    await jsm.streams.add({ name: 'FLOOR_OUT', subjects: ['floor-out.>'] });
    const js = jetstream(nc);
    const sent: { readonly messageId: string; readonly recipients: readonly string[] }[] = [];
    for (let i = 1; i <= PER_MEMBER; i++) {
      for (const [member, key] of keys) {
        const signed = signPersonEnvelope(key, member, i, MEMBERS);
        sent.push({ messageId: signed.messageId, recipients: signed.header.recipients });
        await js.publish(`floor-in.${member}`, signed.bytes);
      }
    }
    // A payload changed after signing (its digest no longer matches the signed header), and an
    // envelope signed by a key the floor does not know.
    const forged = atc.v1.Envelope.decode(signPersonEnvelope(keys.get('KZ')!, 'KZ', 999, MEMBERS).bytes);
    forged.payload = Buffer.concat([forged.payload, Buffer.from([0])]);
    await js.publish('floor-in.KZ', atc.v1.Envelope.encode(forged).finish());
    await js.publish('floor-in.KZ', signPersonEnvelope(generateKeyPair(), 'KZ', 1_000, MEMBERS).bytes);

    const dbPath = join(dir, 'floor.db');
    const helper = forkHelper<FloorReport>(
      'floor-consumer.ts',
      {
        natsUrl: nats.url,
        stream: 'FLOOR_IN',
        consumer: 'floor',
        expected: sent.length + 2,
        limitMs: 60_000,
        keys: publicKeyEntries(keys.values()),
        gatewayJwk: { ...gateway.privateJwk },
        dbPath,
        outSubjectPrefix: 'floor-out',
        batchSize: 16,
      } satisfies FloorInput,
      dir,
      'floor',
    );
    const reports: FloorReport[] = [];
    helper.onMessage((m) => reports.push(m));
    await helper.done;
    const last = reports.at(-1)!;
    const copies = sent.reduce((n, s) => n + s.recipients.length, 0);
    expect(last).toMatchObject({ kind: 'done', done: sent.length, invalid: 2, published: copies + sent.length });
    expect(last.cpuUs).toBeGreaterThan(0);
    // What it published, the server stored; and nothing is left unacknowledged.
    expect((await jsm.streams.info('FLOOR_OUT')).state.messages).toBe(copies + sent.length);
    expect((await jsm.consumers.info('FLOOR_IN', 'floor')).num_ack_pending).toBe(0);

    const db = new Database(dbPath, { readonly: true });
    try {
      const rows = db
        .prepare<[], { message_id: string; envelope: Buffer }>(
          'SELECT message_id, envelope FROM messages ORDER BY leaf_index',
        )
        .all();
      expect(rows.map((r) => r.message_id).sort()).toEqual(sent.map((s) => s.messageId).sort());
      // The last checkpoint is signed by the gateway key over the root of exactly those envelopes.
      const tree = new MerkleFrontier();
      for (const r of rows) tree.append(leafHash(r.envelope));
      const { note } = db
        .prepare<[], { note: string }>('SELECT note FROM checkpoints ORDER BY size DESC LIMIT 1')
        .get()!;
      const { checkpoint } = openCheckpoint(note, { name: ORIGIN, publicKey: gateway.publicKey }, ORIGIN);
      expect(checkpoint.size).toBe(sent.length);
      expect(checkpoint.rootHash.equals(tree.root())).toBe(true);
      // Every receipt is an envelope signed by the gateway, ACCEPTED, about one archived message.
      const receipts = db
        .prepare<[], { message_id: string; envelope: Buffer }>('SELECT message_id, envelope FROM receipts')
        .all();
      expect(receipts.map((r) => r.message_id).sort()).toEqual(sent.map((s) => s.messageId).sort());
      const resolver = {
        resolveKey: (kid: string) =>
          Promise.resolve(kid === gateway.kid ? { kid, owner: 'ATC', publicKey: gateway.publicKey } : undefined),
      };
      for (const r of receipts) {
        const verified = await verifyEnvelope(r.envelope, { resolver });
        const receipt = verified.payload as atc.v1.Receipt;
        expect(receipt.status).toBe(atc.v1.ReceiptStatus.RECEIPT_STATUS_ACCEPTED);
        expect(receipt.messageId).toBe(r.message_id);
      }
    } finally {
      db.close();
      await nc.close();
    }
  }, 90_000);
});
