import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/** One call the receiver got. */
export interface WebhookCall {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly status: number;
}

/**
 * A national system's webhook endpoint standing in for the real one: a real HTTP server on
 * 127.0.0.1 that records every call and answers with the status `respond` chooses.
 */
export interface WebhookReceiver {
  readonly url: string;
  readonly calls: WebhookCall[];
  /** Chooses the status of the next calls (default 200). */
  respond: (call: { headers: IncomingHttpHeaders; body: string }) => number;
  close(): Promise<void>;
}

/** Starts a webhook receiver on a free port. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: '',
    calls: [],
    respond: () => 200,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      });
    },
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status = receiver.respond({ headers: req.headers, body });
      receiver.calls.push({ headers: req.headers, body, status });
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  (receiver as { url: string }).url = `http://127.0.0.1:${port}/atc-webhook`;
  return receiver;
}
