import { ErrorCode, parseRfc3339Timestamp, type Clock, type NatsLinkState } from '@atc/shared';
import { badRequest } from '@atc/shared/http';
import type { AlarmThresholds } from '../console-api/current-alarms.js';
import type { SqlDb } from '../db/sql-db.js';
import type { FlowStats } from '../flow/flow-stats.js';
import type { Registry } from '../registry/registry.js';

/** What the operator console's read APIs (members, refusals, alarms) read. */
export interface ConsoleApiOptions {
  /** The archive's database. */
  readonly db: SqlDb;
  readonly registry: Pick<Registry, 'listMembers' | 'getMember' | 'listKeys'>;
  /** The flow statistics (per member counts of the last 24 h). */
  readonly stats: FlowStats;
  /** Messages waiting in each member's inbox consumer, as the flow API reads them. */
  readonly backlog: () => Promise<ReadonlyMap<string, number>>;
  readonly clock: Clock;
  readonly alarms: AlarmThresholds;
  /** This replica's link to NATS (an alarm while it is down). */
  readonly natsLink?: (() => NatsLinkState) | undefined;
}

/** A time query parameter (RFC 3339) as Unix milliseconds; `undefined` when absent. */
export function timeParam(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const parsed = parseRfc3339Timestamp(raw);
  if (!parsed.ok) {
    throw badRequest(
      ErrorCode.QUERY_INVALID,
      `query parameter ${name} ${parsed.problem}; got ${JSON.stringify(raw.slice(0, 40))}.`,
    );
  }
  return parsed.value.seconds * 1000 + Math.floor(parsed.value.nanos / 1e6);
}
