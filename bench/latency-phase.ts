import { availableParallelism } from 'node:os';
import { jetstream, type ConsumerMessages } from '@nats-io/jetstream';
import { atc, inboxConsumer, Streams, submitSubject } from '@atc/shared';
import { BenchError, BenchErrorCode } from './bench-error.js';
import type { BenchContext } from './bench-context.js';
import { gatewayEnvironment } from './bench-federation.js';
import { cpuProfFlags, startService } from './bench-service.js';
import { BankLagSampler, readBankPosition, type BankLagSummary } from './databank-lag.js';
import { Histogram, type LatencySummary } from './histogram.js';
import { ProcSampler, readProcStats } from './proc-stats.js';
import { fetchMetricsText, gatewayStageMeansMs } from './prometheus-text.js';
import { PublishPipeline } from './publish-pipeline.js';
import type { ReturnedEnvelope } from './publisher-process.js';
import { runPublishers } from './run-publishers.js';

/** How latency was measured, said in the output. */
export const LATENCY_METHOD =
  "paced publisher at a fixed offered load into ATC_SUBMIT (as an agent publishes, PubAck awaited), the gateway running, one pull consumer per member inbox as agents bind; latency = inbox arrival - publish, same process and clock; warm-up excluded; the offered load starts once the gateway's data bank has caught up with the archive (or the wait's limit passed), the lighter one once every copy of the offered load arrived (or that wait gave up) and the bank is back where the offered load found it (or its wait's limit passed)";

/** What the latency phase measured. */
export interface LatencyPhaseResult {
  readonly method: string;
  readonly offeredRate: number;
  /** What the pacer achieved. */
  readonly achievedRate: number;
  readonly measuredSeconds: number;
  /** Submit -> routed copy consumed from the recipient's inbox. */
  readonly toRecipient: LatencySummary;
  /** Submit -> ACCEPTED receipt consumed from the sender's inbox. */
  readonly toReceipt: LatencySummary;
  /** Submit -> recipient at the lighter offered load, measured right after (the gateway warm). */
  readonly lowLoad: { readonly offeredRate: number; readonly toRecipient: LatencySummary; readonly missing: number };
  /**
   * Routed copies that had not arrived when the phase gave up waiting (the gateway could not
   * keep up with the offered load). They are counted in `toRecipient` with the time they had
   * waited so far, so its percentiles are lower bounds whenever this is not 0.
   */
  readonly missing: number;
  readonly gatewayPeakRssMb: number;
  /** Submit -> recipient by the second of publication (from the first measured one): shows a backlog forming or draining. */
  readonly timeline: readonly {
    readonly second: number;
    readonly copies: number;
    readonly p50Ms: number;
    readonly maxMs: number;
  }[];
  /**
   * CPU cores each process kept busy over the measured seconds (the machine has
   * `machineCores`): what the offered load costs, and how close to saturation it runs.
   */
  readonly cpuCores: {
    readonly gateway: number;
    readonly natsServer: number | undefined;
    readonly loadGenerator: number;
    readonly machineCores: number;
  };
  /** Mean time per batch in each gateway pipeline stage (atc_gateway_stage_seconds), in ms. */
  readonly gatewayStagesMs: Readonly<Record<string, number>>;
  /** The data bank in that gateway, or undefined when its `/readyz` reports none. */
  readonly databank: LatencyBankLag | undefined;
}

/** How the data bank kept up while the latency phase ran. */
export interface LatencyBankLag {
  /**
   * What the bank had to catch up with when the gateway started (the archive of the earlier
   * phases), and how long the gateway's projector took; the load starts once it has.
   */
  readonly catchUp: BankCatchUp;
  /** Its lag, sampled on `/readyz` over the measured seconds at the offered load. */
  readonly underLoad: BankLagSummary | undefined;
  /**
   * What the bank was behind once every copy of the offered load had arrived, and how long it
   * took to get back to where the offered load found it ({@link catchUp}'s `left`): the lighter
   * load starts after it, so that it measures the gateway at that rate, not the bank's recovery
   * from the heavier one.
   */
  readonly beforeLowLoad: BankCatchUp | undefined;
}

