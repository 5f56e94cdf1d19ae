import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import {
  AtcError,
  connectNats,
  ErrorCode,
  loadHttpsOptions,
  loadKeyFile,
  memberInboxPrefix,
  payloadToJson,
  publicKeyFromJwk,
  StorageHealth,
  systemClock,
  toPublicJwk,
  type Logger,
  type PayloadInput,
} from '@atc/shared';
import type { AgentConfig, AgentSecrets } from './config/agent-config.js';
import { HandoverLoop } from './handover/handover-loop.js';
import { WebhookDeliverer } from './handover/webhook-deliverer.js';
import { ApiKeyAuth } from './http/api-key-auth.js';
import { buildAgentApp } from './http/build-agent-app.js';
import { EventHub } from './http/event-hub.js';
import { InboxConsumer } from './inbox/inbox-consumer.js';
import { InboxStore, type InboxItem } from './inbox/inbox-store.js';
import { receiptForOtherBytes } from './inbox/receipt-for-other-bytes.js';
import { TrustStore } from './inbox/trust-store.js';
import { MessageComposer } from './messages/message-composer.js';
import { AgentMetrics } from './metrics/agent-metrics.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { openAgentDatabase } from './store/open-agent-database.js';
import { OutboxStore } from './store/outbox-store.js';
import { checkReceiptProof } from './witness/receipt-proof.js';
import { Witness } from './witness/witness.js';
import { WitnessStore } from './witness/witness-store.js';

/** How often the agent reads the trust list: the gateway publishes changes within a second too. */
const TRUST_POLL_MS = 1_000;

/** A running node agent. */
export interface RunningAgent {
  /** Where the integrator API listens, e.g. `http://127.0.0.1:8450` (`https://` with TLS on). */
  readonly url: string;
  /** Stops taking work, finishes what is in flight, closes. */
  stop(): Promise<void>;
}

async function loadPinnedKey(path: string): Promise<ReturnType<typeof toPublicJwk>> {
  try {
    return toPublicJwk(JSON.parse(await readFile(path, 'utf8')));
  } catch (e) {
    throw new AtcError(
      ErrorCode.KEY_INVALID,
      `the gateway public key ${path} cannot be used (${(e as Error).message}); copy it from "atc-gateway init" on the centre.`,
      { cause: e },
    );
  }
}

/**
 * Starts the node agent: the durable outbox and its relay, the verified inbox, the trust
 * list follower, the webhook hand-over (when configured) and the integrator API.
 */
