import type { FastifyInstance } from 'fastify';
import { ErrorCode, isAtcError, isUuidV7, RefusalCode } from '@atc/shared';
import { badRequest, notFound, pageLimit, PAGE_LIMIT } from '@atc/shared/http';
import type { MerkleLog } from '../archive/merkle-log.js';
import { Role } from '../auth/role.js';
import type { MessageStore } from '../archive/message-store.js';
import type { BundleRotationEntry } from '../verify/archive-bundle.js';
import { purposeParameter, readContent, type ContentReadAudit } from './content-read.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';

const sizeParam = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const iso = (ms: number): string => new Date(ms).toISOString();

/** Runs `answer`, turning a range error of the log into a 400 that says which sizes exist. */
async function answering<T>(answer: () => Promise<T>): Promise<T> {
  try {
    return await answer();
  } catch (e) {
    if (isAtcError(e) && e.code === ErrorCode.LOG_RANGE) throw badRequest(e.code, e.message);
    throw e;
  }
}

const b64Array = { type: 'array', items: { type: 'string' } } as const;

const inclusionSchema = {
  type: 'object',
  properties: {
    leafIndex: { type: 'integer' },
    treeSize: { type: 'integer' },
    rootHash: { type: 'string' },
    leafHash: { type: 'string' },
    proof: b64Array,
  },
  required: ['leafIndex', 'treeSize', 'rootHash', 'leafHash', 'proof'],
} as const;

const consistencySchema = {
  type: 'object',
  properties: {
    first: { type: 'integer' },
    second: { type: 'integer' },
    firstRoot: { type: 'string' },
    secondRoot: { type: 'string' },
    proof: b64Array,
  },
  required: ['first', 'second', 'firstRoot', 'secondRoot', 'proof'],
} as const;

const entriesSchema = {
  type: 'object',
  properties: {
    entries: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          index: { type: 'integer' },
          leafHash: { type: 'string' },
          messageId: { type: ['string', 'null'] },
          payloadErased: { type: 'boolean' },
          envelope: { type: ['string', 'null'] },
        },
        required: ['index', 'leafHash', 'messageId', 'payloadErased', 'envelope'],
      },
    },
    more: { type: 'boolean' },
    next: { type: ['integer', 'null'] },
  },
  required: ['entries', 'more', 'next'],
} as const;

const checkpointListSchema = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          size: { type: 'integer' },
          rootHash: { type: 'string', description: 'base64' },
          createdAt: { type: 'string' },
          note: { type: 'string', description: 'the gateway-signed checkpoint note (C2SP tlog-checkpoint), verbatim' },
          cosignatures: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                witness: { type: 'string', description: 'the member whose witness cosigned' },
                line: { type: 'string', description: 'the C2SP tlog-cosignature line, verbatim' },
                signedAt: { type: 'string', description: 'the time the cosignature states' },
                receivedAt: { type: 'string' },
              },
              required: ['witness', 'line', 'signedAt', 'receivedAt'],
            },
          },
        },
        required: ['size', 'rootHash', 'createdAt', 'note', 'cosignatures'],
      },
    },
    nextCursor: { type: ['string', 'null'] },
  },
  required: ['items', 'nextCursor'],
} as const;

const rotationsSchema = {
  type: 'object',
  properties: {
    treeSize: { type: 'integer' },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          index: { type: 'integer' },
          envelope: { type: 'string', description: 'base64 of the archived KeyEvent envelope' },
          inclusionProof: { ...b64Array, description: 'base64 hashes: inclusion in the tree of treeSize entries' },
        },
        required: ['index', 'envelope', 'inclusionProof'],
      },
    },
  },
  required: ['treeSize', 'entries'],
} as const;

/** What the log routes read. */
export interface LogRoutesOptions {
  readonly log: MerkleLog;
  readonly store: MessageStore;
  /**
   * The rotation entries that lead from the current gateway key back to the older ones, with
   * inclusion proofs in the tree of `size` entries (see gatewayRotationEntries); without it,
   * GET /v1/log/gateway-rotations is not served.
   */
  readonly gatewayRotations?: ((size: number) => Promise<readonly BundleRotationEntry[]>) | undefined;
  /** Where content reads are audited; without it, the entries route (envelopes: content) is not served. */
  readonly audit?: ContentReadAudit | undefined;
}

