import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { jetstream } from '@nats-io/jetstream';
import { inboxDedupeId, inboxSubject, saveKeyFile, signEnvelope, Streams } from '@atc/shared';
import { waitFor } from '@atc/tests';
import { BenchError, BenchErrorCode } from './bench-error.js';
import type { BenchContext } from './bench-context.js';
import { cpuProfFlags, startService } from './bench-service.js';
import { personRecordRequest } from './person-envelopes.js';
import { readProcStats } from './proc-stats.js';
import { scrapeMetrics } from './prometheus-text.js';
import { PublishPipeline } from './publish-pipeline.js';

/** How the hand-over was measured, said in the output. */
export const HANDOVER_METHOD =
  'a second agent (BY) ingests a backlog of PersonRecords from KZ published straight into its inbox stream (no webhook yet), is restarted with ATC_WEBHOOK_URL pointing at a node:http receiver in the benchmark process that answers 200 at once, and is timed from the first call to the last item taken (each DeliveryAck queued in its outbox meanwhile)';

/** What the hand-over measurement found. */
export interface HandoverResult {
  readonly method: string;
  readonly items: number;
  /** Items the receiver took per second, first call to last. */
  readonly perSecond: number;
  /** The agent's CPU time per item handed over (all its threads): the rate an idle core would allow. */
  readonly cpuMsPerItem: number;
  /** The agent's ATC_HANDOVER_CONCURRENCY. */
  readonly concurrency: number;
}

const RECEIVER = 'BY';
const SENDER = 'KZ';
const CONCURRENCY = 16;

/** A receiver that takes every call at once and notes when each item first arrived. */
async function startReceiver(): Promise<{
  server: Server;
  url: string;
  firstSeen: Map<string, number>;
}> {
  const firstSeen = new Map<string, number>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = req.headers['atc-delivery-id'];
      if (typeof id === 'string' && !firstSeen.has(id)) firstSeen.set(id, performance.now());
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}/atc-webhook`, firstSeen };
}

/** Puts `items` records from KZ to BY into BY's inbox stream, as the gateway routes them. */
async function fillInbox(ctx: BenchContext, items: number): Promise<void> {
  await ctx.jsm.streams.purge(Streams.inbox, { filter: inboxSubject(RECEIVER) });
  const key = ctx.federation.memberKeys.get(SENDER)!;
  const first = ctx.reserveSequences(items);
  const pipeline = new PublishPipeline(jetstream(ctx.nc));
  for (let i = 0; i < items; i++) {
    const request = personRecordRequest(SENDER, first + i);
    const envelope = signEnvelope(key, { ...request, header: { ...request.header, recipients: [RECEIVER] } });
    await pipeline.publish(inboxSubject(RECEIVER), envelope.bytes, inboxDedupeId(envelope.messageId, RECEIVER));
  }
  await pipeline.flush();
}

/**
 * Webhook hand-over throughput of one agent: a backlog of `items` in its inbox, handed to
 * a receiver that answers at once.
 */
export async function measureHandover(ctx: BenchContext, items: number): Promise<HandoverResult> {
  const dataDir = join(ctx.workDir, `agent-${RECEIVER}-handover`);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await saveKeyFile(join(dataDir, 'member.jwk'), ctx.federation.memberKeys.get(RECEIVER)!);
  const gatewayKeyFile = join(dataDir, 'gateway-public.jwk');
  await writeFile(gatewayKeyFile, JSON.stringify(ctx.federation.gatewayKey.publicJwk));
  const env = {
    ...ctx.childEnv,
    ATC_MEMBER_ID: RECEIVER,
    ATC_DATA_DIR: dataDir,
    ATC_GATEWAY_PUBLIC_KEY_FILE: gatewayKeyFile,
    ATC_NATS_URL: ctx.natsUrl,
    ATC_API_KEYS: randomBytes(32).toString('hex'),
    ATC_LOG_LEVEL: 'warn',
    // No gateway runs: the DeliveryAcks wait in the outbox without being sent again.
    ATC_RESEND_AFTER: '10m',
  };

  ctx.progress(`agent: hand-over: ${items.toLocaleString('en-US')} items into ${RECEIVER}'s inbox`);
  await fillInbox(ctx, items);
  const ingest = await startService({ kind: 'agent', env, logDir: ctx.logDir, logName: 'agent-handover-ingest' });
  try {
    await waitFor(
      async () => (await scrapeMetrics(ingest.url, ['atc_agent_inbox_pending']))['atc_agent_inbox_pending'] === items,
      {
        timeoutMs: 300_000,
        intervalMs: 250,
        message: `${items} items in ${RECEIVER}'s inbox (log: ${ingest.logFile})`,
      },
    );
  } finally {
    await ingest.stop();
  }

  const receiver = await startReceiver();
  const agent = await startService({
    kind: 'agent',
    env: {
      ...env,
      ATC_WEBHOOK_URL: receiver.url,
      ATC_WEBHOOK_SECRET: randomBytes(32).toString('hex'),
      ATC_HANDOVER_CONCURRENCY: String(CONCURRENCY),
    },
    logDir: ctx.logDir,
    logName: 'agent-handover',
    nodeFlags: cpuProfFlags(ctx.cpuProfDir, 'agent-handover'),
  });
  try {
    const cpuBefore = (await readProcStats(agent.pid))?.cpuSeconds ?? Number.NaN;
    await waitFor(() => receiver.firstSeen.size >= items, {
      timeoutMs: 300_000,
      intervalMs: 50,
      message: `${items} items handed over (log: ${agent.logFile})`,
    }).catch((e: unknown) => {
      throw new BenchError(BenchErrorCode.Stalled, `the hand-over stalled at ${receiver.firstSeen.size} of ${items}`, {
        cause: e,
      });
    });
    const times = [...receiver.firstSeen.values()];
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    const perSecond = seconds > 0 ? (items - 1) / seconds : Number.NaN;
    const cpuAfter = (await readProcStats(agent.pid))?.cpuSeconds ?? Number.NaN;
    const cpuMsPerItem = ((cpuAfter - cpuBefore) * 1000) / items;
    ctx.progress(
      `agent: hand-over: ${Math.round(perSecond).toLocaleString('en-US')} items/s, ${cpuMsPerItem.toFixed(2)} ms CPU per item`,
    );
    return { method: HANDOVER_METHOD, items, perSecond, cpuMsPerItem, concurrency: CONCURRENCY };
  } finally {
    await agent.stop();
    await new Promise<void>((resolve) => {
      receiver.server.closeAllConnections();
      receiver.server.close(() => {
        resolve();
      });
    });
  }
}
