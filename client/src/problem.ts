/** One invalid field of a refused request. */
export interface ProblemFieldError {
  readonly field: string;
  readonly message: string;
}

/** An RFC 9457 problem document as the agent answers it, with the project's stable `code`. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** Stable code to switch on, e.g. `ERR_VALIDATION`. */
  readonly code: string;
  readonly errors?: readonly ProblemFieldError[];
}

/**
 * The agent refused or failed a request: its problem document (RFC 9457) with the stable
 * `code`, the sentence `detail` and the HTTP `status`. An answer that is not a problem
 * document (a proxy's error page, say) gets `code` `HTTP_<status>` and its text as `detail`.
 */
export class AgentApiError extends Error {
  override readonly name = 'AgentApiError';
  readonly problem: Problem;
  /** Seconds the agent asked the client to wait (`Retry-After`), when it said. */
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(`${problem.code}: ${problem.detail}`);
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }

  get detail(): string {
    return this.problem.detail;
  }

  /** The problem document read from an answer's status and text. */
  static fromAnswer(status: number, text: string, retryAfterSeconds?: number): AgentApiError {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const field = (name: string): unknown =>
      body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
    const str = (name: string, fallback: string): string => {
      const v = field(name);
      return typeof v === 'string' && v !== '' ? v : fallback;
    };
    const fallbackDetail = text.trim() === '' ? `the agent answered HTTP ${status}` : text.trim().slice(0, 500);
    const errors = field('errors');
    const problem: Problem = {
      type: str('type', 'about:blank'),
      title: str('title', `HTTP ${status}`),
      status,
      detail: str('detail', fallbackDetail),
      code: str('code', `HTTP_${status}`),
      ...(Array.isArray(errors) ? { errors: errors as ProblemFieldError[] } : {}),
    };
    return new AgentApiError(problem, retryAfterSeconds);
  }
}

/** The agent could not be reached (connection refused or reset, DNS, TLS): nothing was answered. */
export class AgentUnreachableError extends Error {
  override readonly name = 'AgentUnreachableError';

  constructor(baseUrl: string, cause: unknown) {
    super(`cannot reach the agent at ${baseUrl} (${networkReason(cause)})`, { cause });
  }
}

/**
 * What went wrong on the network, e.g. `connect ECONNREFUSED 127.0.0.1:8450`: fetch only
 * says "fetch failed" and keeps the socket error as its cause (an AggregateError when
 * several addresses were tried).
 */
export function networkReason(error: unknown): string {
  let cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  if (cause instanceof AggregateError && cause.errors.length > 0) cause = cause.errors[0];
  return cause instanceof Error ? cause.message : String(cause);
}
