import type { JetStreamClient } from '@nats-io/jetstream';

/**
 * Publishes to JetStream with at most `limit` PubAcks outstanding, as a member agent with
 * a backlog would. A failed publish is retried with the same message id (the first attempt
 * may have been stored); the error is raised after `attempts` tries.
 */
export class PublishPipeline {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: Error | undefined;
  published = 0;

  constructor(
    private readonly js: JetStreamClient,
    private readonly limit = 256,
    private readonly attempts = 5,
  ) {}

  /** Queues one publish; waits while `limit` are outstanding. */
  async publish(subject: string, data: Uint8Array, msgID: string): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    const p = this.send(subject, data, msgID).then(
      () => {
        this.published++;
        this.inFlight.delete(p);
      },
      (e: unknown) => {
        this.failure ??= e instanceof Error ? e : new Error(String(e));
        this.inFlight.delete(p);
      },
    );
    this.inFlight.add(p);
    while (this.inFlight.size >= this.limit) await Promise.race(this.inFlight);
  }

  /** Waits for every outstanding PubAck; throws the first failure. */
  async flush(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.failure !== undefined) throw this.failure;
  }

  private async send(subject: string, data: Uint8Array, msgID: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.js.publish(subject, data, { msgID, timeout: 30_000 });
        return;
      } catch (e) {
        if (attempt >= this.attempts) throw e;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  }
}
