/** What a write returned, or what it threw. */
export type Outcome<R> = { readonly ok: true; readonly result: R } | { readonly ok: false; readonly error: unknown };

/** What a {@link TurnBatcher} does with each group. */
export interface TurnBatcherOptions<T, R> {
  /**
   * Writes one group, its items in arrival order, typically in one transaction (one commit,
   * one fsync). Throwing fails every item of the group.
   */
  readonly write: (items: readonly T[]) => R;
  /**
   * One item's consequence once its group's write returned or threw, called for each item in
   * arrival order. `index` is the item's place in the group, for a write that returns a
   * result per item. A throw does not keep the rest of the group from being settled: it goes
   * to `onSettleError`, or, without one, is thrown once the whole group is settled.
   */
  readonly settle: (item: T, outcome: Outcome<R>, index: number) => void;
  /** Told of a settle that threw (e.g. an acknowledgement on a connection that just closed). */
  readonly onSettleError?: (error: unknown, item: T) => void;
  /** Told once of a group whose write threw, before its items are settled. */
  readonly onWriteError?: (error: unknown, items: readonly T[]) => void;
  /** A group is written at once when it reaches this many items. Default: no bound. */
  readonly maxItems?: number;
}

/**
 * Group commit within one turn of the event loop: the items added while the loop is busy
 * (typically while the previous commit waited for the disk) are written together at the end
 * of the turn, or as soon as `maxItems` are waiting, and then each is settled. Writing and
 * settling are synchronous, so nothing joins a group once its write has begun; an item added
 * meanwhile (by a settle) starts the next group.
 */
export class TurnBatcher<T, R> {
  readonly #write: TurnBatcherOptions<T, R>['write'];
  readonly #settle: TurnBatcherOptions<T, R>['settle'];
  readonly #onWriteError: TurnBatcherOptions<T, R>['onWriteError'];
  readonly #onSettleError: TurnBatcherOptions<T, R>['onSettleError'];
  readonly #maxItems: number;
  #items: T[] = [];
  #scheduled = false;

  constructor(options: TurnBatcherOptions<T, R>) {
    this.#write = options.write;
    this.#settle = options.settle;
    this.#onWriteError = options.onWriteError;
    this.#onSettleError = options.onSettleError;
    this.#maxItems = options.maxItems ?? Infinity;
  }

  /** Adds an item to the waiting group: written at the end of this turn, or now if the group is full. */
  add(item: T): void {
    this.#items.push(item);
    if (this.#items.length >= this.#maxItems) this.flush();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => {
        this.flush();
      });
    }
  }

  /**
   * Writes the waiting items now as one group and settles each (when stopping, or when the
   * group is full). With nothing waiting it does nothing, so the end of a turn whose group
   * was already written finds nothing to do.
   */
  flush(): void {
    this.#scheduled = false;
    const group = this.#items;
    if (group.length === 0) return;
    this.#items = [];
    let outcome: Outcome<R>;
    try {
      outcome = { ok: true, result: this.#write(group) };
    } catch (error) {
      outcome = { ok: false, error };
      this.#onWriteError?.(error, group);
    }
    let thrown: { readonly error: unknown } | undefined;
    group.forEach((item, index) => {
      try {
        this.#settle(item, outcome, index);
      } catch (error) {
        if (this.#onSettleError !== undefined) this.#onSettleError(error, item);
        else thrown ??= { error };
      }
    });
    if (thrown !== undefined) throw thrown.error;
  }
}
