import type { FastifyInstance } from 'fastify';
import type { Logger } from '@atc/shared';
import type { SseStream } from '@atc/shared/http';
import type { InboxStore } from '../inbox/inbox-store.js';
import type { EventHub } from './event-hub.js';
import { inboxItemJson } from './inbox-item-json.js';
import { COUNT } from './route-schemas.js';

/** What the inbox event stream reads. */
export interface InboxStreamRoutesOptions {
  readonly inbox: InboxStore;
  readonly events: EventHub;
  readonly logger: Logger;
}

/** Items written per pass before waiting for the client to read them. */
const PAGE = 500;

/**
 * Writes the inbox items after `cursor` to `stream`, a page at a time, waiting for the
 * client between pages: a client far behind gets the whole backlog without it piling up
 * in memory, and nothing is dropped. A call during a pass asks for another.
 */
class InboxStreamWriter {
  private flushing = false;
  private again = false;

  constructor(
    private readonly inbox: InboxStore,
    private readonly stream: SseStream,
    private cursor: number,
  ) {}

  async flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = true;
    try {
      do {
        this.again = false;
        for (
          let page = this.inbox.list({ after: this.cursor, limit: PAGE });
          page.length > 0 && !this.stream.closed;
          page = this.inbox.list({ after: this.cursor, limit: PAGE })
        ) {
          for (const item of page) {
            this.stream.send('item', inboxItemJson(item, this.inbox), String(item.seq));
            this.cursor = item.seq;
          }
          await this.stream.idle();
        }
      } while (this.again && !this.stream.closed);
    } finally {
      this.flushing = false;
    }
  }
}

/** `GET /v1/inbox/stream`: new inbox items as Server-Sent Events, resumable. */
export function inboxStreamRoutes(
  app: FastifyInstance,
  options: InboxStreamRoutesOptions,
  done: (err?: Error) => void,
): void {
  app.get<{ Querystring: { after?: string } }>(
    '/v1/inbox/stream',
    {
      schema: {
        description: 'Server-Sent Events: one "item" event per new inbox item; resumes after Last-Event-ID or ?after=.',
        querystring: { type: 'object', properties: { after: COUNT } },
      },
    },
    (req, reply) => {
      const header = req.headers['last-event-id'];
      const lastEventId = typeof header === 'string' && /^[0-9]{1,15}$/.test(header) ? Number(header) : Number.NaN;
      // Resume after the last event the client saw; a new client starts with what comes next.
      const cursor = Number.isSafeInteger(lastEventId)
        ? lastEventId
        : req.query.after !== undefined
          ? Number(req.query.after)
          : options.inbox.latestSeq();
      // The queue holds a whole page, so a writer that waits for idle() between pages never loses one.
      const stream = reply.sse({ maxQueued: PAGE * 2 });
      const writer = new InboxStreamWriter(options.inbox, stream, cursor);
      const flush = (): void => {
        writer.flush().catch((e: unknown) => {
          options.logger.warn({ err: e }, 'inbox stream write failed');
        });
      };
      flush();
      const unsubscribe = options.events.subscribe(flush);
      // The client hung up, or the app ended the stream.
      reply.raw.on('close', unsubscribe);
      return reply;
    },
  );
  done();
}
