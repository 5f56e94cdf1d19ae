import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The transaction the current async context runs in, per database: what makes transactions
 * of {@link SqlDb} ambient.
 */
export class AmbientTransaction<T extends object> {
  readonly #storage = new AsyncLocalStorage<T>();

  /** The transaction of this context, if any. */
  current(): T | undefined {
    return this.#storage.getStore();
  }

  /** Runs `fn` with `tx` as the context's transaction. */
  run<R>(tx: T, fn: () => Promise<R>): Promise<R> {
    return this.#storage.run(tx, fn);
  }
}
