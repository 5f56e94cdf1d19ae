/**
 * A cache of at most `limit` entries, kept in two generations: an entry is added to the young
 * one; when that holds half the limit it becomes the old one and the old one is let go; an entry
 * found in the old one moves to the young one. Entries in use stay however long the cache runs,
 * and what it holds is let go of half at a time. (A map emptied whenever it is full loses every
 * entry it was serving at once, and turns all of its memory into garbage in one go: with large
 * values, hundreds of megabytes a long-lived heap grows by before it is collected.)
 *
 * `undefined` is not a value it keeps (`get` gives it for a key it does not hold); `null` is.
 */
export class BoundedCache<K, V> {
  #young = new Map<K, V>();
  #old = new Map<K, V>();
  readonly #half: number;

  constructor(readonly limit: number) {
    if (!Number.isSafeInteger(limit) || limit < 2)
      throw new RangeError(`a cache holds at least 2 entries, not ${limit}`);
    this.#half = Math.floor(limit / 2);
  }

  /** The value kept for `key`, or undefined. */
  get(key: K): V | undefined {
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    if (old !== undefined) {
      this.#old.delete(key);
      this.set(key, old);
    }
    return old;
  }

  set(key: K, value: V): void {
    if (this.#young.size >= this.#half && !this.#young.has(key)) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }

  /** The value kept for `key`, or `compute`'s, kept. */
  getOrSet(key: K, compute: () => V): V {
    let value = this.get(key);
    if (value === undefined) {
      value = compute();
      this.set(key, value);
    }
    return value;
  }

  /** Entries held now (at most {@link limit}). */
  get size(): number {
    return this.#young.size + this.#old.size;
  }
}
