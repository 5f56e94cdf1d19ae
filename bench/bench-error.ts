/** Stable codes for the ways a benchmark run can fail; the message says what to do. */
export const BenchErrorCode = {
  /** The command line cannot be understood. */
  Usage: 'ERR_BENCH_USAGE',
  /** A service (gateway, agent, nats-server) did not start or died during a phase. */
  ServiceFailed: 'ERR_BENCH_SERVICE_FAILED',
  /** A phase made no progress for too long (a stuck pipeline, a full disk). */
  Stalled: 'ERR_BENCH_STALLED',
  /** The system refused messages the benchmark generated as valid: the numbers would be meaningless. */
  Refused: 'ERR_BENCH_REFUSED',
} as const;

/** One of the {@link BenchErrorCode} values. */
export type BenchErrorCode = (typeof BenchErrorCode)[keyof typeof BenchErrorCode];

/** A failure of the benchmark itself, with a stable code and a sentence a person can act on. */
export class BenchError extends Error {
  override readonly name = 'BenchError';
  /** Stable machine-readable code. */
  readonly code: BenchErrorCode;

  constructor(code: BenchErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
