import { AtcError, ErrorCode } from '@atc/shared';
import type { ApiAnswer } from '../records/jsonl-records.js';

export type { ApiAnswer } from '../records/jsonl-records.js';

/**
 * A small client of a running agent's integrator API, for the CLI commands that talk to
 * it (`send`, `import`, `status`, `inbox`).
 */
export class AgentClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  /** Sends a request and returns status and body; network errors become a clear AtcError. */
  async request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          authorization: `Bearer ${this.apiKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (e) {
      throw new AtcError(
        ErrorCode.INTERNAL,
        `cannot reach the agent at ${this.baseUrl} (${networkReason(e)}); is "atc-agent serve" running?`,
        {
          cause: e,
          retryable: true,
        },
      );
    }
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      parsed = { detail: text.slice(0, 500) };
    }
    return { status: res.status, body: parsed };
  }
}

/**
 * What went wrong on the network, e.g. `connect ECONNREFUSED 127.0.0.1:8450`: fetch only
 * says "fetch failed" and keeps the socket error as its cause (an AggregateError when
 * several addresses were tried).
 */
function networkReason(error: unknown): string {
  let cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  if (cause instanceof AggregateError && cause.errors.length > 0) cause = cause.errors[0];
  return cause instanceof Error ? cause.message : String(cause);
}
