import type { TraceContext } from './trace-context.js';

/**
 * The trace contexts of messages a service holds on to between two steps (taken by the API,
 * later published; stored in the inbox, later handed over), by message id. It lives in memory
 * and is bounded: past `capacity` the oldest entry is forgotten, and a message whose context
 * was forgotten (or lost with a restart) continues in a new trace, still named by its
 * `atc.message_id` attribute.
 */
export class TraceBook {
  readonly #contexts = new Map<string, TraceContext>();
  readonly #capacity: number;

  constructor(capacity = 100_000) {
    this.#capacity = capacity;
  }

  /** Keeps `context` for `messageId` (the first one given is kept). */
  set(messageId: string, context: TraceContext): void {
    if (this.#contexts.has(messageId)) return;
    if (this.#contexts.size >= this.#capacity) {
      const oldest = this.#contexts.keys().next();
      if (oldest.done !== true) this.#contexts.delete(oldest.value);
    }
    this.#contexts.set(messageId, context);
  }

  get(messageId: string): TraceContext | undefined {
    return this.#contexts.get(messageId);
  }

  /** Forgets `messageId` (its work is done). */
  delete(messageId: string): void {
    this.#contexts.delete(messageId);
  }

  get size(): number {
    return this.#contexts.size;
  }
}