/** The data bank's catching up with the archive before a load: entries behind, seconds taken. */
export interface BankCatchUp {
  readonly entries: number;
  readonly seconds: number;
  /** False when it had not got as far as the wait asked within its limit (the load then started anyway). */
  readonly caughtUp: boolean;
  /** Entries still behind when the wait ended (0 when it caught up with the archive). */
  readonly left: number;
}

/** The id of the message a routed copy carries, or of the message a receipt is about. */
function identify(data: Uint8Array, gatewayId: string): { kind: 'copy' | 'receipt'; messageId: string; ok: boolean } {
  const envelope = atc.v1.Envelope.decode(data);
  const header = atc.v1.Header.decode(envelope.header);
  if (header.sender !== gatewayId) return { kind: 'copy', messageId: header.messageId, ok: true };
  const receipt = atc.v1.Receipt.decode(envelope.payload);
  return {
    kind: 'receipt',
    messageId: receipt.messageId,
    ok: receipt.status === atc.v1.ReceiptStatus.RECEIPT_STATUS_ACCEPTED,
  };
}

/**
 * Submit -> recipient latency at a fixed offered load: pre-signed envelopes are published at
 * `latencyRate` per second while the gateway runs; every member's inbox is consumed, and each
 * routed copy's arrival is timed against its publication (HDR-style histogram).
 */
