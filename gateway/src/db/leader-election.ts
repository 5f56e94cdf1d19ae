import pg from 'pg';
import type { Component, Logger } from '@atc/shared';
import type { ArchiveLocation } from './open-database.js';
import { KEEPALIVE_DELAY_MS } from './postgres-db.js';

/** Key of the session advisory lock whose holder is the leader (runs the data bank's projection and timers). */
export const LEADER_LOCK_KEY = 0x41_54_43_4c; // "ATCL"

/** How often a follower tries the lock and a leader checks its session, by default. */
export const LEADER_POLL_MS = 1_000;

/** Longest wait for the lock connection to answer before the session counts as lost. */
const SESSION_TIMEOUT_MS = 5_000;

/**
 * Runs leader-only components (DESIGN.md section 9 "Several replicas") on one replica at a
 * time. On PostgreSQL the leader is the replica whose dedicated connection holds the session
 * advisory lock {@link LEADER_LOCK_KEY}: followers try it every `pollMs`; when the leader's
 * process dies its session ends, the server releases the lock and a follower takes it within
 * about `pollMs`. A leader that loses its own session (connection lost, server restarted)
 * stops its components at once, then competes again. On SQLite the archive is one process's
 * file: that process always leads.
 *
 * Each term starts fresh components from `lead()` and stops them (in reverse) when it ends.
 * Leadership is an optimisation, not the safety net: the projection re-reads its cursor in
 * its write transaction and Notices have derived ids, so a brief overlap of two leaders (a
 * leader cut off but not yet aware) applies or sends nothing twice.
 */
export class LeaderElection implements Component {
  #client: pg.Client | undefined;
  #components: Component[] = [];
  #leading = false;
  #since: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> = Promise.resolve();
  #started = false;
  #stopped = false;

  constructor(
    private readonly options: {
      readonly location: ArchiveLocation;
      /** The leader-only components of one term, made fresh for it. */
      readonly lead: () => readonly Component[];
      readonly logger: Logger;
      readonly pollMs?: number;
      /** Told of every change (true: this replica now leads). */
      readonly onChange?: (leading: boolean) => void;
    },
  ) {}

  /** Whether this replica leads now. */
  get leading(): boolean {
    return this.#leading;
  }

  /** When this replica's current term began (Unix ms), if it leads. */
  get since(): number | undefined {
    return this.#since;
  }

  async start(): Promise<void> {
    if (this.#started || this.#stopped) return;
    this.#started = true;
    if ('path' in this.options.location) {
      await this.#becomeLeader();
      return;
    }
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#tick;
    await this.#stepDown('stopping');
    await this.#closeClient(true);
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#tick = this.#poll().finally(() => {
        this.#schedule(this.options.pollMs ?? LEADER_POLL_MS);
      });
    }, delayMs);
    this.#timer.unref();
  }

  /** One round: a follower tries the lock, a leader checks that its session is alive. */
  async #poll(): Promise<void> {
    try {
      const client = await this.#connect();
      if (this.#leading) {
        await withTimeout(client.query('SELECT 1'), SESSION_TIMEOUT_MS);
        return;
      }
      const { rows } = await withTimeout(
        client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [LEADER_LOCK_KEY]),
        SESSION_TIMEOUT_MS,
      );
      if (rows[0]?.got === true && !this.#stopped) await this.#becomeLeader();
    } catch (e) {
      this.options.logger.warn({ err: e }, 'leader lock session lost; competing again');
      await this.#stepDown('lock session lost');
      await this.#closeClient(false);
    }
  }

  async #connect(): Promise<pg.Client> {
    if (this.#client !== undefined) return this.#client;
    const location = this.options.location as Extract<ArchiveLocation, { url: string }>;
    const client = new pg.Client({
      connectionString: location.url,
      ...(location.password === undefined ? {} : { password: location.password }),
      application_name: 'atc-gateway-leader',
      connectionTimeoutMillis: SESSION_TIMEOUT_MS,
      // Every statement of this session is bounded, the unlock on stop included: over a link
      // gone silent, stopping must not wait for TCP to give up.
      query_timeout: SESSION_TIMEOUT_MS,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
    });
    // A session that fails between rounds: step down now, not at the next round.
    client.on('error', (e) => {
      if (this.#client !== client) return;
      this.options.logger.warn({ err: e }, 'leader lock connection failed');
      this.#client = undefined;
      this.#tick = this.#tick.then(() => this.#stepDown('lock connection failed'));
      client.end().catch(() => undefined);
    });
    this.#client = client;
    try {
      await client.connect();
    } catch (e) {
      this.#client = undefined;
      client.end().catch(() => undefined);
      throw e;
    }
    return client;
  }

  async #becomeLeader(): Promise<void> {
    const components = [...this.options.lead()];
    const started: Component[] = [];
    try {
      for (const c of components) {
        started.push(c);
        await c.start();
      }
    } catch (e) {
      for (const c of started.reverse()) await Promise.resolve(c.stop()).catch(() => undefined);
      throw e;
    }
    this.#components = started;
    this.#leading = true;
    this.#since = Date.now();
    this.options.logger.info('this replica leads: it runs the data bank projection and its timers');
    this.options.onChange?.(true);
  }

  async #stepDown(why: string): Promise<void> {
    if (!this.#leading) return;
    this.#leading = false;
    this.#since = undefined;
    const components = this.#components;
    this.#components = [];
    for (const c of components.reverse()) {
      try {
        await c.stop();
      } catch (e) {
        this.options.logger.error({ err: e }, 'stopping a leader-only component failed');
      }
    }
    this.options.logger.info({ why }, 'this replica no longer leads');
    this.options.onChange?.(false);
  }

  async #closeClient(unlock: boolean): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    if (client === undefined) return;
    // Ending the session releases the lock; unlocking first tells a follower a little sooner.
    if (unlock) await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer from the lock connection in ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}
