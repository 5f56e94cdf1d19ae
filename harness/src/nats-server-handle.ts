/** Options for `startNatsServer`. */
export interface NatsServerOptions {
  /**
   * Extra nats-server configuration text (e.g. `accounts { ... }` or `authorization { ... }`
   * blocks), written to a file passed with `-c`. The harness's own flags (address, port,
   * JetStream, store dir) are given on the command line and win over this text.
   */
  readonly config?: string;
  /** Keep the temp dir (JetStream store and log) after `stop()`, for post-mortem debugging. */
  readonly keepStore?: boolean;
  /** Log debug output (`-D`). */
  readonly debug?: boolean;
  /** Log the raw protocol (`-V`); verbose, for isolation/permission debugging only. */
  readonly trace?: boolean;
  /** Deadline for the server to report its port (default 10 000 ms). */
  readonly startTimeoutMs?: number;
  /** Grace period after SIGTERM before SIGKILL (default 10 000 ms). */
  readonly stopTimeoutMs?: number;
  /** The address the server listens on (default 127.0.0.1); `0.0.0.0` for every address of its network namespace. */
  readonly host?: string;
  /** The host in `url` (default `host`), e.g. one address of a server listening on `0.0.0.0`. */
  readonly urlHost?: string;
  /**
   * A command the server is started through, e.g. `['ip', 'netns', 'exec', name]` to run it in
   * a network namespace; it must exec the server (keep its process id). Local binary only.
   */
  readonly wrap?: readonly string[];
}

/** A running nats-server with JetStream, owned by one test file. */
export interface NatsServerHandle extends AsyncDisposable {
  /** `process` for a local binary, `container` for the testcontainers fallback. */
  readonly runtime: 'process' | 'container';
  /** Client URL, e.g. `nats://127.0.0.1:41234` (the host is `urlHost` or `host` when given). Stable across `restart()`. */
  readonly url: string;
  /** Client port. Stable across `restart()`. */
  readonly port: number;
  /** JetStream store directory (inside the container for the container runtime). */
  readonly storeDir: string;
  /** File receiving the server's log (all restarts appended); read it when a test fails. */
  readonly logFile: string;
  /** The server's process id while it runs (local binary only; undefined in a container or when stopped). */
  readonly pid: number | undefined;
  /** Stops the server (SIGTERM, then SIGKILL after the grace period) and removes its temp dir unless `keepStore`. Idempotent. */
  stop(): Promise<void>;
  /** Stops the server gracefully and starts it again on the same port with the same store, so JetStream data survives. */
  restart(): Promise<void>;
  /**
   * Sends `signal` (default SIGKILL) to the server process. For SIGKILL, SIGTERM, SIGINT and
   * SIGQUIT it resolves once the process has exited (call `restart()` to bring it back); for
   * other signals (SIGSTOP, SIGCONT, SIGHUP reload) once the signal is delivered.
   * Not supported by the container runtime.
   */
  kill(signal?: NodeJS.Signals): Promise<void>;
}
