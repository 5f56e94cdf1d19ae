import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { StartedTestContainer } from 'testcontainers';

import { HarnessError, HarnessErrorCode } from './harness-error.js';
import type { NatsServerHandle, NatsServerOptions } from './nats-server-handle.js';

/** The image matching the only nats-server Debian ships (2.9.10), so both runtimes behave alike. */
const NATS_IMAGE = 'nats:2.9.10';
const CLIENT_PORT = 4222;
const STORE_DIR = '/data';
const CONFIG_PATH = '/etc/nats/extra.conf';
const DEFAULT_STOP_TIMEOUT_MS = 10_000;

/**
 * Fallback runtime for `startNatsServer` when no nats-server binary is installed: the same
 * flags in a container. A plain GenericContainer rather than `@testcontainers/nats`'
 * NatsContainer, because that one always adds `--user test --pass test`, which would make
 * `url` alone unusable and clash with caller-supplied authorization/accounts config.
 * The host port is fixed up front so that `restart()` keeps it. testcontainers is imported
 * lazily: it takes about half a second to load and the usual path never needs it.
 */
export async function startNatsContainer(options: NatsServerOptions): Promise<NatsServerHandle> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const hostPort = await findFreePort();
  const logDir = await mkdtemp(join(tmpdir(), 'atc-nats-container-'));
  const logFile = join(logDir, 'nats-server.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const command = ['-p', String(CLIENT_PORT), '-js', '-sd', STORE_DIR];
  if (options.debug === true) command.push('-D');
  if (options.trace === true) command.push('-V');
  let builder = new GenericContainer(NATS_IMAGE)
    .withExposedPorts({ container: CLIENT_PORT, host: hostPort })
    .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
    .withStartupTimeout(options.startTimeoutMs ?? 120_000)
    .withLogConsumer((stream) => stream.pipe(log, { end: false }));
  if (options.config !== undefined) {
    builder = builder.withCopyContentToContainer([{ content: options.config, target: CONFIG_PATH }]);
    command.push('-c', CONFIG_PATH);
  }
  let container: StartedTestContainer;
  try {
    container = await builder.withCommand(command).start();
  } catch (error: unknown) {
    log.end();
    await rm(logDir, { recursive: true, force: true });
    throw error;
  }

  const stopTimeoutMs = options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await container.stop({ timeout: stopTimeoutMs });
    log.end();
    if (options.keepStore !== true) await rm(logDir, { recursive: true, force: true });
  };
  return {
    runtime: 'container',
    url: `nats://${container.getHost()}:${hostPort}`,
    port: hostPort,
    storeDir: STORE_DIR,
    logFile,
    pid: undefined,
    stop,
    async restart() {
      if (stopped) {
        throw new HarnessError(HarnessErrorCode.NatsServerInvalidState, 'restart() called after stop().');
      }
      await container.restart({ timeout: stopTimeoutMs });
    },
    kill() {
      return Promise.reject(
        new HarnessError(
          HarnessErrorCode.NatsServerInvalidState,
          'kill() needs a local nats-server process; the container fallback supports stop() and restart() only. ' +
            'Install nats-server (`apt-get install -y nats-server`) to run fault tests.',
        ),
      );
    },
    [Symbol.asyncDispose]: stop,
  };
}

/** Asks the OS for a free TCP port on the host. */
async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  if (address === null || typeof address === 'string') throw new Error('could not determine a free port');
  return address.port;
}