export async function startAgent(options: {
  readonly config: AgentConfig;
  readonly secrets: AgentSecrets;
  readonly logger: Logger;
}): Promise<RunningAgent> {
  const { config, secrets, logger } = options;
  const clock = systemClock;
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const key = await loadKeyFile(config.keyFile);
  const pinned = await loadPinnedKey(config.gatewayKeyFile);
  const https = await loadHttpsOptions(config);
  const db = openAgentDatabase(config.databasePath);
  const outbox = new OutboxStore(db);
  const inbox = new InboxStore(db);
  const metrics = new AgentMetrics();
  const storage = new StorageHealth({
    name: 'the agent database',
    folder: dirname(config.databasePath),
    // Room for the largest record the agent signs, its outbox row and WAL frames.
    reserveBytes: 2 * config.maxEnvelopeBytes,
    // A synced write: the proof that storage is back when no record comes to show it.
    probe: () => {
      db.prepare("UPDATE agent_state SET value = value WHERE key = 'sender_sequence'").run();
    },
    onFailure: (failure) => {
      metrics.storageFailures.inc({ code: failure.code });
    },
    onRecovery: (downMs) => {
      logger.info({ downMs }, 'the agent database takes writes again');
    },
  });
  const events = new EventHub();
  const trust = new TrustStore({
    pinnedGatewayKey: pinned,
    gatewayId: config.gatewayId,
    cachePath: config.trustCachePath,
    logger,
  });
  await trust.loadCache();

  // Start even when NATS is down: the outbox keeps everything until it is back.
  const nc = await connectNats(
    { ...config, ...secrets },
    // The member's credentials may subscribe only below its own inbox prefix.
    {
      name: `atc-agent-${config.memberId}`,
      waitOnFirstConnect: true,
      inboxPrefix: memberInboxPrefix(config.memberId),
    },
  );
  const js = jetstream(nc);
  const gatewayKey = publicKeyFromJwk(pinned);
  const witnessStore = new WitnessStore(db);
  const witness = new Witness({
    nc,
    memberId: config.memberId,
    gatewayKey,
    memberKey: key.privateKey,
    store: witnessStore,
    logger: logger.child({ component: 'witness' }),
    clock,
    intervalMs: config.witnessInterval,
    onAlarm: (kind) => {
      metrics.logAlarms.inc({ kind });
    },
  });
  /** An ACCEPTED receipt's proof must hold; its checkpoint is then checked like any other. */
  const checkLogProof = (messageId: string, status: string, receipt: Uint8Array): void => {
    if (status !== 'accepted') return;
    const sent = outbox.envelopeOf(messageId);
    const proof = sent === undefined ? undefined : checkReceiptProof(receipt, sent, gatewayKey);
    if (proof === undefined) return;
    if (!proof.verified) {
      witness.reportBadReceipt(messageId, proof.problem ?? 'proof does not hold', { ...proof });
      return;
    }
    witness.observe(proof.checkpoint).catch((e: unknown) => {
      logger.warn({ err: e }, 'checkpoint of a receipt not checked');
    });
  };
  const relay = new OutboxRelay({
    store: outbox,
    js,
    memberId: config.memberId,
    logger: logger.child({ component: 'relay' }),
    clock,
    resendAfterMs: config.resendAfter,
    onPublishError: () => {
      metrics.publishErrors.inc();
    },
    onDuplicate: () => {
      metrics.publishDuplicates.inc();
    },
  });
  const composer = new MessageComposer({
    store: outbox,
    signer: key,
    memberId: config.memberId,
    gatewayId: config.gatewayId,
    maxEnvelopeBytes: config.maxEnvelopeBytes,
    clock,
    onQueued: () => {
      relay.wake();
    },
  });
  // The hand-over and its DeliveryAck are one transaction: a crash between them cannot
  // leave an item delivered whose sender never hears of it.
  const deliverItem = db.transaction(
    (item: { messageId: string; exercise: boolean }, at: number, channel: 'webhook' | 'api'): void => {
      if (!inbox.markDelivered(item.messageId, at, channel, channel === 'webhook')) return;
      const ack = composer.deliveryAck(item.messageId, channel, at, item.exercise);
      inbox.setAckMessage(item.messageId, ack.row.messageId);
    },
  );

  // Hand-overs taken by the receiver in one turn of the event loop: one transaction, one sync.
  const deliverItems = db.transaction((items: readonly InboxItem[], at: number): void => {
    for (const item of items) deliverItem(item, at, 'webhook');
  });

  const deliverer =
    config.webhookUrl === undefined || secrets.webhookSecret === undefined
      ? undefined
      : new WebhookDeliverer({
          url: config.webhookUrl,
          secret: secrets.webhookSecret,
          timeoutMs: config.webhookTimeout,
          maxAttempts: config.webhookMaxAttempts,
          maxConnections: config.handoverConcurrency,
          logger,
          clock,
        });
  const handover =
    deliverer === undefined
      ? undefined
      : new HandoverLoop({
          inbox,
          deliverer,
          delivered: deliverItems,
          concurrency: config.handoverConcurrency,
          onFailed: () => {
            metrics.webhookFailures.inc();
          },
          onInFlight: (count) => {
            metrics.webhookInFlight.set(count);
          },
          logger,
          clock,
        });

  const consumer = new InboxConsumer({
    js,
    storage,
    memberId: config.memberId,
    gatewayId: config.gatewayId,
    maxEnvelopeBytes: config.maxEnvelopeBytes,
    trust,
    inbox,
    onReceipt: (r) => {
      const other = receiptForOtherBytes(r, r.messageId === '' ? undefined : outbox.envelopeOf(r.messageId));
      if (other !== undefined) {
        metrics.receiptsForOtherBytes.inc({ kind: other });
        logger.error(
          {
            kind: other,
            messageId: r.messageId,
            envelopeSha256: Buffer.from(r.envelopeSha256).toString('hex'),
            reasonCode: r.reasonCode,
          },
          other === 'unidentified'
            ? 'the centre refused bytes without a message id from this member: something else publishes with its NATS credentials'
            : 'the centre holds another envelope under this message id: the receipt is not applied, and the message is sent again',
        );
        // Nothing in the outbox is about these bytes: an `other_envelope` message stays unsettled,
        // so that its next resend (after JetStream's window) reaches the gateway, which refuses
        // it as ERR_MESSAGE_ID_REUSED with a receipt about this agent's own bytes.
        return;
      }
      checkLogProof(r.messageId, r.status, r.envelope);
      outbox.applyReceipt({
        receiptId: r.receiptId,
        messageId: r.messageId,
        status: r.status,
        recipients: r.recipients,
        recipient: r.recipient,
        reasonCode: r.reasonCode,
        detail: r.detail,
        envelope: r.envelope,
        receivedAt: r.receivedAt,
      });
    },
    onItem: (messageId) => {
      events.publish(messageId);
      handover?.wake();
    },
    payloadToJson: (v) => {
      try {
        return payloadToJson(v.payloadType, v.payload as PayloadInput<typeof v.payloadType>);
      } catch (e) {
        // Verified, but using values this agent's protocol version cannot name (a newer peer):
        // keep the item, say so, and let the national system read the signed envelope.
        logger.warn({ err: e, messageId: v.header.messageId }, 'record not expressible as JSON');
        return { unreadable: (e as Error).message };
      }
    },
    onRefused: (code) => {
      metrics.inboxRefused.inc({ code });
    },
    logger: logger.child({ component: 'inbox' }),
    clock,
    unknownKeyGraceMs: config.unknownKeyGrace,
  });

  const abort = new AbortController();
  witness.start();
  // The bucket may not exist yet (gateway not started): the follower keeps trying.
  const following = trust.follow(nc, abort.signal, TRUST_POLL_MS);

  relay.start();
  consumer.start();
  handover?.start();

  const app = await buildAgentApp({
    memberId: config.memberId,
    composer,
    outbox,
    inbox,
    events,
    auth: new ApiKeyAuth(secrets.apiKeys),
    metrics,
    readiness: [
      { name: 'nats', check: () => !nc.isClosed() && nc.info !== undefined },
      { name: 'trust-list', check: () => trust.trustList !== undefined },
      { name: 'log', check: () => witness.healthy() },
      {
        name: 'storage',
        check: async () => {
          const state = await storage.state();
          return { ok: state.writable, reason: state.reason };
        },
      },
    ],
    storage,
    alarms: () => trust.alarms,
    logAlarms: witnessStore,
    receiptProof: (receipt, sent) => checkReceiptProof(receipt, sent, gatewayKey),
    deliverItem,
    maxEnvelopeBytes: config.maxEnvelopeBytes,
    logger,
    clock,
    https,
  });
  const url = await app.listen({ host: config.httpListen.host, port: config.httpListen.port });
  logger.info({ url, member: config.memberId, kid: key.kid }, 'agent started');

  return {
    url,
    async stop(): Promise<void> {
      await app.close();
      await handover?.stop();
      deliverer?.close();
      await consumer.stop();
      await witness.stop();
      abort.abort();
      await following;
      await relay.stop();
      // Draining needs the server; while NATS is down, just close.
      await nc.drain().catch(() => nc.close());
      db.close();
      logger.info('agent stopped');
    },
  };
}
