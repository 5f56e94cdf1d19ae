import { randomUUID } from 'node:crypto';

import { HarnessError, HarnessErrorCode } from './harness-error.js';
import type { NatsServerHandle } from './nats-server-handle.js';
import { startNatsServer } from './nats-server.js';
import { freePort } from '@atc/shared';
import { waitFor } from './wait-for.js';

/** Options for {@link startNatsCluster}. */
export interface NatsClusterOptions {
  /** Number of servers (default 3, the size of a production cluster). */
  readonly nodes?: number;
  /** Extra configuration text added to every server's configuration. */
  readonly config?: string;
  /** Keep each server's temp dir (store and log) after `stop()`, for post-mortem debugging. */
  readonly keepStore?: boolean;
  /** Deadline for the cluster to elect its JetStream meta leader with every peer current (default 20 000 ms). */
  readonly readyTimeoutMs?: number;
  /** Where the route and monitoring ports come from (default: a free port each, `freePort`). */
  readonly ports?: () => Promise<number>;
}

/**
 * Times the nodes are started on fresh ports when one finds a port taken: a free port is
 * chosen before its node binds it, and another process (a parallel test file) may take it in
 * between.
 */
const PORT_ATTEMPTS = 3;

/** A node's start-up that failed because a port it was given had been taken. */
function portTaken(reason: unknown): boolean {
  return reason instanceof Error && /address already in use/.test(reason.message);
}

/** One server of a {@link NatsClusterHandle}: a {@link NatsServerHandle} with its cluster identity. */
export interface NatsClusterNode extends NatsServerHandle {
  /** `server_name`, as JetStream reports it (stream leaders, replicas). */
  readonly serverName: string;
  /** Monitoring endpoint (`/healthz`, `/jsz`), e.g. `http://127.0.0.1:41235`. */
  readonly monitorUrl: string;
}

/** A JetStream cluster of local nats-server processes owned by one test file. */
export interface NatsClusterHandle extends AsyncDisposable {
  /** Cluster name, unique per cluster so that concurrent test files never join each other. */
  readonly name: string;
  readonly nodes: readonly NatsClusterNode[];
  /** Client URLs of every node, for `ATC_NATS_URL` or `connect({ servers })`. */
  readonly urls: readonly string[];
  /** The node with this `server_name`; throws when there is none. */
  node(serverName: string): NatsClusterNode;
  /**
   * Resolves once every node reports JetStream healthy, all agree on the meta leader and it
   * sees every other node as current; call it after `restart()` of a node.
   */
  waitForHealthy(timeoutMs?: number): Promise<void>;
  /** Stops every node (SIGTERM, then SIGKILL) and removes the temp dirs unless `keepStore`. Idempotent. */
  stop(): Promise<void>;
}

interface MetaCluster {
  readonly leader?: string;
  readonly cluster_size?: number;
  readonly replicas?: readonly { readonly name: string; readonly current: boolean }[];
}

/** A node as seen from its monitoring port: healthy, and the meta group as it knows it. */
async function nodeReport(monitorUrl: string): Promise<{ healthy: boolean; meta: MetaCluster | undefined }> {
  const health = await fetch(`${monitorUrl}/healthz`);
  await health.body?.cancel();
  const jsz = (await (await fetch(`${monitorUrl}/jsz`)).json()) as { meta_cluster?: MetaCluster };
  return { healthy: health.status === 200, meta: jsz.meta_cluster };
}

function nodeConfig(name: string, serverName: string, monitorPort: number, routePorts: readonly number[], i: number) {
  const routes = routePorts.filter((_, j) => j !== i).map((p) => `"nats-route://127.0.0.1:${p}"`);
  return [
    `server_name: "${serverName}"`,
    `http: "127.0.0.1:${monitorPort}"`,
    'cluster {',
    `  name: "${name}"`,
    `  listen: "127.0.0.1:${routePorts[i]!}"`,
    `  routes: [${routes.join(', ')}]`,
    '}',
  ].join('\n');
}

function asClusterNode(server: NatsServerHandle, serverName: string, monitorUrl: string): NatsClusterNode {
  return {
    serverName,
    monitorUrl,
    runtime: server.runtime,
    url: server.url,
    port: server.port,
    storeDir: server.storeDir,
    logFile: server.logFile,
    get pid() {
      return server.pid;
    },
    stop: () => server.stop(),
    restart: () => server.restart(),
    kill: (signal) => server.kill(signal),
    [Symbol.asyncDispose]: () => server.stop(),
  };
}

