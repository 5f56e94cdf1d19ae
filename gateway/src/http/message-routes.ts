import type { FastifyInstance } from 'fastify';
import { ErrorCode, isUuidV7, RefusalCode } from '@atc/shared';
import { badRequest, notFound } from '@atc/shared/http';
import type { MessageStore } from '../archive/message-store.js';
import { Role } from '../auth/role.js';
import { purposeParameter, readContent, type ContentReadAudit } from './content-read.js';

/** What the message routes read. */
export interface MessageRoutesOptions {
  readonly store: MessageStore;
  /** Where content reads are audited; without it, the envelope route (content) is not served. */
  readonly audit?: ContentReadAudit;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;

/**
 * The message as the archive describes it. Open (`additionalProperties`), so that what the
 * archive adds to a message's description reaches operators without a change here.
 */
const messageSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    seq: int,
    messageId: str,
    sender: str,
    payloadType: str,
    createdAt: str,
    archivedAt: str,
    tlp: int,
    urgency: int,
    broadcast: { type: 'boolean' },
    exercise: { type: 'boolean' },
    correlationId: strOrNull,
    inReplyTo: strOrNull,
    senderSequence: int,
    kid: str,
    reviewBy: { description: 'handling.review_by (Unix milliseconds); after it, retention erases the payload' },
    envelopeSha256: { type: 'string', description: 'hex' },
    size: int,
    leafIndex: { type: ['integer', 'null'], description: "the envelope's leaf in the archive log" },
    payloadErasedAt: strOrNull,
    deliveries: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: true,
        properties: {
          recipient: str,
          state: { type: 'string', enum: ['pending', 'routed', 'delivered'] },
          routedAt: strOrNull,
          deliveredAt: strOrNull,
          ackMessageId: strOrNull,
        },
      },
    },
    receipts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: true,
        properties: {
          receiptId: str,
          messageId: str,
          member: str,
          status: str,
          recipient: strOrNull,
          reason: strOrNull,
          createdAt: str,
        },
      },
    },
  },
} as const;

const envelopeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['messageId', 'leafIndex', 'payloadErased', 'envelope'],
  properties: {
    messageId: str,
    leafIndex: { type: ['integer', 'null'], description: "the envelope's leaf in the archive log" },
    payloadErased: {
      type: 'boolean',
      description: 'retention erased the payload: these bytes no longer hash to the leaf',
    },
    envelope: {
      type: 'string',
      description:
        'standard base64 of the archived atc.v1.Envelope bytes; the leaf hash is SHA-256(0x00 || these bytes)',
    },
  },
} as const;

function invalidId(id: string): never {
  throw badRequest(RefusalCode.MESSAGE_ID_INVALID, `${JSON.stringify(id)} is not a lowercase UUIDv7 message id.`);
}

async function unknownMessage(store: MessageStore, id: string): Promise<never> {
  const quarantined = await store.quarantineCount(id);
  throw notFound(
    ErrorCode.MESSAGE_UNKNOWN,
    quarantined > 0
      ? `Message ${id} was refused ${quarantined} time(s) and is in quarantine, not in the archive.`
      : `Message ${id} is not in the archive.`,
  );
}

/**
 * `GET /v1/messages/:id` (operator, auditor): a message in the archive with its routing
 * and receipts. `GET /v1/messages/:id/envelope` (auditor, a stated purpose, audited): its
 * archived envelope bytes, payload included, so that a client computes the log leaf itself.
 */
export function messageRoutes(app: FastifyInstance, options: MessageRoutesOptions, done: (err?: Error) => void): void {
  const { store, audit } = options;
  app.get<{ Params: { id: string } }>(
    '/v1/messages/:id',
    {
      preHandler: app.requireRole(Role.OPERATOR, Role.AUDITOR),
      schema: {
        description: 'A message in the archive with its routing and receipts.',
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] },
        response: { 200: messageSchema },
      },
    },
    async (req) => {
      const { id } = req.params;
      if (!isUuidV7(id)) invalidId(id);
      const m = await store.messageDetail(id);
      if (m === undefined) return unknownMessage(store, id);
      return {
        ...m,
        envelopeSha256: hex(m.envelopeSha256),
        createdAt: iso(m.createdAt),
        archivedAt: iso(m.archivedAt),
        payloadErasedAt: isoOrNull(m.payloadErasedAt),
        deliveries: m.deliveries.map((d) => ({
          ...d,
          routedAt: isoOrNull(d.routedAt),
          deliveredAt: isoOrNull(d.deliveredAt),
        })),
        receipts: m.receipts.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
      };
    },
  );

  // The envelope carries the payload (record content): auditors only, with a purpose, audited.
  if (audit !== undefined) {
    app.get<{ Params: { id: string }; Querystring: { purpose?: string } }>(
      '/v1/messages/:id/envelope',
      {
        preHandler: app.requireRole(Role.AUDITOR),
        schema: {
          description:
            "A message's archived envelope bytes, payload included, for checking its log leaf " +
            '(SHA-256(0x00 || envelope)) independently. Record content: auditors only, with a stated purpose, ' +
            'recorded in the audit log.',
          params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] },
          querystring: {
            type: 'object',
            properties: { purpose: purposeParameter },
            additionalProperties: false,
          },
          response: { 200: envelopeSchema },
        },
      },
      async (req) => {
        const { id } = req.params;
        if (!isUuidV7(id)) invalidId(id);
        return readContent(audit, req, `message:${id}`, async () => {
          const m = await store.messageDetail(id);
          const envelope = m === undefined ? undefined : await store.envelopeOf(id);
          if (m === undefined || envelope === undefined) return unknownMessage(store, id);
          const payloadErased = m.payloadErasedAt !== null;
          return {
            details: { messageId: id, exercise: m.exercise, leafIndex: m.leafIndex, payloadErased },
            body: { messageId: id, leafIndex: m.leafIndex, payloadErased, envelope: envelope.toString('base64') },
          };
        });
      },
    );
  }
  done();
}
