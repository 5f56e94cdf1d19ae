import type { Clock, Component, Logger } from '@atc/shared';
import type { SqlDb } from '../db/sql-db.js';
import type { FlowEvent } from '../domain/flow-event.js';
import type { FlowFeed } from './flow-feed.js';
import { archivedFlowEvents, archivedLastSeen } from './flow-seed.js';
import type { FlowStats } from './flow-stats.js';

/** How far back the flow statistics go (their longest window and the current minute). */
const FLOW_HISTORY_MS = 1441 * 60_000;

/**
 * Feeds the flow statistics: at start, seeds them from the archive (the last day of events
 * and each member's last message) and then hands them every live event of the feed. The feed
 * is started first, so nothing falls between the archive and the live events; live events
 * wait while the archive is read, so that each is told apart from its row.
 */
export class FlowStatsFeeder implements Component {
  #unsubscribe: (() => void) | undefined;

  constructor(
    private readonly options: {
      readonly feed: FlowFeed;
      readonly stats: FlowStats;
      readonly db: SqlDb;
      readonly gatewayId: string;
      readonly members: () => readonly string[];
      readonly clock: Clock;
      readonly logger: Logger;
    },
  ) {}

  async start(): Promise<void> {
    if (this.#unsubscribe !== undefined) return;
    const { feed, stats, db, gatewayId, members, clock, logger } = this.options;
    let early: FlowEvent[] | undefined = [];
    this.#unsubscribe = feed.subscribe(({ event }) => {
      if (early === undefined) stats.ingest(event);
      else early.push(event);
    });
    const seedUntil = clock();
    const seeded = await stats.seed(
      archivedFlowEvents(db, seedUntil - FLOW_HISTORY_MS, seedUntil, gatewayId),
      seedUntil,
    );
    for (const event of early) stats.ingest(event);
    early = undefined;
    for (const [member, at] of await archivedLastSeen(db, members())) stats.seedLastSeen(member, at);
    logger.debug({ events: seeded, ms: clock() - seedUntil }, 'flow statistics seeded from the archive');
  }

  stop(): void {
    this.#unsubscribe?.();
  }
}
