import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { openDatabase } from '@atc/gateway';
import { PayloadType } from '@atc/shared';
import { personMessageJson } from './person-envelopes.js';
import { readProcStats } from './proc-stats.js';
import {
  SOAK_RECIPIENT,
  SOAK_ROTATION,
  SOAK_SENDER,
  SoakFederation,
  SoakRole,
  type SoakRestart,
} from './soak-federation.js';
import { SoakLoad, type SoakLoadCounts } from './soak-load.js';
import { SoakReceiver } from './soak-receiver.js';
import { formatSoakLine, soakTrend, type SoakCounts, type SoakSample, type SoakTrend } from './soak-stats.js';

/** How the soak was run, said in the output. */
export const SOAK_METHOD = `nats-server (JetStream on disk), a gateway (SQLite archive) and two agents, each a child process on this machine; a load generator in the benchmark process posts records to ${SOAK_SENDER}'s POST /v1/messages at a fixed rate (open loop; 1 in 50 a PersonRecord, the rest Notices, all to ${SOAK_RECIPIENT}), trying each again with the same Idempotency-Key until it gets its 202; ${SOAK_RECIPIENT}'s agent hands every item to a webhook receiver in the benchmark process (200 at once), whose DeliveryAck goes back through the gateway. The services are restarted in turn (${SOAK_ROTATION.join(', ')}), each back on the same address and data; VmRSS and the open file descriptors of each process are read from /proc; after the load, the run waits for every record to reach the webhook, stops everything and counts the archive`;

/** What the soak is asked to do. */
export interface SoakOptions {
  readonly minutes: number;
  /** Records offered per second. */
  readonly rate: number;
  readonly restartMinutes: number;
  /** Seconds between two readings of each process (10 in the real run). */
  readonly sampleSeconds: number;
  /** Seconds between two progress lines. */
  readonly progressSeconds: number;
  /** Run the services from the TypeScript sources (the unit suite), not the build. */
  readonly fromSources: boolean;
  /** Write each service's V8 CPU profile below this directory (one folder per role). */
  readonly cpuProfDir?: string | undefined;
  /** The gateway's ATC_INBOX_MAX_AGE, when not its default (90d). */
  readonly inboxMaxAge?: string | undefined;
  /** The gateway's ATC_DUPLICATE_WINDOW, when not its default (10m). */
  readonly duplicateWindow?: string | undefined;
  /** The gateway's ATC_SUBMIT_ACK_WAIT, when not its default (15s). */
  readonly submitAckWait?: string | undefined;
}

/** Where the soak writes and how it reports progress. */
export interface SoakEnvironment {
  readonly workDir: string;
  readonly logDir: string;
  readonly childEnv: Readonly<Record<string, string>>;
  progress(line: string): void;
}

/** One restart the soak made. */
export interface SoakRestartRecord {
  readonly atSeconds: number;
  readonly what: SoakRestart;
  /** From the signal until the process answered ready again (nats-server: reported its port). */
  readonly seconds: number;
}

/** What the soak found. */
export interface SoakResult extends SoakCounts {
  readonly method: string;
  readonly startedAt: string;
  readonly minutes: number;
  readonly rate: number;
  readonly restartMinutes: number;
  /** Records the agent took per second while the load ran. */
  readonly acceptedPerSecond: number;
  readonly restarts: readonly SoakRestartRecord[];
  readonly load: SoakLoadCounts;
  /** Seconds from the end of the load until every record had reached the webhook (or the drain gave up). */
  readonly drainSeconds: number;
  /** Webhook calls made again with the same delivery id (an answer the agent lost): allowed, not duplicates. */
  readonly redelivered: number;
  /** DeliveryAcks archived for the records, and those beyond one per record (counted in `duplicated`). */
  readonly deliveryAcks: { readonly archived: number; readonly duplicated: number };
  /** Records archived whose 202 the load generator never got (it gave up at the end). */
  readonly archivedUnanswered: number;
  /** Fitted on readings at least this long after each process started. */
  readonly warmupSeconds: number;
  readonly trends: Readonly<Record<string, SoakTrend>>;
  /** Every reading, per process. */
  readonly samples: Readonly<Record<string, readonly SoakSample[]>>;
  /** The closing line. */
  readonly line: string;
}

/** The `POST /v1/messages` body of soak record `n`: a Notice, or every 50th a PersonRecord. */
export function soakRecordJson(n: number): string {
  if (n % 50 === 0) return personMessageJson(SOAK_SENDER, n, [SOAK_SENDER, SOAK_RECIPIENT]);
  return JSON.stringify({
    type: 'Notice',
    recipients: [SOAK_RECIPIENT],
    handling: { tlp: 'GREEN', noOnwardTransmission: false },
    purpose: 'Counter-terrorism information exchange (soak test, synthetic)',
    legalBasis: 'Fictitious agreement on information exchange, art. 5',
    urgency: 'NORMAL',
    exercise: true,
    record: {
      recordId: `${SOAK_SENDER}-SOAK-N-${n}`,
      version: 1,
      category: 'GENERAL',
      title: `Soak notice ${n}`,
      body: 'Synthetic notice of a soak test; it describes no real event.',
    },
  });
}

