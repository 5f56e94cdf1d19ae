/** Fan-out of "new inbox item" notifications to Server-Sent Events listeners. */
export class EventHub {
  private readonly listeners = new Set<(messageId: string) => void>();

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: (messageId: string) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Tells every listener about a new item. */
  publish(messageId: string): void {
    for (const l of this.listeners) l(messageId);
  }

  /** Number of open listeners (for metrics). */
  get size(): number {
    return this.listeners.size;
  }
}
