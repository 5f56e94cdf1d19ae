import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';

/** One call the receiver got. */
export interface WebhookCall {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The status answered; 0 while a held call has no answer. */
  readonly status: number;
}

/**
 * How the receiver answers a call: a status; a status with response headers (e.g.
 * `retry-after`) and a delay; or `'hold'`: no answer until {@link WebhookReceiver.release}.
 */
export type WebhookAnswer =
  number | 'hold' | { readonly status: number; readonly headers?: Record<string, string>; readonly delayMs?: number };

/**
 * A national system's webhook endpoint standing in for the real one: a real HTTP server on
 * 127.0.0.1 that records every call and answers as `respond` chooses.
 */
export interface WebhookReceiver {
  readonly url: string;
  readonly calls: WebhookCall[];
  /** Chooses the answer to the next calls (default 200). */
  respond: (call: { headers: IncomingHttpHeaders; body: string }) => WebhookAnswer;
  /** Calls being answered right now (read, not yet answered), and the most there ever were. */
  readonly concurrency: { current: number; peak: number };
  /** Answers every held call with `status`; returns how many there were. */
  release(status: number): number;
  close(): Promise<void>;
}

/** Starts a webhook receiver on a free port. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const held: { call: WebhookCall; res: ServerResponse }[] = [];
  const answer = (res: ServerResponse, status: number, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end('{}');
  };
  const receiver: WebhookReceiver = {
    url: '',
    calls: [],
    respond: () => 200,
    concurrency: { current: 0, peak: 0 },
    release: (status) => {
      const released = held.splice(0);
      for (const { call, res } of released) {
        (call as { status: number }).status = status;
        answer(res, status);
      }
      return released.length;
    },
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
    receiver.concurrency.current++;
    receiver.concurrency.peak = Math.max(receiver.concurrency.peak, receiver.concurrency.current);
    res.on('close', () => {
      receiver.concurrency.current--;
    });
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const chosen = receiver.respond({ headers: req.headers, body });
      if (chosen === 'hold') {
        const call = { headers: req.headers, body, status: 0 };
        receiver.calls.push(call);
        held.push({ call, res });
        return;
      }
      const { status, headers, delayMs } = typeof chosen === 'number' ? { status: chosen } : chosen;
      receiver.calls.push({ headers: req.headers, body, status });
      if (delayMs === undefined) answer(res, status, headers);
      else
        setTimeout(() => {
          answer(res, status, headers);
        }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  (receiver as { url: string }).url = `http://127.0.0.1:${port}/atc-webhook`;
  return receiver;
}
