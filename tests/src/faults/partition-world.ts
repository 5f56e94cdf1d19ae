// The world the partition tests cut links in: a network namespace of the test's own with the
// nats-server (and, when asked, the archive's PostgreSQL) inside, a veth link per part, and a
// federation whose gateway and agents each reach the namespace through their own link. Built
// once per describe block, with the archive on the engine asked for, and torn down healed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, type TestContext } from 'vitest';
import { openArchiveDb, type ArchiveLocation } from '@atc/gateway';
import { Lifecycle } from '@atc/shared';
import {
  createPartitionLab,
  natsServerAt,
  personRequest,
  startNatsServer,
  startTestFederation,
  startThrowawayCluster,
  waitFor,
  type AgentFixture,
  type ArchiveBackend,
  type PartitionLab,
  type TestFederation,
  type WebhookReceiver,
} from '@atc/tests';
import { sample, takenByWebhook } from './delivery-counts.js';

const SECRET = 'by-webhook-secret-for-partition-tests';
/** Pinged every second, a silent link counts as lost after about two. */
const FAST_LINK = { ATC_NATS_PING_INTERVAL: '1s' };
/** How long the parts may take to stop before what runs outside this process is stopped regardless. */
const TEARDOWN_MS = 90_000;
/** The links to the nats-server: one for the gateway and one per agent. */
const NATS_LINKS = ['gateway', 'KZ', 'BY'] as const;

/**
 * Where the gateway's archive is: a fresh one of an archive backend (a SQLite file, or a
 * throwaway database on the machine's PostgreSQL), or `lab-postgres`: a PostgreSQL cluster of
 * its own inside the namespace, which the gateway reaches through the link `archive` and the
 * test through the link `observer`, so that the gateway alone can be cut off from it.
 */
export type WorldArchive = ArchiveBackend | 'lab-postgres';

/** A running partition world. */
export interface PartitionWorld {
  readonly lab: PartitionLab;
  readonly fed: TestFederation;
  /** The sender's agent. */
  readonly kz: AgentFixture;
  /** BY's national system (its agent's webhook). */
  readonly hook: WebhookReceiver;
  /** The archive as the test reads it: over a link no test cuts. */
  readonly observed: ArchiveLocation;
}

/**
 * Builds a {@link PartitionWorld} before the describe block's tests and tears it down after
 * them (links healed first, so that every part stops as it would in production). Returns the
 * accessor tests call: it skips the test, with the reason, where the world cannot be built
 * here (no root, no network namespaces).
 */
export function usePartitionWorld(archive: WorldArchive): (ctx: TestContext) => PartitionWorld {
  const lifecycle = new Lifecycle();
  // What runs outside this process (the namespace, and the servers in it): stopped even when a
  // part in this process does not stop in time, so that no run leaves them behind.
  const outside: (() => Promise<void>)[] = [];
  let world: PartitionWorld | undefined;
  let refused: string | undefined;
  beforeAll(async () => {
    const links = archive === 'lab-postgres' ? [...NATS_LINKS, 'archive', 'observer'] : [...NATS_LINKS];
    const made = await createPartitionLab(links);
    if ('refused' in made) {
      refused = made.refused;
      return;
    }
    const lab = await lifecycle.open(
      'partition lab',
      () => made,
      (l) => l.dispose(),
    );
    outside.push(() => lab.dispose());
    const [gatewayArchive, observed] = await openWorldArchive(lifecycle, lab, archive, outside);
    if (observed === undefined) {
      refused = gatewayArchive;
      return;
    }
    const nats = await lifecycle.open(
      'nats-server',
      () =>
        startNatsServer({
          wrap: lab.wrap,
          host: '0.0.0.0',
          urlHost: lab.address('gateway'),
          // The server's side of the same: a client gone silent is dropped, with the pulls it had open.
          config: 'ping_interval: "1s"\nping_max: 2\n',
        }),
      (n) => n.stop(),
    );
    outside.push(() => nats.stop());
    const fed = await lifecycle.open(
      'federation',
      () =>
        startTestFederation({
          nats,
          natsFor: (part) => natsServerAt(nats, lab.address(part)),
          archive: gatewayArchive,
          // What was on its way to a member cut off comes again 5 s after it was handed out, not 30 s.
          gatewayEnv: { ...FAST_LINK, ATC_INBOX_ACK_WAIT: '5s' },
          members: { KZ: { env: FAST_LINK }, BY: { webhookSecret: SECRET, env: FAST_LINK } },
        }),
      (f) => f.close(),
    );
    lifecycle.defer('links healed', async () => {
      for (const link of links) await lab.heal(link);
    });
    world = { lab, fed, kz: fed.agent('KZ'), hook: fed.receiver('BY'), observed };
  }, 90_000);
  afterAll(async () => {
    const stopped = lifecycle.stop();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(resolve, TEARDOWN_MS, true);
    });
    try {
      if (await Promise.race([stopped.then(() => false), late])) {
        stopped.catch(() => undefined);
        for (const stop of outside.reverse()) await stop().catch(() => undefined);
        throw new Error(
          `the partition world did not stop within ${TEARDOWN_MS} ms; its namespace was removed regardless`,
        );
      }
    } finally {
      clearTimeout(timer);
    }
  }, TEARDOWN_MS + 30_000);
  return (ctx) => {
    if (world === undefined) ctx.skip(refused ?? 'the partition world did not start');
    return world!;
  };
}

