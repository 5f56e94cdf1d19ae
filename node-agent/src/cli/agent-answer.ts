import { AgentApiError, AgentUnreachableError } from '@atc/client';
import { AtcError, ErrorCode } from '@atc/shared';

/** What a client command prints: the agent's answer, and whether the request succeeded. */
export interface CommandAnswer {
  readonly ok: boolean;
  /** The answer on success; the problem document (code, detail, status) on a refusal. */
  readonly body: unknown;
}

/**
 * Runs a call of the agent API for a CLI command: a refusal becomes its problem document (to
 * print, exit 1); an agent that cannot be reached becomes an AtcError that says what to check.
 */
export async function commandAnswer(call: Promise<unknown>): Promise<CommandAnswer> {
  try {
    return { ok: true, body: await call };
  } catch (e) {
    if (e instanceof AgentApiError) return { ok: false, body: e.problem };
    throw unreachable(e);
  }
}

/** An AgentUnreachableError as the CLI reports it; any other error as it is. */
export function unreachable(e: unknown): unknown {
  if (!(e instanceof AgentUnreachableError)) return e;
  return new AtcError(ErrorCode.INTERNAL, `${e.message}; is "atc-agent serve" running?`, {
    cause: e,
    retryable: true,
  });
}