export async function runLatencyPhase(
  ctx: BenchContext,
  presigned: readonly ReturnedEnvelope[] = [],
): Promise<LatencyPhaseResult> {
  const { latencyRate: rate, latencyWarmupSeconds } = ctx.plan;
  const members = [...ctx.federation.memberKeys.keys()];
  const perMember = latencyEnvelopesPerMember(ctx);
  const signed =
    presigned.length >= perMember * members.length
      ? presigned
      : (await runPublishers(ctx, { perMember, mode: 'return', label: 'latency: signing' })).returned;
  // Interleave members as the publishers produced them, each member in sequence order.
  const all = interleave(signed, members);
  const mainCount = rate * (latencyWarmupSeconds + ctx.plan.latencySeconds);
  const envelopes = all.slice(0, mainCount);
  const lowEnvelopes = all.slice(mainCount, mainCount + ctx.plan.latencyLowRate * ctx.plan.latencyLowSeconds);
  const warmup = rate * latencyWarmupSeconds;

  // Start from empty inboxes: earlier phases left routed copies nobody consumed.
  await ctx.jsm.streams.purge(Streams.inbox).catch(() => undefined);
  const gateway = await startService({
    kind: 'gateway',
    env: gatewayEnvironment(ctx.childEnv, ctx.natsUrl, ctx.gatewayDir),
    logDir: ctx.logDir,
    logName: 'gateway-latency',
    nodeFlags: cpuProfFlags(ctx.cpuProfDir, 'latency'),
  });
  const bankLag = new BankLagSampler(gateway.url);
  const sampler = new ProcSampler(gateway.pid);
  sampler.start();

  const sentAt = new Map<string, number>();
  const measured = new Set(envelopes.slice(warmup).map((e) => e.messageId));
  const toRecipient = new Histogram();
  /** Submit -> recipient per second of publication, for the timeline. */
  const bySecond: Histogram[] = [];
  let measuredFrom: number | undefined;
  let cpuFrom: CpuReading | undefined;
  const toReceipt = new Histogram();
  const lowToRecipient = new Histogram();
  const low = new Set(lowEnvelopes.map((e) => e.messageId));
  for (const id of low) measured.add(id);
  /** Copies still awaited, per measured message and recipient (one each). */
  const copyKey = (messageId: string, recipient: string): string => `${messageId} ${recipient}`;
  const awaited = new Set(
    [...envelopes.slice(warmup), ...lowEnvelopes].flatMap((e) => e.recipients.map((r) => copyKey(e.messageId, r))),
  );
  let copiesExpected = 0;
  for (const e of envelopes.slice(warmup)) copiesExpected += e.recipients.length;
  let lowExpected = 0;
  for (const e of lowEnvelopes) lowExpected += e.recipients.length;
  let copiesSeen = 0;
  let lowSeen = 0;
  /** Copies of any message, warm-up included: proof the pipeline moves at all. */
  let anyCopies = 0;
  const js = jetstream(ctx.nc);
  const subscriptions: ConsumerMessages[] = [];
  const loops: Promise<void>[] = [];
  try {
    const bankCatchUp = await waitForBank(ctx, gateway.url);
    for (const member of members) {
      const consumer = await js.consumers.get(Streams.inbox, inboxConsumer(member));
      const messages = await consumer.consume({ max_messages: 1_000 });
      subscriptions.push(messages);
      loops.push(
        (async () => {
          for await (const m of messages) {
            const arrived = performance.now();
            const { kind, messageId, ok } = identify(m.data, 'ATC');
            m.ack();
            if (kind === 'copy') anyCopies++;
            const sent = sentAt.get(messageId);
            if (sent === undefined || !measured.has(messageId) || !ok) continue;
            if (kind === 'copy') {
              // A copy counted already (as missing when the wait gave up, or handed out twice) counts once.
              if (!awaited.delete(copyKey(messageId, member))) continue;
            }
            if (kind === 'copy' && low.has(messageId)) {
              lowToRecipient.record(arrived - sent);
              lowSeen++;
            } else if (kind === 'copy') {
              toRecipient.record(arrived - sent);
              const second = Math.floor((sent - (measuredFrom ?? sent)) / 1000);
              (bySecond[second] ??= new Histogram()).record(arrived - sent);
              copiesSeen++;
            } else if (!low.has(messageId)) toReceipt.record(arrived - sent);
          }
        })(),
      );
    }

    ctx.progress(
      `latency: publishing ${envelopes.length.toLocaleString('en-US')} envelopes at ${rate}/s (first ${latencyWarmupSeconds} s are warm-up)`,
    );
    const pipeline = new PublishPipeline(js, 10_000);
    /** Publishes `list` at `perSecond`; `before(i)` runs before the i-th. */
    const pace = async (
      list: readonly ReturnedEnvelope[],
      perSecond: number,
      before?: (i: number) => Promise<void>,
    ) => {
      const from = performance.now();
      let next = 0;
      let lastLine = from;
      while (next < list.length) {
        const due = Math.min(list.length, Math.floor(((performance.now() - from) * perSecond) / 1000) + 1);
        while (next < due) {
          await before?.(next);
          const e = list[next++]!;
          sentAt.set(e.messageId, performance.now());
          await pipeline.publish(submitSubject(e.member), e.bytes, e.messageId);
        }
        if (performance.now() - lastLine >= 2_000) {
          lastLine = performance.now();
          ctx.progress(`latency: ${next.toLocaleString('en-US')}/${list.length.toLocaleString('en-US')} published`);
        }
        await new Promise((r) => setTimeout(r, 1));
      }
    };
    const started = performance.now();
    await pace(envelopes, rate, async (i) => {
      if (i !== warmup) return;
      measuredFrom = performance.now();
      cpuFrom = await cpuNow(gateway.pid, ctx.natsPid);
      bankLag.start();
    });
    const publishedIn = (performance.now() - started) / 1000;
    const cpuTo = await cpuNow(gateway.pid, ctx.natsPid);
    const underLoad = await bankLag.stop();
    const measuredFor = (performance.now() - (measuredFrom ?? started)) / 1000;
    await pipeline.flush();
    await waitForCopies(() => copiesSeen, copiesExpected, ctx.plan.mode === 'quick' ? 4_000 : 30_000);
    if (anyCopies === 0) {
      throw new BenchError(BenchErrorCode.Stalled, `no routed copy reached a recipient inbox; see ${gateway.logFile}`);
    }
    const gaveUpAt = performance.now();
    // Still travelling: counted with what they waited so far (a lower bound).
    // Once counted so, a copy that arrives later is not counted again (and `missing` stays).
    const recordMissing = (list: readonly ReturnedEnvelope[], histogram: Histogram, at: number): void => {
      for (const e of list) {
        for (const r of e.recipients)
          if (awaited.delete(copyKey(e.messageId, r))) histogram.record(at - sentAt.get(e.messageId)!);
      }
    };
    recordMissing(envelopes.slice(warmup), toRecipient, gaveUpAt);
    if (copiesSeen < copiesExpected) {
      ctx.progress(
        `latency: the gateway did not keep up with ${rate}/s: ${(copiesExpected - copiesSeen).toLocaleString('en-US')} of ${copiesExpected.toLocaleString('en-US')} copies still missing; percentiles are lower bounds`,
      );
    }
    const stagesMs = gatewayStageMeansMs(await fetchMetricsText(gateway.url));
    // The lighter load, on the gateway now warm: no backlog in the pipeline (every copy
    // arrived), and none in the data bank beyond what the offered load found (caught up, unless
    // the first wait ran out): not the 20,000 entries a full run's 30 s at 1,000 msg/s leave
    // it on 2 cores, which its thread would otherwise project during the step.
    const beforeLowLoad = bankCatchUp === undefined ? undefined : await waitForBank(ctx, gateway.url, bankCatchUp.left);
    ctx.progress(
      `latency: publishing ${lowEnvelopes.length.toLocaleString('en-US')} envelopes at ${ctx.plan.latencyLowRate}/s`,
    );
    await pace(lowEnvelopes, ctx.plan.latencyLowRate);
    await pipeline.flush();
    await waitForCopies(() => lowSeen, lowExpected, ctx.plan.mode === 'quick' ? 4_000 : 30_000);
    recordMissing(lowEnvelopes, lowToRecipient, performance.now());
    const { maxRssBytes, last } = await sampler.stop();
    return {
      method: LATENCY_METHOD,
      offeredRate: rate,
      achievedRate: envelopes.length / publishedIn,
      measuredSeconds: ctx.plan.latencySeconds,
      toRecipient: toRecipient.summary(),
      toReceipt: toReceipt.summary(),
      lowLoad: {
        offeredRate: ctx.plan.latencyLowRate,
        toRecipient: lowToRecipient.summary(),
        missing: lowExpected - lowSeen,
      },
      missing: copiesExpected - copiesSeen,
      gatewayPeakRssMb: Math.max(maxRssBytes, last?.peakRssBytes ?? 0) / 2 ** 20,
      timeline: bySecond.flatMap((h, second) => {
        const { count, p50Ms, maxMs } = h.summary();
        return count === 0 ? [] : [{ second, copies: count, p50Ms, maxMs }];
      }),
      cpuCores: {
        gateway: (cpuTo.gateway - (cpuFrom?.gateway ?? 0)) / measuredFor,
        natsServer:
          cpuTo.nats === undefined || cpuFrom?.nats === undefined
            ? undefined
            : (cpuTo.nats - cpuFrom.nats) / measuredFor,
        loadGenerator: (cpuTo.self - (cpuFrom?.self ?? 0)) / measuredFor,
        machineCores: availableParallelism(),
      },
      gatewayStagesMs: stagesMs,
      databank: bankCatchUp === undefined ? undefined : { catchUp: bankCatchUp, underLoad, beforeLowLoad },
    };
  } finally {
    await bankLag.stop();
    await Promise.all(subscriptions.map((s) => s.close()));
    await Promise.allSettled(loops);
    await gateway.stop();
    // Whatever the gateway had not taken yet must not reach a later phase.
    await ctx.jsm.streams.purge(Streams.submit).catch(() => undefined);
  }
}

