import pg from 'pg';
import { backoffDelay, ErrorCode, Jitter, type Clock, type Component, type Logger } from '@atc/shared';
import type { InboxItem } from '../../inbox/inbox-store.js';
import type { OutboxRow } from '../../store/outbox-records.js';
import { PgRows, SENT_PAGE, type PendingRow, type RowOutcome } from './pg-rows.js';
import { notifyChannel, PgRowState, quoteIdent, rowIdempotencyKey, type PgTableNames } from './pg-tables.js';

/** The agent API's answer to one row: what `POST /v1/messages` answered. */
export interface SubmitAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** What a {@link PgAdapter} works with. */
export interface PgAdapterDeps {
  /** postgres://user@host:port/db, without password. */
  readonly url: string;
  readonly password?: string | undefined;
  readonly names: PgTableNames;
  readonly batch: number;
  readonly pollMs: number;
  /** Hands one row's payload (JSON text) to the agent's outbox, as `POST /v1/messages` with the key. */
  readonly submit: (json: string, idempotencyKey: string) => Promise<SubmitAnswer>;
  /** The agent's outbox row of a message: its status and, once rejected, the refusal. */
  readonly outboxRow: (
    messageId: string,
  ) => Pick<OutboxRow, 'status' | 'reasonCode' | 'reasonDetail' | 'idempotencyKey'> | undefined;
  /** Set when received items go into the inbox table. */
  readonly inbox?: {
    /** Received items not handed over yet, oldest first. */
    readonly pending: (limit: number) => readonly InboxItem[];
    /** What the inbox table keeps of an item (the webhook body's fields). */
    readonly body: (item: InboxItem) => Record<string, unknown>;
    /** Records the hand-overs (and queues their DeliveryAcks) in one transaction. */
    readonly delivered: (items: readonly InboxItem[], at: number) => void;
  };
  readonly onRow?: (outcome: PgRowState) => void;
  readonly onInboxRows?: (count: number) => void;
  readonly onConnected?: (connected: boolean) => void;
  readonly logger: Logger;
  readonly clock: Clock;
}

/** Received items written per statement. */
const INBOX_BATCH = 200;
/** Batches of outbox rows taken in one turn before receipts and received items get theirs. */
const BATCHES_PER_TURN = 10;
/** Message ids of receipts remembered for a targeted write-back; past this, the next sweep covers them. */
const MAX_RECEIPTS_DUE = 100_000;
/** How soon a receipt that came before its row was written as sent is looked at again. */
const EARLY_RECEIPT_RETRY_MS = 1_000;
const RECONNECT = { baseMs: 250, maxMs: 30_000, jitter: Jitter.EQUAL } as const;

/** The agent answered a row with "not now" (its storage, a restart): try the batch again later. */
class AgentBusy extends Error {}

/**
 * The PostgreSQL outbox-table adapter. It LISTENs on the outbox table's channel and reads the
 * table every `pollMs` as a fallback; it takes pending rows in id order, `batch` at a time
 * (FOR UPDATE SKIP LOCKED), hands each to the agent's outbox with the Idempotency-Key
 * `pg-outbox:<schema>.<table>:<id>` and writes the answer back in the same transaction: a
 * crash before the commit leaves the rows pending, and handing them over again returns the
 * messages they already made. Receipts are written back as they arrive; received items go
 * into the inbox table (when enabled). A lost connection is reopened with backoff.
 */
export class PgAdapter implements Component {
  readonly #rows: PgRows;
  #loop: Promise<void> | undefined;
  #stopped = false;
  #woken = false;
  #wakeUp: (() => void) | undefined;
  #work: pg.Client | undefined;
  #listen: pg.Client | undefined;
  /** Why the connection broke while the loop was elsewhere (an idle client's error). */
  #broken: Error | undefined;
  #failures = 0;
  /** Read every sent row on the next turn (after a (re)connect, or too many receipts to remember). */
  #sweepDue = true;
  #lastSweep = 0;
  /** Messages whose receipts arrived since the last turn. */
  #receiptsDue = new Set<string>();

  constructor(private readonly deps: PgAdapterDeps) {
    this.#rows = new PgRows(deps.names);
  }