/**
 * Opens the gateway's archive; resolves to where the gateway and the test find it, or to the
 * reason it cannot be made here.
 */
async function openWorldArchive(
  lifecycle: Lifecycle,
  lab: PartitionLab,
  archive: WorldArchive,
  outside: (() => Promise<void>)[],
): Promise<[ArchiveLocation, ArchiveLocation] | [string, undefined]> {
  if (archive !== 'lab-postgres') {
    const made = await lifecycle.open(
      `${archive.name} archive`,
      () => archive.create(),
      (a) => a.dispose(),
    );
    return [made.location, made.location];
  }
  const dir = await lifecycle.open(
    'cluster folder',
    () => mkdtemp(join(tmpdir(), 'atc-part-pg-')),
    (d) => rm(d, { recursive: true, force: true }),
  );
  const cluster = await startThrowawayCluster(dir, {
    wrap: lab.wrap,
    host: '0.0.0.0',
    urlHost: lab.address('archive'),
    trustNetwork: lab.network,
  });
  if ('refused' in cluster) return [cluster.refused, undefined];
  lifecycle.defer('PostgreSQL cluster', () => cluster.dispose());
  outside.push(() => cluster.dispose());
  const observer = new URL(cluster.url);
  observer.hostname = lab.address('observer');
  return [{ url: cluster.url }, { url: observer.href }];
}

/** POSTs `count` records to KZ for BY, numbered from `from`; `during(k)` runs after the k-th is taken. */
export async function send(
  w: PartitionWorld,
  count: number,
  from: number,
  during?: (k: number) => Promise<void>,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await w.kz.api('POST', '/v1/messages', personRequest(['BY'], from + i));
    expect(res.status).toBe(202);
    ids.push(res.body['messageId'] as string);
    await during?.(i + 1);
  }
  return ids;
}

/** Archive rows per message id, read over the observer's own way to the archive. */
export async function archived(w: PartitionWorld, ids: readonly string[]): Promise<number[]> {
  const db = await openArchiveDb(w.observed);
  try {
    const counts: number[] = [];
    for (const id of ids) {
      const row = await db.get<{ n: number | string }>('SELECT count(*) AS n FROM messages WHERE message_id = ?', [id]);
      counts.push(Number(row?.n ?? 0));
    }
    return counts;
  } finally {
    await db.close();
  }
}

export async function agentMetric(w: PartitionWorld, name: string): Promise<number | undefined> {
  return sample(await (await fetch(new URL('/metrics', w.kz.agent.url))).text(), name);
}

export async function gatewayMetric(w: PartitionWorld, name: string): Promise<number | undefined> {
  return sample(await (await w.fed.gateway.api('/metrics')).text(), name);
}

/** A service's `/readyz` (answered within `timeoutMs`): its status and one named check. */
export async function readyz(
  url: string,
  check = 'nats',
  timeoutMs = 30_000,
): Promise<{ status: number; check: { ok: boolean; reason?: string } | undefined }> {
  const res = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(timeoutMs) });
  const body = (await res.json()) as { checks: { name: string; ok: boolean; reason?: string }[] };
  return { status: res.status, check: body.checks.find((c) => c.name === check) };
}

export async function gatewayAlarmKinds(w: PartitionWorld): Promise<string[]> {
  const body = (await (await w.fed.gateway.api('/v1/alarms')).json()) as { items: { kind: string }[] };
  return body.items.map((a) => a.kind);
}

/** Waits until all `ids` reached BY, KZ holds a final receipt for each, and its outbox is empty. */
export async function settled(w: PartitionWorld, ids: readonly string[]): Promise<void> {
  await waitFor(
    () => {
      // Every body parsed once per check, not once per id.
      const taken = takenByWebhook(w.hook);
      return ids.every((id) => taken.has(id));
    },
    {
      timeoutMs: 60_000,
      intervalMs: 200,
      message: `all ${ids.length} delivered to BY`,
    },
  );
  await waitFor(async () => (await agentMetric(w, 'atc_agent_outbox_depth')) === 0, {
    timeoutMs: 30_000,
    intervalMs: 200,
    message: "KZ's outbox drained",
  });
  const counts = takenByWebhook(w.hook);
  expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([]);
  expect((await archived(w, ids)).filter((n) => n !== 1)).toEqual([]);
}
