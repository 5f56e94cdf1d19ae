import { createServer, type Server } from 'node:http';

/**
 * The recipient's national system during the soak: takes every webhook call at once (200)
 * and counts hand-overs per record, keeping nothing but ids (a 30-minute soak hands over
 * close to a million items).
 */
export class SoakReceiver {
  /** Record id -> the first `Atc-Delivery-Id` it came with. */
  private readonly firstDelivery = new Map<string, string>();
  private server: Server | undefined;
  /** Calls again for a record already taken, with the same delivery id: an answer the agent lost, allowed. */
  redelivered = 0;
  /** Calls for a record already taken under another delivery id: a record handed over twice. */
  duplicated = 0;
  /** Calls that were not a record hand-over the soak can read. */
  unreadable = 0;
  private urlValue = '';

  /** Where the agent posts (valid once started). */
  get url(): string {
    return this.urlValue;
  }

  /** Records taken, each counted once. */
  get delivered(): number {
    return this.firstDelivery.size;
  }

  /** Whether record `id` was taken. */
  has(id: string): boolean {
    return this.firstDelivery.has(id);
  }

  /** Listens on a free port of 127.0.0.1. */
  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.take(req.headers['atc-delivery-id'], Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    this.server = server;
    this.urlValue = `http://127.0.0.1:${port}/atc-webhook`;
  }

  private take(deliveryId: string | string[] | undefined, body: string): void {
    let id: unknown;
    try {
      id = (JSON.parse(body) as { id?: unknown }).id;
    } catch {
      id = undefined;
    }
    if (typeof id !== 'string' || typeof deliveryId !== 'string') {
      this.unreadable++;
      return;
    }
    const first = this.firstDelivery.get(id);
    if (first === undefined) this.firstDelivery.set(id, deliveryId);
    else if (first === deliveryId) this.redelivered++;
    else this.duplicated++;
  }

  /** Stops listening. Idempotent. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }
}