/** Reads VmRSS, the open descriptors and the CPU time of `pid`; undefined when it is gone. */
async function readProcess(pid: number): Promise<{ rssBytes: number; fds: number; cpuSeconds: number } | undefined> {
  try {
    const [stats, fds] = await Promise.all([readProcStats(pid), readdir(`/proc/${pid}/fd`)]);
    // A killed process not reaped yet (a zombie) has no memory left to read: not a reading.
    return stats === undefined || stats.rssBytes === 0
      ? undefined
      : { rssBytes: stats.rssBytes, fds: fds.length, cpuSeconds: stats.cpuSeconds };
  } catch {
    return undefined;
  }
}

/**
 * The soak: `rate` records per second for `minutes` through the real federation while the
 * services are restarted every `restartMinutes` in turn; then every record is counted in the
 * archive and at the webhook.
 */
export async function runSoak(options: SoakOptions, env: SoakEnvironment): Promise<SoakResult> {
  const startedAt = new Date().toISOString();
  const receiver = new SoakReceiver();
  await receiver.start();
  let federation: SoakFederation | undefined;
  let load: SoakLoad | undefined;
  const timers: NodeJS.Timeout[] = [];
  try {
    env.progress(
      `soak: starting nats-server, a gateway and agents ${SOAK_SENDER} and ${SOAK_RECIPIENT}; work dir ${env.workDir}`,
    );
    federation = await SoakFederation.start({
      workDir: env.workDir,
      logDir: env.logDir,
      childEnv: env.childEnv,
      webhookUrl: receiver.url,
      fromSources: options.fromSources,
      cpuProfDir: options.cpuProfDir,
      inboxMaxAge: options.inboxMaxAge,
      duplicateWindow: options.duplicateWindow,
      submitAckWait: options.submitAckWait,
    });
    const fed = federation;
    const samples = new Map<SoakRole, SoakSample[]>(Object.values(SoakRole).map((r) => [r, []]));
    const t0 = performance.now();
    const elapsed = (): number => (performance.now() - t0) / 1000;
    const sample = async (): Promise<void> => {
      const at = elapsed();
      await Promise.all(
        [...fed.pids()].map(async ([role, pid]) => {
          const reading = await readProcess(pid);
          if (reading !== undefined) samples.get(role)!.push({ atSeconds: at, pid, ...reading });
        }),
      );
    };
    const activeLoad = new SoakLoad(
      { url: fed.senderUrl, apiKey: fed.apiKey, body: soakRecordJson },
      options.rate,
      `soak-${randomBytes(6).toString('hex')}`,
    );
    load = activeLoad;
    const restarts: SoakRestartRecord[] = [];
    const report = (phase: string): void => {
      const c = activeLoad.counts();
      const rss = [...samples]
        .map(([role, s]) => `${role} ${Math.round((s.at(-1)?.rssBytes ?? 0) / 2 ** 20)}`)
        .join(', ');
      const fds = [...samples].map(([role, s]) => `${role} ${s.at(-1)?.fds ?? '?'}`).join(', ');
      env.progress(
        `soak ${phase} ${clock(elapsed())}: ${c.accepted.toLocaleString('en-US')} accepted (${Math.round(c.accepted / Math.max(1, elapsed()))}/s), ${receiver.delivered.toLocaleString('en-US')} at the webhook, ${c.awaiting} awaiting a 202, ${c.heldBack.toLocaleString('en-US')} held back, ${restarts.length} restarts; RSS MB: ${rss}; fds: ${fds}`,
      );
    };
    await sample();
    timers.push(setInterval(() => void sample(), options.sampleSeconds * 1000));
    timers.push(
      setInterval(() => {
        report('load');
      }, options.progressSeconds * 1000),
    );
    const seconds = options.minutes * 60;
    env.progress(
      `soak: ${options.rate} records/s for ${clock(seconds)}, a restart every ${clock(options.restartMinutes * 60)}`,
    );
    activeLoad.start();
    const loadEnds = t0 + seconds * 1000;
    // Restarts run beside the load: a slow restart must not stretch the load past its end.
    const restarting = (async () => {
      for (let k = 0; ; k++) {
        const due = t0 + (k + 1) * options.restartMinutes * 60_000;
        if (due >= loadEnds) return;
        await sleepUntil(due);
        const what = SOAK_ROTATION[k % SOAK_ROTATION.length]!;
        const from = performance.now();
        env.progress(`soak: restart ${k + 1}: ${what}`);
        await fed.restart(what);
        const record = { atSeconds: (from - t0) / 1000, what, seconds: (performance.now() - from) / 1000 };
        restarts.push(record);
        env.progress(`soak: restart ${k + 1}: ${what}: back in ${record.seconds.toFixed(1)} s`);
      }
    })();
    restarting.catch(() => undefined); // awaited below, after the load
    await sleepUntil(loadEnds);
    await activeLoad.stopOffering();
    const loadSeconds = elapsed();
    await restarting;
    const offeredCounts = activeLoad.counts();
    env.progress(
      `soak: load ended after ${clock(loadSeconds)}: ${offeredCounts.offered.toLocaleString('en-US')} offered; draining`,
    );
    const drainFrom = performance.now();
    const drainLimitMs = Math.min(900, Math.max(60, seconds / 2)) * 1000;
    while (performance.now() - drainFrom < drainLimitMs) {
      const c = activeLoad.counts();
      if (c.awaiting === 0 && receiver.delivered >= c.accepted) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const drainSeconds = (performance.now() - drainFrom) / 1000;
    for (const timer of timers) clearInterval(timer);
    await sample();
    report('end');
    const loadCounts = activeLoad.counts();
    activeLoad.close();
    const archivePath = fed.archivePath;
    await fed.stop();
    const counted = countArchive(archivePath, activeLoad.messageIds, receiver);
    const warmupSeconds = Math.min(60, (options.restartMinutes * 60) / 4);
    const trends = Object.fromEntries([...samples].map(([role, s]) => [role, soakTrend(s, warmupSeconds)]));
    const counts: SoakCounts = {
      submitted: activeLoad.messageIds.size,
      archived: counted.archived,
      delivered: counted.delivered,
      lost: counted.lost,
      duplicated: counted.archiveDuplicates + receiver.duplicated + counted.ackDuplicates,
    };
    const line = formatSoakLine({
      ...counts,
      minutes: options.minutes,
      rate: options.rate,
      restarts: restarts.length,
      trends,
    });
    return {
      method: SOAK_METHOD,
      startedAt,
      minutes: options.minutes,
      rate: options.rate,
      restartMinutes: options.restartMinutes,
      acceptedPerSecond: offeredCounts.accepted / loadSeconds,
      restarts,
      load: loadCounts,
      drainSeconds,
      redelivered: receiver.redelivered,
      deliveryAcks: { archived: counted.acks, duplicated: counted.ackDuplicates },
      archivedUnanswered: counted.archivedUnanswered,
      warmupSeconds,
      trends,
      samples: Object.fromEntries(samples),
      ...counts,
      line,
    };
  } finally {
    for (const timer of timers) clearInterval(timer);
    load?.close();
    await federation?.stop();
    await receiver.stop();
  }
}

/** Counts the submitted records in the archive (read after the gateway stopped) and at the webhook. */
function countArchive(
  archivePath: string,
  messageIds: ReadonlyMap<number, string>,
  receiver: SoakReceiver,
): {
  archived: number;
  delivered: number;
  lost: number;
  archiveDuplicates: number;
  acks: number;
  ackDuplicates: number;
  archivedUnanswered: number;
} {
  const db = openDatabase(archivePath, { readonly: true });
  try {
    const rows = db
      .prepare(
        'SELECT message_id AS id, count(*) AS n FROM messages WHERE sender = ? AND payload_type IN (?, ?) GROUP BY message_id',
      )
      .all(SOAK_SENDER, PayloadType.Notice, PayloadType.PersonRecord) as { id: string; n: number }[];
    const inArchive = new Map(rows.map((r) => [r.id, r.n]));
    const ackRows = db
      .prepare(
        'SELECT in_reply_to AS id, count(*) AS n FROM messages WHERE sender = ? AND payload_type = ? GROUP BY in_reply_to',
      )
      .all(SOAK_RECIPIENT, PayloadType.DeliveryAck) as { id: string; n: number }[];
    const submitted = new Set(messageIds.values());
    let archived = 0;
    let delivered = 0;
    let lost = 0;
    let archiveDuplicates = 0;
    for (const id of submitted) {
      const n = inArchive.get(id) ?? 0;
      if (n > 0) archived++;
      archiveDuplicates += Math.max(0, n - 1);
      if (receiver.has(id)) delivered++;
      if (n === 0 || !receiver.has(id)) lost++;
    }
    let acks = 0;
    let ackDuplicates = 0;
    for (const { id, n } of ackRows) {
      if (!submitted.has(id)) continue;
      acks++;
      ackDuplicates += n - 1;
    }
    const archivedUnanswered = rows.filter((r) => !submitted.has(r.id)).length;
    return { archived, delivered, lost, archiveDuplicates, acks, ackDuplicates, archivedUnanswered };
  } finally {
    db.close();
  }
}

async function sleepUntil(at: number): Promise<void> {
  const ms = at - performance.now();
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
}

/** `mm:ss` of `seconds`. */
function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
