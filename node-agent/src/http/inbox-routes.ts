import type { FastifyInstance } from 'fastify';
import { ErrorCode, type Clock } from '@atc/shared';
import { gone, notFound, pageLimit } from '@atc/shared/http';
import type { InboxItem, InboxState, InboxStore } from '../inbox/inbox-store.js';
import { inboxItemJson, inboxItemSchema } from './inbox-item-json.js';
import { COUNT, idParams, LIMIT } from './route-schemas.js';
import { tombstoneJson, tombstoneSchema } from '../inbox/tombstone-json.js';

/** What the inbox routes work with. */
export interface InboxRoutesOptions {
  readonly inbox: InboxStore;
  /** Records that the national system took an item, with its DeliveryAck, in one transaction. */
  readonly deliverItem: (item: InboxItem, at: number, channel: 'api') => void;
  readonly clock: Clock;
}

/** The answer for an erased item (a problem document with its tombstone) or an expired one (with its times). */
const goneSchema = {
  type: 'object',
  description:
    'No content. ERR_ITEM_WITHDRAWN: the item was erased, its record was withdrawn by its originator; the tombstone says why. ' +
    'ERR_ITEM_EXPIRED: the national system took the item longer than the inbox retention (ATC_INBOX_RETENTION) ago, and the agent removed its content; deliveredAt and expiredAt say when.',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', enum: [ErrorCode.ITEM_WITHDRAWN, ErrorCode.ITEM_EXPIRED] },
    tombstone: {
      ...tombstoneSchema,
      description: 'ERR_ITEM_WITHDRAWN only: what the agent erased, who withdrew it and why',
    },
    deliveredAt: { type: 'string', description: 'ERR_ITEM_EXPIRED only: when the national system took the item' },
    expiredAt: { type: 'string', description: 'ERR_ITEM_EXPIRED only: when the agent removed its content' },
  },
} as const;

const pageSchema = {
  type: 'object',
  properties: {
    items: { type: 'array', items: inboxItemSchema },
    more: { type: 'boolean' },
    next: { type: 'integer' },
  },
} as const;

/**
 * `GET /v1/inbox`, `GET /v1/inbox/:id` and `POST /v1/inbox/:id/ack`: what other members
 * sent, for a national system that pulls instead of taking webhooks. Items of withdrawn
 * records are erased: left out of the listing, and 410 with their tombstone when asked for.
 * Items taken longer than the inbox retention ago are expired: left out of the listing, and
 * 410 `ERR_ITEM_EXPIRED` when asked for.
 */
export function inboxRoutes(app: FastifyInstance, options: InboxRoutesOptions, done: (err?: Error) => void): void {
  const { inbox } = options;
  const itemOf = (id: string): InboxItem => {
    const item = inbox.get(id);
    if (item === undefined) throw notFound(ErrorCode.ITEM_UNKNOWN, `No inbox item ${id}.`);
    if (item.state === 'erased') {
      const tombstone = item.erasedBy === null ? undefined : inbox.withdrawals.get(item.erasedBy);
      throw gone(
        ErrorCode.ITEM_WITHDRAWN,
        tombstone === undefined
          ? `Inbox item ${id} was erased: its originator withdrew the record; delete every copy of it.`
          : `Inbox item ${id} was erased: ${tombstone.originator} withdrew record ${tombstone.recordId} (withdrawal ${tombstone.withdrawalMessageId}); delete every copy of it. The tombstone says why.`,
        tombstone === undefined ? {} : { tombstone: tombstoneJson(tombstone) },
      );
    }
    if (item.state === 'expired') {
      const taken = new Date(item.deliveredAt ?? 0).toISOString();
      const expired = new Date(item.expiredAt ?? 0).toISOString();
      throw gone(
        ErrorCode.ITEM_EXPIRED,
        `Inbox item ${id} was taken by the national system at ${taken}, and its content was removed at ${expired}, after the inbox retention (ATC_INBOX_RETENTION): the national system that took it holds it.`,
        { deliveredAt: taken, expiredAt: expired },
      );
    }
    return item;
  };

  app.get<{ Querystring: { after?: string; limit?: string; state?: InboxState } }>(
    '/v1/inbox',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            after: COUNT,
            limit: LIMIT,
            state: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
          },
        },
        response: { 200: pageSchema },
      },
    },
    (req) => {
      const limit = pageLimit(req.query.limit);
      const after = req.query.after === undefined ? undefined : Number(req.query.after);
      // One item beyond the page says whether there is more.
      const items = inbox.list({
        limit: limit + 1,
        ...(after === undefined ? {} : { after }),
        ...(req.query.state === undefined ? {} : { state: req.query.state }),
      });
      const page = items.slice(0, limit);
      return {
        items: page.map((i) => inboxItemJson(i, inbox)),
        more: items.length > limit,
        next: page.at(-1)?.seq ?? after ?? 0,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/inbox/:id',
    { schema: { params: idParams, response: { 200: inboxItemSchema, 410: goneSchema } } },
    (req) => inboxItemJson(itemOf(req.params.id), inbox),
  );

  app.post<{ Params: { id: string } }>(
    '/v1/inbox/:id/ack',
    {
      schema: {
        description:
          'The national system took the item: the sender is told (DeliveryAck). For a RecordWithdrawal, the centre is also told that this member erased the record (PurgeAck).',
        params: idParams,
        response: { 200: inboxItemSchema, 410: goneSchema },
      },
    },
    (req) => {
      const item = itemOf(req.params.id);
      options.deliverItem(item, options.clock(), 'api');
      return inboxItemJson(inbox.get(item.messageId) ?? item, inbox);
    },
  );
  done();
}
