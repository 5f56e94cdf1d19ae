// A node agent whose start fails half way undoes what it had begun: no NATS connection,
// timer, socket or database handle is left behind, and the agent can start again.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createLogger, Streams } from '@atc/shared';
import { loadAgentConfig, startAgent, type AgentConfig, type AgentSecrets } from '@atc/node-agent';
import { callAgent, prepareAgent, startNatsServer, waitFor, type NatsServerHandle } from '@atc/tests';

let nats: NatsServerHandle;
/** Holds a port, so that the agent's integrator API cannot listen on it. */
let portHolder: Server;
let takenPort: number;
const dataDirs: string[] = [];

beforeAll(async () => {
  nats = await startNatsServer();
  await createEmptyTrustBucket(nats.url);
  portHolder = createServer();
  await new Promise<void>((resolve, reject) => {
    portHolder.once('error', reject);
    portHolder.listen(0, '127.0.0.1', resolve);
  });
  const address = portHolder.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  takenPort = address.port;
}, 30_000);

afterAll(async () => {
  await new Promise<void>((resolve) => {
    portHolder.close(() => {
      resolve();
    });
  });
  await nats.stop();
  await Promise.all(dataDirs.map((d) => rm(d, { recursive: true, force: true })));
});

/**
 * The trust list's KV bucket as the gateway creates it, before it publishes a list: the
 * agent's trust list reads are answered at once ("no list yet") instead of timing out.
 */
async function createEmptyTrustBucket(url: string): Promise<void> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({
      name: `KV_${Streams.trustBucket}`,
      subjects: [`$KV.${Streams.trustBucket}.>`],
      allow_direct: true,
      max_msgs_per_subject: 5,
    });
  } finally {
    await nc.close();
  }
}

const logger = createLogger({ name: 'atc-agent-start-failure', level: 'silent' });

/** A fresh agent data dir for `member`, with its configuration. */
async function agentSetup(member: string): Promise<{ config: AgentConfig; secrets: AgentSecrets }> {
  const { dataDir, env } = await prepareAgent({ nats, member });
  dataDirs.push(dataDir);
  return loadAgentConfig(env);
}

/** How many resources of each kind keep the event loop alive (sockets, timers, servers...). */
function activeResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** The kinds of resource of which more are open now than in `before`, with both counts. */
function leftOpen(before: ReadonlyMap<string, number>): string[] {
  const now = activeResources();
  return [...now]
    .filter(([kind, n]) => n > (before.get(kind) ?? 0))
    .map(([kind, n]) => `${kind}: ${before.get(kind) ?? 0} -> ${n}`);
}

/**
 * Starts an agent that must fail with `expected`, and waits until every resource it opened
 * is closed again (a poll with a deadline: closing sockets finish in a later turn).
 */
async function expectStartUndone(config: AgentConfig, secrets: AgentSecrets, expected: RegExp): Promise<void> {
  const before = activeResources();
  await expect(startAgent({ config, secrets, logger })).rejects.toThrow(expected);
  await waitFor(() => leftOpen(before).length === 0, {
    timeoutMs: 10_000,
    message: 'the resources of the failed start closed',
  }).catch((e: unknown) => {
    throw new Error(`left open after a failed start: ${leftOpen(before).join(', ')}`, { cause: e });
  });
  // The last connection to a WAL database removes the WAL file as it closes.
  expect(existsSync(`${config.databasePath}-wal`)).toBe(false);
}

/** Starts the agent for real and checks that it answers, then stops it. */
async function expectStartsAgain(config: AgentConfig, secrets: AgentSecrets): Promise<void> {
  const agent = await startAgent({
    config: { ...config, httpListen: { host: '127.0.0.1', port: 0 } },
    secrets,
    logger,
  });
  try {
    expect((await callAgent(agent.url, 'GET', '/healthz')).status).toBe(200);
  } finally {
    await agent.stop();
  }
}

describe('a node agent start that fails half way', () => {
  it('when the integrator API cannot listen, after everything else started, closes it all again', async () => {
    const { config, secrets } = await agentSetup('KZ');
    const taken = { ...config, httpListen: { host: '127.0.0.1', port: takenPort } };
    await expectStartUndone(taken, secrets, /EADDRINUSE/);
    await expectStartsAgain(config, secrets);
  }, 30_000);

  it('when the webhook hand-over is refused, after the database, NATS and the first components, closes it all again', async () => {
    const { config, secrets } = await agentSetup('BY');
    // The deliverer refuses a URL with credentials (they would show in its errors).
    const badWebhook = { ...config, webhookUrl: 'http://user:secret@127.0.0.1:9/hook' };
    await expectStartUndone(
      badWebhook,
      { ...secrets, webhookSecret: 'by-webhook-secret' },
      /must not contain credentials/,
    );
    await expectStartsAgain(config, secrets);
  }, 30_000);
});
