import { createServer, type Server } from 'node:http';
import { verifyWebhookSignature } from '@atc/node-agent';

/**
 * A member's national system in miniature: takes the agent's webhook calls, checks each
 * `Atc-Signature` and counts what arrived.
 */
export interface DemoWebhookReceiver {
  readonly member: string;
  readonly url: string;
  /** Items received with a valid signature (each answered 200, so the agent marks them delivered). */
  readonly received: number;
  /** Calls refused for a missing or wrong signature (answered 401). */
  readonly refused: number;
  close(): Promise<void>;
}

/** Starts a receiver for `member` on a free port of 127.0.0.1. */
export async function startDemoWebhookReceiver(member: string, secret: string): Promise<DemoWebhookReceiver> {
  const counts = { received: 0, refused: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      try {
        verifyWebhookSignature(req.headers['atc-signature'], body, secret);
      } catch {
        counts.refused++;
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad signature"}');
        return;
      }
      counts.received++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    member,
    url: `http://127.0.0.1:${port}/atc-webhook`,
    get received() {
      return counts.received;
    },
    get refused() {
      return counts.refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
