// One Ctrl-C on `npm run gateway -- serve` or `npm run agent -- serve` reaches the service
// twice: the terminal signals the whole process group, and npm forwards its own copy to the
// script. The copy must not count as the second, forcing signal: the service still stops
// gracefully. nats-server is frozen (SIGSTOP) while the service stops, so that its stop is
// still running when the copy arrives, as on a busy machine.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gatewayEnv,
  prepareAgent,
  prepareGatewayDataDir,
  spawnAgentProcess,
  spawnGatewayProcess,
  startNatsServer,
  waitFor,
  type NatsServerHandle,
  type ServiceProcess,
} from '@atc/tests';

let nats: NatsServerHandle;
let work: string;

beforeAll(async () => {
  nats = await startNatsServer();
  work = await mkdtemp(join(tmpdir(), 'atc-serve-signals-'));
}, 60_000);

afterAll(async () => {
  await nats?.kill('SIGCONT').catch(() => undefined);
  await nats?.stop();
  await rm(work, { recursive: true, force: true });
});

/** Sends SIGINT, and the relayed copy once the service says it is stopping; resolves with its exit status. */
async function ctrlC(service: ServiceProcess, stopping: string): Promise<number | null> {
  await nats.kill('SIGSTOP');
  try {
    const exited = service.kill('SIGINT');
    await waitFor(async () => (await readFile(service.logFile, 'utf8')).includes(stopping), {
      timeoutMs: 10_000,
      intervalMs: 20,
      message: stopping,
    });
    void service.kill('SIGINT');
    // Let the copy be handled while the stop waits for the frozen server, then let it finish.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await nats.kill('SIGCONT');
    return await exited;
  } finally {
    await nats.kill('SIGCONT');
  }
}

describe('one Ctrl-C relayed by a wrapper', { timeout: 60_000 }, () => {
  it('stops atc-gateway serve gracefully, with status 0', async () => {
    const dataDir = await mkdtemp(join(work, 'gateway-'));
    await prepareGatewayDataDir(dataDir);
    const gateway = await spawnGatewayProcess(gatewayEnv(nats, dataDir, { ATC_LOG_LEVEL: 'info' }), dataDir);
    expect(await ctrlC(gateway, '"msg":"stopping the gateway')).toBe(0);
    const log = await readFile(gateway.logFile, 'utf8');
    expect(log).not.toContain('second signal');
    expect(log).toContain('"msg":"gateway stopped"');
  });

  it('stops atc-agent serve gracefully, with status 0', async () => {
    const prepared = await prepareAgent({ nats, member: 'KZ' });
    const agent = await spawnAgentProcess({ ...prepared.env, ATC_LOG_LEVEL: 'info' }, prepared.dataDir);
    expect(await ctrlC(agent, '"msg":"stopping the agent')).toBe(0);
    const log = await readFile(agent.logFile, 'utf8');
    expect(log).not.toContain('second signal');
    expect(log).toContain('"msg":"agent stopped"');
  });
});