/**
 * Waits until the gateway's data bank is no more than `behind` entries behind the archive
 * (polling `/readyz`): by default caught up, so that the load meets a bank with no backlog.
 * Undefined when the gateway has no data bank.
 */
async function waitForBank(ctx: BenchContext, url: string, behind = 0): Promise<BankCatchUp | undefined> {
  // Right after a load the gateway may be slow to answer: a failed first read is tried once more.
  const first = await readBankPosition(url).catch(() => readBankPosition(url));
  if (first === undefined) return undefined;
  const started = performance.now();
  const limitMs = ctx.plan.mode === 'quick' ? 60_000 : 300_000;
  let position = first;
  let lastLine = started;
  while (position.lag > behind && performance.now() - started < limitMs) {
    await new Promise((r) => setTimeout(r, 100));
    // A poll that fails (the gateway busy past its timeout) is one poll: the next one counts.
    position = (await readBankPosition(url).catch(() => undefined)) ?? position;
    if (performance.now() - lastLine >= 2_000) {
      lastLine = performance.now();
      ctx.progress(`latency: data bank catching up, ${position.lag.toLocaleString('en-US')} entries behind`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const caughtUp = position.lag <= behind;
  if (!caughtUp) {
    ctx.progress(
      `latency: stopped waiting for the data bank after ${seconds.toFixed(1)} s, ${position.lag.toLocaleString('en-US')} entries behind`,
    );
  } else if (first.lag > behind) {
    const to = behind === 0 ? 'caught up with' : `got to ${behind.toLocaleString('en-US')} entries behind from`;
    ctx.progress(`latency: data bank ${to} ${first.lag.toLocaleString('en-US')} entries in ${seconds.toFixed(1)} s`);
  }
  return { entries: first.lag, seconds, caughtUp, left: position.lag };
}

/** CPU seconds used so far by the gateway, the nats-server and this process. */
interface CpuReading {
  readonly gateway: number;
  readonly nats: number | undefined;
  readonly self: number;
}

async function cpuNow(gatewayPid: number, natsPid: number | undefined): Promise<CpuReading> {
  const [gateway, nats] = await Promise.all([
    readProcStats(gatewayPid),
    natsPid === undefined ? undefined : readProcStats(natsPid),
  ]);
  const { user, system } = process.cpuUsage();
  return { gateway: gateway?.cpuSeconds ?? 0, nats: nats?.cpuSeconds, self: (user + system) / 1e6 };
}

/** Envelopes per member the latency phase publishes (warm-up included). */
export function latencyEnvelopesPerMember(ctx: Pick<BenchContext, 'plan' | 'federation'>): number {
  const { latencyRate, latencyWarmupSeconds, latencySeconds, latencyLowRate, latencyLowSeconds } = ctx.plan;
  const total = latencyRate * (latencyWarmupSeconds + latencySeconds) + latencyLowRate * latencyLowSeconds;
  return Math.ceil(total / ctx.federation.memberKeys.size);
}

/** Waits until `expected` copies arrived, giving up after `limitMs` or 5 s without a new one. */
async function waitForCopies(seen: () => number, expected: number, limitMs: number): Promise<void> {
  const deadline = performance.now() + limitMs;
  let last = seen();
  let lastChange = performance.now();
  while (seen() < expected && performance.now() < deadline && performance.now() - lastChange < 5_000) {
    await new Promise((r) => setTimeout(r, 50));
    if (seen() !== last) {
      last = seen();
      lastChange = performance.now();
    }
  }
}

/** Orders envelopes round-robin over members, keeping each member's own order. */
function interleave(envelopes: readonly ReturnedEnvelope[], members: readonly string[]): ReturnedEnvelope[] {
  const queues = new Map(members.map((m) => [m, envelopes.filter((e) => e.member === m)]));
  const out: ReturnedEnvelope[] = [];
  for (let i = 0; out.length < envelopes.length; i++) {
    for (const m of members) {
      const e = queues.get(m)![i];
      if (e !== undefined) out.push(e);
    }
  }
  return out;
}
