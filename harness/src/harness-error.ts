/** Stable codes for the ways the test harness can fail; tests and CI logs can match on them. */
export const HarnessErrorCode = {
  /** Neither a local nats-server binary nor a container runtime could provide a server. */
  NatsServerUnavailable: 'ERR_NATS_SERVER_UNAVAILABLE',
  /** A nats-server process was found but did not start (bad config, port taken, timeout). */
  NatsServerStartFailed: 'ERR_NATS_SERVER_START_FAILED',
  /** The handle was used after `stop()`, or asked for something its runtime cannot do. */
  NatsServerInvalidState: 'ERR_NATS_SERVER_INVALID_STATE',
  /** Neither the local PostgreSQL server nor a container runtime could provide a database. */
  PostgresUnavailable: 'ERR_POSTGRES_UNAVAILABLE',
  /** `openssl` is missing or failed, so test certificates could not be made. */
  OpensslUnavailable: 'ERR_OPENSSL_UNAVAILABLE',
  /** A test federation was asked for a part it was not started with (an agent, a receiver, the wire). */
  FederationPartMissing: 'ERR_FEDERATION_PART_MISSING',
  /** Debian's Chromium (/usr/bin/chromium) is not installed, so browser tests cannot run. */
  BrowserUnavailable: 'ERR_BROWSER_UNAVAILABLE',
  /** A `waitFor` condition did not become true before its deadline. */
  WaitTimeout: 'ERR_WAIT_TIMEOUT',
} as const;

/** One of the {@link HarnessErrorCode} values. */
export type HarnessErrorCode = (typeof HarnessErrorCode)[keyof typeof HarnessErrorCode];

/**
 * An error raised by the test harness itself (not by the code under test). The message says
 * what to do about it; `cause` keeps the underlying error when one exists.
 */
export class HarnessError extends Error {
  /** Stable machine-readable code. */
  readonly code: HarnessErrorCode;

  constructor(code: HarnessErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HarnessError';
    this.code = code;
  }
}
