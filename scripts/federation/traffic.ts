import { demoMessage } from './demo-records.js';

/** An agent API the generator and the status line talk to. */
export interface AgentEndpoint {
  readonly member: string;
  readonly url: string;
  readonly apiKey: string;
}

/** What the generator has done so far. */
export interface TrafficStats {
  /** Records the agents took (202). */
  sent: number;
  /** Records an agent refused (4xx/5xx): a bug in the generator or the agent; see its log. */
  refused: number;
  /** Calls that got no answer (agent down or too slow). */
  unreachable: number;
  /** The last refusal, for the status line. */
  lastProblem: string | undefined;
}

/** A running generator. */
export interface Traffic {
  readonly stats: Readonly<TrafficStats>;
  /** Stops generating and waits for the calls in flight. */
  stop(): Promise<void>;
}

/** Calls in flight above which a tick is skipped rather than piling up on a slow agent. */
const MAX_IN_FLIGHT = 20;

/**
 * POSTs a random exercise record to a random agent `rate` times a second. Record ids are
 * unique per `runId`, so a resumed federation never sends the same id twice.
 */
export function startTraffic(agents: readonly AgentEndpoint[], rate: number, runId: string): Traffic {
  const stats: TrafficStats = { sent: 0, refused: 0, unreachable: 0, lastProblem: undefined };
  const inFlight = new Set<Promise<void>>();
  const members = agents.map((a) => a.member);
  let serial = 0;

  const sendOne = async (): Promise<void> => {
    const agent = agents[Math.floor(Math.random() * agents.length)]!;
    const body = demoMessage(agent.member, members, runId, ++serial);
    try {
      const res = await fetch(new URL('/v1/messages', agent.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${agent.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      if (res.status === 202) {
        stats.sent++;
      } else {
        stats.refused++;
        stats.lastProblem = `${agent.member} answered ${res.status}: ${text.slice(0, 300)}`;
      }
    } catch (e) {
      stats.unreachable++;
      stats.lastProblem = `${agent.member}: ${(e as Error).message}`;
    }
  };

  const timer =
    rate > 0
      ? setInterval(() => {
          if (inFlight.size >= MAX_IN_FLIGHT) return;
          const call = sendOne().finally(() => inFlight.delete(call));
          inFlight.add(call);
        }, 1000 / rate)
      : undefined;

  return {
    stats,
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
    },
  };
}

/** The smallest UUIDv7 of time `ms`: every message id created at `ms` or later sorts after it. */
export function uuidV7Floor(ms: number): string {
  const hex = ms.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

/**
 * How many records sent through `agent` since `sinceMs` the gateway has accepted (its
 * signed receipt arrived): pages through `GET /v1/messages?status=accepted`, which lists by
 * message id, i.e. by creation time.
 */
export async function countAccepted(agent: AgentEndpoint, sinceMs: number): Promise<number> {
  let after = uuidV7Floor(sinceMs);
  let count = 0;
  for (;;) {
    const res = await fetch(new URL(`/v1/messages?status=accepted&limit=1000&after=${after}`, agent.url), {
      headers: { authorization: `Bearer ${agent.apiKey}` },
      signal: AbortSignal.timeout(5000),
    });
    if (res.status !== 200) throw new Error(`${agent.member} answered ${res.status} to GET /v1/messages`);
    const page = (await res.json()) as { messages: { payloadType: string }[]; next: string | null };
    // The outbox also holds the agent's own DeliveryAcks and PurgeAcks for what it received.
    count += page.messages.filter((m) => !/(DeliveryAck|PurgeAck)$/.test(m.payloadType)).length;
    if (page.messages.length < 1000 || page.next === null) return count;
    after = page.next;
  }
}
