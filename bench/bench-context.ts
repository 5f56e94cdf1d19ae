import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BenchFederation } from './bench-federation.js';
import type { BenchPlan } from './bench-plan.js';

/** What every phase gets: the plan, the servers and keys, where to write, how to report progress. */
export interface BenchContext {
  readonly plan: BenchPlan;
  readonly natsUrl: string;
  /** The nats-server's process id (undefined when it runs in a container). */
  readonly natsPid: number | undefined;
  /** An admin connection of the bench itself (stream set-up, purges, paced publishing). */
  readonly nc: NatsConnection;
  readonly jsm: JetStreamManager;
  readonly federation: BenchFederation;
  /** Data dir of the gateway under test (prepared: key and members). */
  readonly gatewayDir: string;
  /** Scratch space of the run (removed at the end). */
  readonly workDir: string;
  /** Logs of every child process (kept until the end; printed on failure). */
  readonly logDir: string;
  /** The environment children inherit: the bench's own, without any ATC_* setting of the shell. */
  readonly childEnv: Readonly<Record<string, string>>;
  /** When set, the gateway's throughput phase writes a V8 CPU profile here. */
  readonly cpuProfDir: string | undefined;
  /** One progress line to stderr. */
  progress(line: string): void;
  /** Reserves `count` sender sequence numbers per member, so phases continue each member's sequence. */
  reserveSequences(count: number): number;
}
