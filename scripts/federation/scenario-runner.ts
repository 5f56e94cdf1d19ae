import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode } from '@atc/shared';
import type { ScenarioStep } from './databank-scenario.js';
import type { AgentEndpoint } from './traffic.js';

/** What the scenario has done so far. */
export interface ScenarioStats {
  /** Steps the agents took as new messages (202, created). */
  sent: number;
  /**
   * Steps an earlier run had sent already (same Idempotency-Key): a resumed federation. Also
   * those it sent in another form (a federation resumed with other members, so other
   * recipients): the agent keeps the first, and so does the scenario.
   */
  repeated: number;
  /** Messages of the scenario the gateway accepted. */
  accepted: number;
  /** Messages the gateway rejected, or steps an agent refused: a bug; see `problems`. */
  rejected: number;
  /** What went wrong, one line each. */
  readonly problems: string[];
  /** True once every phase was sent and answered (or the run gave up). */
  finished: boolean;
}

/** A running scenario. */
export interface ScenarioRun {
  readonly stats: Readonly<ScenarioStats>;
  /** Resolves when the run finished, gave up, or was stopped; never rejects. */
  readonly done: Promise<void>;
  /** Stops waiting and sending; resolves once the run ended. */
  stop(): Promise<void>;
}

/** Options of {@link runScenario}. */
export interface ScenarioRunOptions {
  /** How long each phase may take to be accepted (default 120 s). */
  readonly phaseTimeoutMs?: number;
  /** Between two polls of a message's status (default 250 ms). */
  readonly intervalMs?: number;
}

/** A step with the id of the message its agent made of it. */
interface Sent {
  readonly step: ScenarioStep;
  readonly agent: AgentEndpoint;
  readonly messageId: string;
}

class Stopped extends Error {}

/**
 * Sends `steps` through their members' agents one phase at a time: every step of a phase in
 * order (each with its Idempotency-Key, so a step sent by an earlier run is not sent again),
 * then waits until the gateway accepted all of them before the next phase, so that an update
 * or a withdrawal never overtakes the record it changes. A rejection ends the run.
 */
export function runScenario(
  agents: readonly AgentEndpoint[],
  steps: readonly ScenarioStep[],
  options: ScenarioRunOptions = {},
): ScenarioRun {
  const stats: ScenarioStats = { sent: 0, repeated: 0, accepted: 0, rejected: 0, problems: [], finished: false };
  const abort = new AbortController();
  const phaseTimeoutMs = options.phaseTimeoutMs ?? 120_000;
  const intervalMs = options.intervalMs ?? 250;
  const byMember = new Map(agents.map((a) => [a.member, a]));

  const pause = async (ms: number): Promise<void> => {
    await sleep(ms, undefined, { signal: abort.signal }).catch(() => undefined);
    if (abort.signal.aborted) throw new Stopped();
  };

  /**
   * POSTs one step, retrying with the same key while the agent cannot answer. 'earlier' when
   * an earlier run sent the step in another form; undefined when the agent refused it.
   */
  const send = async (step: ScenarioStep, deadline: number): Promise<Sent | 'earlier' | undefined> => {
    const agent = byMember.get(step.member);
    if (agent === undefined) throw new Error(`the scenario names ${step.member}, which has no agent here`);
    for (;;) {
      const answer = await fetch(new URL('/v1/messages', agent.url), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${agent.apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': step.idempotencyKey,
        },
        body: JSON.stringify(step.body),
        signal: AbortSignal.any([abort.signal, AbortSignal.timeout(10_000)]),
      }).then(
        async (res) => ({ status: res.status, text: await res.text() }),
        (e: unknown) => ({ status: 0, text: (e as Error).message }),
      );
      if (abort.signal.aborted) throw new Stopped();
      if (answer.status === 202) {
        const body = JSON.parse(answer.text) as { messageId: string; created: boolean };
        if (body.created) stats.sent++;
        else stats.repeated++;
        return { step, agent, messageId: body.messageId };
      }
      if (problemCode(answer.text) === ErrorCode.IDEMPOTENCY_KEY_REUSED) {
        stats.repeated++;
        return 'earlier';
      }
      const retryable = answer.status === 0 || answer.status === 429 || answer.status >= 500;
      if (!retryable || Date.now() > deadline) {
        stats.rejected++;
        stats.problems.push(
          `${step.member} answered ${answer.status} to ${step.idempotencyKey}: ${answer.text.slice(0, 300)}`,
        );
        return undefined;
      }
      await pause(intervalMs * 4);
    }
  };

  /** Polls the agent until the gateway's receipt for `sent` arrived; true when accepted. */
  const settle = async (sent: Sent, deadline: number): Promise<boolean> => {
    for (;;) {
      const res = await fetch(new URL(`/v1/messages/${sent.messageId}`, sent.agent.url), {
        headers: { authorization: `Bearer ${sent.agent.apiKey}` },
        signal: AbortSignal.any([abort.signal, AbortSignal.timeout(5_000)]),
      }).catch(() => undefined);
      if (abort.signal.aborted) throw new Stopped();
      if (res?.status === 200) {
        const m = (await res.json()) as { status: string; reason: { code: string; detail: string } | null };
        if (m.status === 'accepted') {
          stats.accepted++;
          return true;
        }
        if (m.status === 'rejected') {
          stats.rejected++;
          stats.problems.push(
            `the gateway rejected ${sent.step.idempotencyKey} from ${sent.step.member}: ${m.reason?.code} ${m.reason?.detail}`,
          );
          return false;
        }
      } else await res?.body?.cancel();
      if (Date.now() > deadline) {
        stats.problems.push(
          `${sent.step.idempotencyKey} from ${sent.step.member}: no receipt after ${phaseTimeoutMs / 1000} s`,
        );
        return false;
      }
      await pause(intervalMs);
    }
  };

  const run = async (): Promise<void> => {
    const phases = [...new Set(steps.map((s) => s.phase))].sort((a, b) => a - b);
    for (const phase of phases) {
      const deadline = Date.now() + phaseTimeoutMs;
      const sent: Sent[] = [];
      for (const step of steps.filter((s) => s.phase === phase)) {
        const s = await send(step, deadline);
        if (s === undefined) return;
        if (s !== 'earlier') sent.push(s);
      }
      const settled = await Promise.all(sent.map((s) => settle(s, deadline)));
      if (settled.includes(false)) return;
    }
  };

  const done = run()
    .catch((e: unknown) => {
      if (!(e instanceof Stopped)) stats.problems.push((e as Error).message);
    })
    .finally(() => {
      stats.finished = true;
    });
  return {
    stats,
    done,
    async stop() {
      abort.abort();
      await done;
    },
  };
}

/** The `code` of a problem+json body, if it is one. */
function problemCode(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { code?: unknown };
    return typeof body.code === 'string' ? body.code : undefined;
  } catch {
    return undefined;
  }
}