/** One round of {@link startNatsCluster}'s start-up: every node on new ports, and the first failure. */
async function startNodes(
  name: string,
  count: number,
  options: NatsClusterOptions,
): Promise<{ servers: NatsServerHandle[]; failed: PromiseRejectedResult | undefined; monitorPorts: number[] }> {
  const nextPort = options.ports ?? freePort;
  const routePorts: number[] = [];
  const monitorPorts: number[] = [];
  for (let i = 0; i < count; i++) {
    routePorts.push(await nextPort());
    monitorPorts.push(await nextPort());
  }
  const started = await Promise.allSettled(
    routePorts.map((_, i) =>
      startNatsServer({
        config: `${nodeConfig(name, `${name}-n${i + 1}`, monitorPorts[i]!, routePorts, i)}\n${options.config ?? ''}`,
        ...(options.keepStore === undefined ? {} : { keepStore: options.keepStore }),
      }),
    ),
  );
  return {
    servers: started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    failed: started.find((r): r is PromiseRejectedResult => r.status === 'rejected'),
    monitorPorts,
  };
}

/**
 * Starts a JetStream cluster of `nodes` nats-servers on 127.0.0.1, each with random client,
 * route and monitoring ports and its own temp store, and waits until the meta group has a
 * leader and every peer is current. Each node can be stopped, killed and restarted on its
 * ports and store, as a real member of a 3-node deployment would be. Needs the local
 * nats-server binary: containers on one host would not reach each other's route ports.
 */
export async function startNatsCluster(options: NatsClusterOptions = {}): Promise<NatsClusterHandle> {
  const count = options.nodes ?? 3;
  const name = `atc-test-${randomUUID().slice(0, 8)}`;
  let round = await startNodes(name, count, options);
  for (
    let attempt = 1;
    attempt < PORT_ATTEMPTS && round.failed !== undefined && portTaken(round.failed.reason);
    attempt++
  ) {
    await Promise.all(round.servers.map((s) => s.stop()));
    round = await startNodes(name, count, options);
  }
  const { servers, failed, monitorPorts } = round;
  if (failed !== undefined || servers.some((s) => s.runtime !== 'process')) {
    await Promise.all(servers.map((s) => s.stop()));
    throw new HarnessError(
      HarnessErrorCode.NatsServerStartFailed,
      failed === undefined
        ? 'a NATS cluster needs the local nats-server binary (install it with `apt-get install -y nats-server`).'
        : `a node of the NATS cluster did not start: ${(failed.reason as Error).message}`,
      failed === undefined ? undefined : { cause: failed.reason },
    );
  }
  const nodes = servers.map((s, i) => asClusterNode(s, `${name}-n${i + 1}`, `http://127.0.0.1:${monitorPorts[i]!}`));
  let stopped = false;
  const cluster: NatsClusterHandle = {
    name,
    nodes,
    urls: nodes.map((n) => n.url),
    node(serverName) {
      const found = nodes.find((n) => n.serverName === serverName);
      if (found === undefined) {
        throw new HarnessError(
          HarnessErrorCode.NatsServerInvalidState,
          `no node named ${serverName} in cluster ${name} (${nodes.map((n) => n.serverName).join(', ')})`,
        );
      }
      return found;
    },
    async waitForHealthy(timeoutMs = options.readyTimeoutMs ?? 20_000) {
      await waitFor(
        async () => {
          const reports = await Promise.all(nodes.map(async (n) => ({ node: n, ...(await nodeReport(n.monitorUrl)) })));
          const leader = reports[0]?.meta?.leader;
          if (leader === undefined || leader === '') return false;
          if (!reports.every((r) => r.healthy && r.meta?.leader === leader)) return false;
          // Only the meta leader lists its followers and whether they are current.
          const followers = reports.find((r) => r.node.serverName === leader)?.meta?.replicas ?? [];
          return followers.length === count - 1 && followers.every((p) => p.current);
        },
        { timeoutMs, intervalMs: 100, message: `NATS cluster ${name} healthy with ${count} current peers` },
      );
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all(nodes.map((n) => n.stop()));
    },
    [Symbol.asyncDispose]: () => cluster.stop(),
  };
  try {
    await cluster.waitForHealthy();
  } catch (error: unknown) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
