import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { HarnessError, HarnessErrorCode } from './harness-error.js';
import type { NatsServerHandle, NatsServerOptions } from './nats-server-handle.js';
import { startNatsContainer } from './nats-container.js';
import { tailLog } from './log-tail.js';
import { waitFor } from './wait-for.js';

/** Environment variable naming the nats-server binary to use instead of searching PATH. */
export const NATS_SERVER_BINARY_ENV = 'ATC_TEST_NATS_SERVER';

const EXTRA_BINARY_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/usr/bin'];
const TERMINATING_SIGNALS: ReadonlySet<NodeJS.Signals> = new Set(['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGQUIT']);
const DEFAULT_START_TIMEOUT_MS = 10_000;
const DEFAULT_STOP_TIMEOUT_MS = 10_000;
const INSTALL_HINT =
  'Install it with `apt-get install -y nats-server` (Debian/Ubuntu), or set ' +
  `${NATS_SERVER_BINARY_ENV} to the path of a nats-server binary.`;

/**
 * Starts a nats-server with JetStream on 127.0.0.1 and a random free port, with its store in
 * a fresh temp dir. Uses the local `nats-server` binary (PATH, then /usr/sbin and friends) and
 * falls back to a container; throws a {@link HarnessError} saying how to install nats-server
 * when neither works.
 */
export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServerHandle> {
  const binary = await findNatsServerBinary();
  if (binary !== undefined) return LocalNatsServer.start(binary, options);
  try {
    return await startNatsContainer(options);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HarnessError(
      HarnessErrorCode.NatsServerUnavailable,
      `No nats-server binary was found (PATH, ${EXTRA_BINARY_DIRS.join(', ')}) and the container ` +
        `fallback failed: ${reason}. ${INSTALL_HINT}`,
      { cause: error },
    );
  }
}

/** Returns the path of an executable nats-server, or undefined when there is none. */
async function findNatsServerBinary(): Promise<string | undefined> {
  const explicit = process.env[NATS_SERVER_BINARY_ENV];
  if (explicit !== undefined && explicit !== '') {
    if (await isExecutable(explicit)) return explicit;
    throw new HarnessError(
      HarnessErrorCode.NatsServerUnavailable,
      `${NATS_SERVER_BINARY_ENV}=${explicit} is not an executable file. ${INSTALL_HINT}`,
    );
  }
  const pathDirs = (process.env['PATH'] ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const dir of new Set([...pathDirs, ...EXTRA_BINARY_DIRS])) {
    const candidate = join(dir, 'nats-server');
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A spawned server process and a promise settled when it exits. */
interface ServerProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  /** Set once the process has exited (or failed to spawn). */
  exit: string | undefined;
}

/** What `launch` needs to start one server process. */
interface LaunchSpec {
  readonly binary: string;
  readonly port: number;
  readonly storeDir: string;
  readonly portsDir: string;
  readonly logFile: string;
  readonly configFile: string | undefined;
  readonly options: NatsServerOptions;
}

/** Server processes still running, killed if the test process exits without stopping them. */
const liveProcesses = new Set<ChildProcess>();
let exitHookInstalled = false;

function trackProcess(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const orphan of liveProcesses) orphan.kill('SIGKILL');
    });
  }
  liveProcesses.add(child);
}

/** The local-binary runtime: one nats-server child process, replaced on restart. */
class LocalNatsServer implements NatsServerHandle {
  readonly runtime = 'process';
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  readonly logFile: string;
  readonly #spec: LaunchSpec;
  readonly #tempDir: string;
  #process: ServerProcess | undefined;
  #stopped = false;

  get pid(): number | undefined {
    return this.#process?.child.pid;
  }

  private constructor(spec: LaunchSpec, tempDir: string, serverProcess: ServerProcess) {
    this.#spec = spec;
    this.#tempDir = tempDir;
    this.#process = serverProcess;
    this.port = spec.port;
    this.url = `nats://${spec.options.urlHost ?? spec.options.host ?? '127.0.0.1'}:${spec.port}`;
    this.storeDir = spec.storeDir;
    this.logFile = spec.logFile;
  }

