import type { ServerResponse } from 'node:http';

/** Options of {@link SseStream}. */
export interface SseStreamOptions {
  /** Events held for a client that reads slowly; beyond, the oldest are dropped (default 1000). */
  readonly maxQueued?: number;
  /** A comment line this often keeps proxies from closing an idle stream (default 15 s). */
  readonly heartbeatMs?: number;
}

/**
 * One Server-Sent Events response with a bounded queue: events are written while the
 * socket takes them; while it does not (a slow client), at most `maxQueued` wait, and
 * the oldest are dropped. The client is then told how many it missed by an `event: lagged`
 * with `data: {"dropped": N}` before the next events, so one slow client cannot grow the
 * service's memory and still knows its view is incomplete. A writer that can read again
 * what it sends (a cursor over stored items) waits for {@link idle} instead, and nothing
 * is dropped.
 */
export class SseStream {
  private readonly queue: string[] = [];
  private dropped = 0;
  private closedFlag = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly maxQueued: number;
  private readonly waiting = new Set<() => void>();

  constructor(
    private readonly res: ServerResponse,
    options: SseStreamOptions = {},
  ) {
    this.maxQueued = options.maxQueued ?? 1000;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Tells nginx-like proxies not to buffer the stream.
      'x-accel-buffering': 'no',
    });
    // Send the headers now, not with the first event, so the client sees the stream open.
    res.flushHeaders();
    res.on('drain', () => {
      this.flush();
    });
    res.on('close', () => {
      this.closedFlag = true;
      this.queue.length = 0;
      clearInterval(this.heartbeat);
      this.wake();
    });
    this.heartbeat = setInterval(() => {
      if (!res.writableNeedDrain) res.write(': keep-alive\n\n');
    }, options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
  }

  /** True once the client hung up or {@link end} was called. */
  get closed(): boolean {
    return this.closedFlag;
  }

  /** Events dropped so far and not yet reported to the client. */
  get pendingDropped(): number {
    return this.dropped;
  }

  /** Queues `event: <name>` with `data: <json>` and an optional `id:`. */
  send(name: string, data: unknown, id?: string): void {
    if (this.closedFlag) return;
    const frame = `${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
    if (this.queue.length >= this.maxQueued) {
      this.queue.shift();
      this.dropped++;
    }
    this.queue.push(frame);
    if (!this.res.writableNeedDrain) this.flush();
  }

  /**
   * Resolves once everything sent so far is handed to the socket and it takes more, or the
   * stream closed: a writer that waits for it between batches never has events dropped.
   */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiting.add(resolve));
  }

  /** Ends the stream. */
  end(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    clearInterval(this.heartbeat);
    this.res.end();
    this.wake();
  }

  private isIdle(): boolean {
    return this.closedFlag || (this.queue.length === 0 && this.dropped === 0 && !this.res.writableNeedDrain);
  }

  private wake(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.waiting) resolve();
    this.waiting.clear();
  }

  private flush(): void {
    while (!this.closedFlag && !this.res.writableNeedDrain) {
      if (this.dropped > 0) {
        this.res.write(`event: lagged\ndata: ${JSON.stringify({ dropped: this.dropped })}\n\n`);
        this.dropped = 0;
        continue;
      }
      const frame = this.queue.shift();
      if (frame === undefined) break;
      this.res.write(frame);
    }
    this.wake();
  }
}