  start(): void {
    if (this.#loop !== undefined || this.#stopped) return;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wakeUp?.();
    await this.#loop;
    await this.#disconnect();
  }

  /** New work may be waiting: a NOTIFY, a received item. */
  wake(): void {
    this.#woken = true;
    this.#wakeUp?.();
  }

  /** A gateway receipt about `messageId` was applied: the row that sent it may be settled. */
  receiptArrived(messageId: string): void {
    if (this.#receiptsDue.size < MAX_RECEIPTS_DUE) this.#receiptsDue.add(messageId);
    else this.#sweepDue = true;
    this.wake();
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      try {
        await this.#connect();
        await this.#turn();
        this.#failures = 0;
        await this.#sleep(this.#sweepDue ? Math.min(this.deps.pollMs, EARLY_RECEIPT_RETRY_MS) : this.deps.pollMs, true);
      } catch (e) {
        if (this.#stopped) break;
        this.#failures++;
        const delayMs = backoffDelay(this.#failures, RECONNECT);
        const reason = e instanceof Error ? e.message : String(e);
        if (e instanceof AgentBusy) {
          this.deps.logger.warn({ reason, retryInMs: delayMs }, 'the agent could not take outbox-table rows now');
        } else {
          this.deps.logger.warn(
            { reason, code: (e as { code?: unknown }).code, retryInMs: delayMs, failures: this.#failures },
            'the national PostgreSQL is unreachable or the connection was lost; reconnecting',
          );
          await this.#disconnect(true);
        }
        await this.#sleep(delayMs, false);
      }
    }
  }

  async #connect(): Promise<void> {
    if (this.#work !== undefined) {
      if (this.#broken !== undefined) throw this.#broken;
      return;
    }
    const options: pg.ClientConfig = {
      connectionString: this.deps.url,
      ...(this.deps.password === undefined ? {} : { password: this.deps.password }),
      application_name: 'atc-agent-pg-adapter',
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
    };
    const onError = (e: Error): void => {
      this.#broken ??= e;
      this.wake();
    };
    const work = new pg.Client(options);
    const listen = new pg.Client(options);
    work.on('error', onError);
    listen.on('error', onError);
    listen.on('notification', () => {
      this.wake();
    });
    this.#work = work;
    this.#listen = listen;
    this.#broken = undefined;
    await work.connect();
    await listen.connect();
    await listen.query(`LISTEN ${quoteIdent(notifyChannel(this.deps.names))}`);
    this.deps.onConnected?.(true);
    if (this.#failures > 0) this.deps.logger.info({ after: this.#failures }, 'reconnected to the national PostgreSQL');
    // Rows and receipts may have come while the connection was down.
    this.#sweepDue = true;
  }

  async #disconnect(lost = false): Promise<void> {
    const clients = [this.#work, this.#listen].filter((c) => c !== undefined);
    this.#work = undefined;
    this.#listen = undefined;
    if (clients.length === 0) return;
    if (lost) this.deps.onConnected?.(false);
    // A connection to a server that is gone may never answer the goodbye.
    await Promise.all(clients.map((c) => endWithin(c, 2_000)));
  }

  /**
   * One round: pending rows (up to {@link BATCHES_PER_TURN} batches, so that a steady stream
   * of inserts does not hold up the rest), then receipts, then received items.
   */
  async #turn(): Promise<void> {
    const work = this.#work!;
    this.#woken = false;
    for (let i = 0; !this.#stopped && (await this.#takeBatch(work)) === this.deps.batch; i++) {
      if (this.#broken !== undefined) throw this.#broken;
      if (i + 1 === BATCHES_PER_TURN) {
        this.#woken = true;
        break;
      }
    }
    await this.#writeBackReceipts(work);
    if (this.deps.inbox !== undefined) await this.#writeInbox(work);
  }

  /** Takes one batch of pending rows and hands them over; returns how many were taken. */
  async #takeBatch(work: pg.Client): Promise<number> {
    let busy: string | undefined;
    await work.query('BEGIN');
    let rows: PendingRow[];
    try {
      rows = await this.#rows.takePending(work, this.deps.batch);
      // All at once: the agent stores requests that arrive together in one transaction.
      const outcomes = await Promise.all(rows.map((row) => this.#handOver(row)));
      const decided: RowOutcome[] = [];
      for (const o of outcomes) {
        if ('busy' in o) busy ??= o.busy;
        else decided.push(o);
      }
      await this.#rows.writeOutcomes(work, decided, PgRowState.pending);
      await work.query('COMMIT');
      for (const o of decided) this.deps.onRow?.(o.state);
    } catch (e) {
      await work.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
    if (busy !== undefined) throw new AgentBusy(busy);
    return rows.length;
  }

  /** Hands one row to the agent's outbox; `busy` when it should be tried again later. */
  async #handOver(row: PendingRow): Promise<RowOutcome | { readonly busy: string }> {
    const answer = await this.deps.submit(JSON.stringify(row.payload), rowIdempotencyKey(this.deps.names, row.id));
    const text = (key: string): string | null => {
      const v = answer.body[key];
      return typeof v === 'string' ? v : null;
    };
    if (answer.status === 202) {
      // A row handed over again (a crash before its commit) may name a message already settled.
      const messageId = text('messageId');
      const verdict = messageId === null ? undefined : this.#verdict(messageId);
      if (verdict !== undefined) return { id: row.id, ...verdict };
      return {
        id: row.id,
        state: PgRowState.sent,
        messageId,
        receiptStatus: null,
        refusalCode: null,
        refusalDetail: null,
      };
    }
    // The agent's own trouble (storage, overload, authentication): not the row's fault.
    if (answer.status >= 500 || answer.status === 429 || answer.status === 401 || answer.status === 403) {
      return { busy: `${answer.status} ${text('code') ?? ''} ${text('detail') ?? ''}`.trim() };
    }
    // The key was used by a different request (the payload was changed after the row was
    // handed over): the row's own message stands, this content is not sent. Any other
    // refusal: the payload is not a request the API takes.
    const state = text('code') === ErrorCode.IDEMPOTENCY_KEY_REUSED ? PgRowState.failed : PgRowState.rejected;
    this.deps.logger.info({ row: row.id, code: text('code'), state }, 'an outbox-table row was refused');
    return {
      id: row.id,
      state,
      messageId: null,
      receiptStatus: null,
      refusalCode: text('code') ?? `HTTP ${answer.status}`,
      refusalDetail: text('detail'),
    };
  }

  /**
   * Writes the gateway's verdicts back: those of the receipts that just arrived by message id;
   * and every poll interval (and after a reconnect) all sent rows, for receipts that came
   * while the connection was down or before their row was written as sent.
   */
  async #writeBackReceipts(work: pg.Client): Promise<void> {
    const now = this.deps.clock();
    if (this.#sweepDue || now - this.#lastSweep >= this.deps.pollMs) {
      this.#sweepDue = false;
      this.#receiptsDue.clear();
      this.#lastSweep = now;
      await this.#sweepSent(work);
      return;
    }
    const ids = [...this.#receiptsDue];
    this.#receiptsDue.clear();
    // Only this table's messages (the receipts of others, e.g. DeliveryAcks, come here too).
    const ours = rowIdempotencyKey(this.deps.names, '');
    const settled = ids.flatMap((messageId) => {
      const outcome = this.#verdict(messageId, ours);
      return outcome === undefined ? [] : [outcome];
    });
    try {
      const written = await this.#rows.settleByMessageId(work, settled);
      for (const state of written) this.deps.onRow?.(state);
      // A receipt can beat the commit that writes its row as sent: look again soon.
      if (written.length < settled.length) this.#sweepDue = true;
    } catch (e) {
      // Not written: the sweep after the reconnect finds them.
      this.#sweepDue = true;
      throw e;
    }
  }

  /**
   * The final verdict on a message, when its receipt says accepted or rejected (and, given
   * `keyPrefix`, only for a message whose Idempotency-Key starts with it).
   */
  #verdict(messageId: string, keyPrefix?: string): Omit<RowOutcome, 'id'> | undefined {
    const m = this.deps.outboxRow(messageId);
    if (m === undefined || (m.status !== 'accepted' && m.status !== 'rejected')) return undefined;
    if (keyPrefix !== undefined && m.idempotencyKey?.startsWith(keyPrefix) !== true) return undefined;
    return {
      state: m.status === 'accepted' ? PgRowState.accepted : PgRowState.rejected,
      messageId,
      receiptStatus: m.status,
      refusalCode: m.reasonCode,
      refusalDetail: m.reasonDetail,
    };
  }

  /** Reads every sent row and writes back those whose message has a final receipt. */
  async #sweepSent(work: pg.Client): Promise<void> {
    let after = '0';
    for (;;) {
      const page = await this.#rows.sentAfter(work, after);
      const settled: RowOutcome[] = [];
      for (const row of page) {
        const verdict = this.#verdict(row.messageId);
        if (verdict !== undefined) settled.push({ id: row.id, ...verdict });
      }
      await this.#rows.writeOutcomes(work, settled, PgRowState.sent);
      for (const o of settled) this.deps.onRow?.(o.state);
      if (page.length < SENT_PAGE) return;
      after = page.at(-1)!.id;
    }
  }

  /**
   * Writes pending received items into the inbox table, then records them handed over (and
   * queues their DeliveryAcks). A crash in between writes them again: the insert skips
   * message ids already there, so each is in the table once.
   */
  async #writeInbox(work: pg.Client): Promise<void> {
    const inbox = this.deps.inbox!;
    for (;;) {
      if (this.#stopped) return;
      const items = inbox.pending(INBOX_BATCH);
      if (items.length === 0) return;
      await this.#rows.insertInbox(
        work,
        items.map((item) => {
          const body = inbox.body(item);
          return {
            messageId: item.messageId,
            receivedAt: new Date(item.receivedAt).toISOString(),
            sender: item.sender,
            payloadType: item.payloadType,
            exercise: item.exercise,
            header: body['header'],
            record: body['record'],
            tombstone: body['tombstone'],
          };
        }),
      );
      inbox.delivered(items, this.deps.clock());
      this.deps.onInboxRows?.(items.length);
      if (items.length < INBOX_BATCH) return;
    }
  }

  /** Waits `ms`; a wake ends it early when `wakeable`, and stop always does. */
  #sleep(ms: number, wakeable: boolean): Promise<void> {
    if (this.#stopped || (wakeable && this.#woken)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wakeUp = () => {
        if (this.#stopped || wakeable) done();
      };
    });
  }
}

/**
 * Ends `client`'s connection, waiting at most `ms` for the server's goodbye. The wait's timer
 * is cleared once the connection has ended: a timer left behind would keep a stopping process
 * alive for its remainder.
 */
async function endWithin(client: pg.Client, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([client.end().catch(() => undefined), waited]);
  } finally {
    clearTimeout(timer);
  }
}