  /** Creates the temp dir, spawns the server and learns its port from the ports file. */
  static async start(binary: string, options: NatsServerOptions): Promise<LocalNatsServer> {
    const tempDir = await mkdtemp(join(tmpdir(), 'atc-nats-'));
    try {
      const portsDir = join(tempDir, 'ports');
      await mkdir(portsDir);
      let configFile: string | undefined;
      if (options.config !== undefined) {
        configFile = join(tempDir, 'server.conf');
        await writeFile(configFile, options.config);
      }
      const spec = {
        binary,
        port: -1,
        storeDir: join(tempDir, 'store'),
        portsDir,
        logFile: join(tempDir, 'nats-server.log'),
        configFile,
        options,
      };
      const { serverProcess, port } = await launch(spec);
      return new LocalNatsServer({ ...spec, port }, tempDir, serverProcess);
    } catch (error: unknown) {
      if (options.keepStore !== true) await rm(tempDir, { recursive: true, force: true });
      throw error;
    }
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.#terminate();
    if (this.#spec.options.keepStore !== true) await rm(this.#tempDir, { recursive: true, force: true });
  }

  async restart(): Promise<void> {
    this.#assertNotStopped('restart');
    await this.#terminate();
    const { serverProcess } = await launch(this.#spec);
    this.#process = serverProcess;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.#assertNotStopped('kill');
    const current = this.#process;
    if (current === undefined || current.exit !== undefined) return;
    current.child.kill(signal);
    if (!TERMINATING_SIGNALS.has(signal)) return;
    const exited = await waitForExit(current, this.#stopTimeoutMs());
    if (!exited) {
      throw new HarnessError(
        HarnessErrorCode.NatsServerInvalidState,
        `nats-server (pid ${current.child.pid ?? '?'}) did not exit within ${this.#stopTimeoutMs()} ms of ${signal}; see ${this.logFile}`,
      );
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  /** Ends the current process: SIGTERM, then SIGKILL after the grace period. */
  async #terminate(): Promise<void> {
    const current = this.#process;
    this.#process = undefined;
    if (current === undefined || current.exit !== undefined) return;
    current.child.kill('SIGTERM');
    current.child.kill('SIGCONT'); // a server frozen by kill('SIGSTOP') must run to see SIGTERM
    if (await waitForExit(current, this.#stopTimeoutMs())) return;
    current.child.kill('SIGKILL');
    await current.exited;
  }

  #stopTimeoutMs(): number {
    return this.#spec.options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
  }

  #assertNotStopped(operation: string): void {
    if (this.#stopped) {
      throw new HarnessError(
        HarnessErrorCode.NatsServerInvalidState,
        `${operation}() called after stop(); start a new server with startNatsServer() instead.`,
      );
    }
  }
}

/** Resolves true when the process exits within `timeoutMs`, false otherwise. */
async function waitForExit(serverProcess: ServerProcess, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, timeoutMs);
  });
  try {
    return await Promise.race([serverProcess.exited.then(() => true as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Spawns nats-server with its output appended to the log file and waits for its ports file. */
async function launch(spec: LaunchSpec): Promise<{ serverProcess: ServerProcess; port: number }> {
  const args = ['-a', spec.options.host ?? '127.0.0.1', '-p', String(spec.port), '-js', '-sd', spec.storeDir];
  args.push('--ports_file_dir', spec.portsDir);
  if (spec.configFile !== undefined) args.push('-c', spec.configFile);
  if (spec.options.debug === true) args.push('-D');
  if (spec.options.trace === true) args.push('-V');

  // The child writes straight to the file, so start-up errors (bad config, port in use)
  // land in the log too; the parent's copy of the descriptor is not needed after spawn.
  const log = await open(spec.logFile, 'a');
  let child: ChildProcess;
  let serverProcess: ServerProcess;
  try {
    const [program, ...prefix] = [...(spec.options.wrap ?? []), spec.binary];
    child = spawn(program ?? spec.binary, [...prefix, ...args], { stdio: ['ignore', log.fd, log.fd] });
    // Watched at once: a server that exits at start (a bad config) may do so while the log is
    // being closed, and an 'exit' emitted before a listener is attached is never seen again.
    serverProcess = watchProcess(child);
  } finally {
    await log.close();
  }

  const timeoutMs = spec.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const command = [...(spec.options.wrap ?? []), spec.binary, ...args].join(' ');
  let outcome: { port: number } | { exit: string };
  try {
    outcome = await waitFor(
      async () => {
        if (serverProcess.exit !== undefined) return { exit: serverProcess.exit };
        const port = await readPortsFile(spec.portsDir, child.pid);
        return port === undefined ? undefined : { port };
      },
      { timeoutMs, intervalMs: 10, message: 'nats-server did not report its port' },
    );
  } catch (error: unknown) {
    child.kill('SIGKILL');
    await serverProcess.exited;
    throw new HarnessError(
      HarnessErrorCode.NatsServerStartFailed,
      `nats-server did not start within ${timeoutMs} ms (${command}).\n` +
        `Server log tail (${spec.logFile}; kept only with keepStore: true):\n${await tailLog(spec.logFile, 20)}`,
      { cause: error },
    );
  }
  if ('port' in outcome) return { serverProcess, port: outcome.port };
  throw new HarnessError(
    HarnessErrorCode.NatsServerStartFailed,
    `nats-server ${outcome.exit} during start-up (${command}).\n` +
      `Server log tail (${spec.logFile}; kept only with keepStore: true):\n${await tailLog(spec.logFile, 20)}`,
  );
}

function watchProcess(child: ChildProcess): ServerProcess {
  trackProcess(child);
  let markExited: () => void = () => undefined;
  const serverProcess: ServerProcess = {
    child,
    exit: undefined,
    exited: new Promise<void>((resolve) => {
      markExited = resolve;
    }),
  };
  const finish = (how: string): void => {
    serverProcess.exit ??= how;
    liveProcesses.delete(child);
    markExited();
  };
  child.once('exit', (code, signal) => {
    finish(signal === null ? `exited with code ${code ?? '?'}` : `was killed by ${signal}`);
  });
  child.once('error', (error) => {
    finish(`failed to spawn (${error.message})`);
  });
  return serverProcess;
}

/** Reads the client port from `<exe>_<pid>.ports` (JSON `{"nats":["nats://host:port"]}`); undefined until written. */
async function readPortsFile(portsDir: string, pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const name = (await readdir(portsDir)).find((file) => file.endsWith(`_${pid}.ports`));
  if (name === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(portsDir, name), 'utf8'));
  } catch {
    return undefined; // caught mid-write; the next poll will see the whole file
  }
  if (typeof parsed !== 'object' || parsed === null || !('nats' in parsed)) return undefined;
  const urls: unknown = parsed.nats;
  if (!Array.isArray(urls) || typeof urls[0] !== 'string') return undefined;
  const port = Number(new URL(urls[0]).port);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}