/**
 * The archive log over HTTP (DESIGN.md sections 5 and 6): the latest checkpoint with its
 * witnesses' cosignatures, inclusion and consistency proofs, and the entries. Proof hashes
 * are base64, as in C2SP checkpoints.
 */
export function logRoutes(app: FastifyInstance, options: LogRoutesOptions, done: (err?: Error) => void): void {
  const { log, store, audit } = options;
  // Checkpoints and proofs are hashes and signatures any member or auditor may check;
  // entries carry the envelopes (record content): auditors only, with a purpose, audited.
  const open = { config: { public: true } } as const;
  const publicSchema = { security: [] } as const;

  app.get<{ Querystring: { size?: number } }>(
    '/v1/log/checkpoint',
    {
      ...open,
      schema: {
        ...publicSchema,
        querystring: { type: 'object', properties: { size: sizeParam }, additionalProperties: false },
      },
    },
    async (req, reply) => {
      const cp = req.query.size === undefined ? await log.latestCheckpoint() : await log.checkpointAt(req.query.size);
      if (cp === undefined) {
        throw notFound(
          ErrorCode.LOG_RANGE,
          req.query.size === undefined
            ? 'The log is empty: no checkpoint has been signed yet.'
            : `No checkpoint of size ${req.query.size} is kept (none was signed at that size, or it was pruned as older than ATC_CHECKPOINT_KEEP_ALL); omit size for the latest one, and prove size ${req.query.size} against it with a consistency proof.`,
        );
      }
      return reply
        .header('x-atc-tree-size', String(cp.size))
        .header('x-atc-witnesses', cp.witnesses.join(','))
        .type('text/plain; charset=utf-8')
        .send(cp.cosigned);
    },
  );

  app.get<{ Querystring: { cursor?: string; limit?: string } }>(
    '/v1/log/checkpoints',
    {
      ...open,
      schema: {
        ...publicSchema,
        description:
          'The checkpoints the gateway signed, newest first, each with the cosignatures its witnesses returned. ' +
          'Pages follow nextCursor (stable while the log grows).',
        querystring: {
          type: 'object',
          properties: {
            cursor: { type: 'string', maxLength: 1024, description: 'nextCursor of the previous page (opaque)' },
            limit: {
              type: 'string',
              maxLength: 9,
              description: `checkpoints per page, 1 to ${PAGE_LIMIT.max} (default ${PAGE_LIMIT.default})`,
            },
          },
          additionalProperties: false,
        },
        response: { 200: checkpointListSchema },
      },
    },
    async (req) => {
      const limit = pageLimit(req.query.limit);
      const after = decodeCursor('checkpoints', req.query.cursor, ['integer']);
      const rows = await log.checkpointsBelow(after?.[0] as number | undefined, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((c) => ({
          size: c.size,
          rootHash: b64(c.rootHash),
          createdAt: iso(c.createdAt),
          note: c.note,
          cosignatures: c.cosignatures.map((s) => ({
            witness: s.witness,
            line: s.line,
            signedAt: iso(s.signedAt),
            receivedAt: iso(s.receivedAt),
          })),
        })),
        nextCursor: rows.length > limit && last !== undefined ? encodeCursor('checkpoints', [last.size]) : null,
      };
    },
  );

  app.get<{ Querystring: { index?: number; size?: number; messageId?: string } }>(
    '/v1/log/proof/inclusion',
    {
      ...open,
      schema: {
        ...publicSchema,
        querystring: {
          type: 'object',
          properties: { index: sizeParam, size: sizeParam, messageId: { type: 'string', maxLength: 64 } },
          additionalProperties: false,
        },
        response: { 200: inclusionSchema },
      },
    },
    (req) =>
      answering(async () => {
        let index = req.query.index;
        if (req.query.messageId !== undefined) {
          const id = req.query.messageId;
          if (!isUuidV7(id)) throw badRequest(RefusalCode.MESSAGE_ID_INVALID, `${JSON.stringify(id)} is not a UUIDv7.`);
          const leaf = await store.leafIndexOf(id);
          if (leaf === undefined) throw notFound(ErrorCode.MESSAGE_UNKNOWN, `Message ${id} is not in the log.`);
          index = leaf;
        }
        if (index === undefined) {
          throw badRequest(ErrorCode.LOG_RANGE, 'Give the leaf index (index=) or the message id (messageId=).');
        }
        const size = req.query.size ?? (await log.size());
        if (index >= size) {
          throw badRequest(ErrorCode.LOG_RANGE, `Leaf ${index} is not in the tree of ${size} entries.`);
        }
        return {
          leafIndex: index,
          treeSize: size,
          rootHash: b64(await log.rootAt(size)),
          leafHash: b64((await log.entries(index, index + 1))[0]!.leafHash),
          proof: (await log.inclusionProof(index, size)).map(b64),
        };
      }),
  );

  app.get<{ Querystring: { first: number; second?: number } }>(
    '/v1/log/proof/consistency',
    {
      ...open,
      schema: {
        ...publicSchema,
        querystring: {
          type: 'object',
          properties: { first: sizeParam, second: sizeParam },
          required: ['first'],
          additionalProperties: false,
        },
        response: { 200: consistencySchema },
      },
    },
    (req) =>
      answering(async () => {
        const second = req.query.second ?? (await log.size());
        const { first } = req.query;
        if (first > second) {
          throw badRequest(ErrorCode.LOG_RANGE, `first (${first}) must not exceed second (${second}).`);
        }
        return {
          first,
          second,
          firstRoot: b64(await log.rootAt(first)),
          secondRoot: b64(await log.rootAt(second)),
          proof: (await log.consistencyProof(first, second)).map(b64),
        };
      }),
  );

  const { gatewayRotations } = options;
  if (gatewayRotations !== undefined) {
    app.get<{ Querystring: { size?: number } }>(
      '/v1/log/gateway-rotations',
      {
        ...open,
        schema: {
          ...publicSchema,
          description:
            "The log entries of the gateway's key rotations that lead from its current key back to each older one " +
            '(two per rotation, newest first: the REGISTERED entry of the successor, the REVOKED entry of the older key, ' +
            'both signed by the older key), each with its inclusion proof in the tree of size entries (default: the ' +
            'latest checkpoint). A verifier that trusts the current key accepts an older key through them.',
          querystring: { type: 'object', properties: { size: sizeParam }, additionalProperties: false },
          response: { 200: rotationsSchema },
        },
      },
      (req) =>
        answering(async () => {
          const size = req.query.size ?? (await log.latestCheckpoint())?.size ?? 0;
          if (size > (await log.size())) {
            throw badRequest(ErrorCode.LOG_RANGE, `The log has fewer than ${size} entries; give a size it has signed.`);
          }
          return { treeSize: size, entries: await gatewayRotations(size) };
        }),
    );
  }

  if (audit !== undefined) {
    app.get<{ Querystring: { start: number; end: number; purpose?: string } }>(
      '/v1/log/entries',
      {
        preHandler: app.requireRole(Role.AUDITOR),
        schema: {
          description:
            'Entries [start, end) of the log, at most 1000 per answer: when more is true, ask again with start=next. ' +
            'The envelopes carry record content: auditors only, with a stated purpose, recorded in the audit log.',
          querystring: {
            type: 'object',
            properties: { start: sizeParam, end: sizeParam, purpose: purposeParameter },
            required: ['start', 'end'],
            additionalProperties: false,
          },
          response: { 200: entriesSchema },
        },
      },
      (req) =>
        answering(() =>
          readContent(audit, req, `log:${req.query.start}-${req.query.end}`, async () => {
            const entries = await log.entries(req.query.start, req.query.end);
            // The log reads at most MAX_ENTRIES_PER_READ at a time: say where the rest begins.
            const following = req.query.start + entries.length;
            const more = following < req.query.end;
            return {
              details: { start: req.query.start, end: following, entries: entries.length },
              body: {
                entries: entries.map((e) => ({
                  index: e.index,
                  leafHash: b64(e.leafHash),
                  messageId: e.messageId,
                  payloadErased: e.payloadErased,
                  envelope: e.envelope === null ? null : b64(e.envelope),
                })),
                more,
                next: more ? following : null,
              },
            };
          }),
        ),
    );
  }
  done();
}
