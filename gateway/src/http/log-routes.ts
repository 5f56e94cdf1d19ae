import type { FastifyInstance, FastifyReply } from 'fastify';
import { ErrorCode, isAtcError, isUuidV7, problem, RefusalCode, type AnyErrorCode } from '@atc/shared';
import { sendProblem } from '@atc/shared/http';
import type { MerkleLog } from '../archive/merkle-log.js';
import { Role } from '../auth/role.js';
import type { MessageStore } from '../archive/message-store.js';

const sizeParam = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

function refuse(reply: FastifyReply, status: number, code: AnyErrorCode, detail: string): FastifyReply {
  return sendProblem(reply, problem(status, code, status === 404 ? 'Not found' : 'Bad request', detail));
}

/** Runs `answer`, turning a range error of the log into a 400 that says which sizes exist. */
async function answering<T>(reply: FastifyReply, answer: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await answer();
  } catch (e) {
    if (isAtcError(e) && e.code === ErrorCode.LOG_RANGE) return refuse(reply, 400, e.code, e.message);
    throw e;
  }
}

/**
 * The archive log over HTTP (DESIGN.md sections 5 and 6): the latest checkpoint with its
 * witnesses' cosignatures, inclusion and consistency proofs, and the entries. Proof hashes
 * are base64, as in C2SP checkpoints.
 */
export function registerLogRoutes(
  app: FastifyInstance,
  deps: { readonly log: MerkleLog; readonly store: MessageStore },
): void {
  const { log, store } = deps;
  // Checkpoints and proofs are hashes and signatures any member or auditor may check;
  // entries carry the envelopes, for auditors only.
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
        return refuse(
          reply,
          404,
          ErrorCode.LOG_RANGE,
          req.query.size === undefined
            ? 'The log is empty: no checkpoint has been signed yet.'
            : `No checkpoint of size ${req.query.size} was signed; omit size for the latest one.`,
        );
      }
      return reply
        .header('x-atc-tree-size', String(cp.size))
        .header('x-atc-witnesses', cp.witnesses.join(','))
        .type('text/plain; charset=utf-8')
        .send(cp.cosigned);
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
      },
    },
    (req, reply) =>
      answering(reply, async () => {
        let index = req.query.index;
        if (req.query.messageId !== undefined) {
          const id = req.query.messageId;
          if (!isUuidV7(id))
            return refuse(reply, 400, RefusalCode.MESSAGE_ID_INVALID, `${JSON.stringify(id)} is not a UUIDv7.`);
          const leaf = await store.leafIndexOf(id);
          if (leaf === undefined)
            return refuse(reply, 404, ErrorCode.MESSAGE_UNKNOWN, `Message ${id} is not in the log.`);
          index = leaf;
        }
        if (index === undefined) {
          return refuse(
            reply,
            400,
            ErrorCode.LOG_RANGE,
            'Give the leaf index (index=) or the message id (messageId=).',
          );
        }
        const size = req.query.size ?? (await log.size());
        if (index >= size) {
          return refuse(reply, 400, ErrorCode.LOG_RANGE, `Leaf ${index} is not in the tree of ${size} entries.`);
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
      },
    },
    (req, reply) =>
      answering(reply, async () => {
        const second = req.query.second ?? (await log.size());
        const { first } = req.query;
        if (first > second) {
          return refuse(reply, 400, ErrorCode.LOG_RANGE, `first (${first}) must not exceed second (${second}).`);
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

  app.get<{ Querystring: { start: number; end: number } }>(
    '/v1/log/entries',
    {
      preHandler: app.requireRole(Role.AUDITOR),
      schema: {
        description:
          'Entries [start, end) of the log, at most 1000 per answer: when more is true, ask again with start=next.',
        querystring: {
          type: 'object',
          properties: { start: sizeParam, end: sizeParam },
          required: ['start', 'end'],
          additionalProperties: false,
        },
      },
    },
    (req, reply) =>
      answering(reply, async () => {
        const entries = await log.entries(req.query.start, req.query.end);
        // The log reads at most MAX_ENTRIES_PER_READ at a time: say where the rest begins.
        const following = req.query.start + entries.length;
        const more = following < req.query.end;
        return {
          entries: entries.map((e) => ({
            index: e.index,
            leafHash: b64(e.leafHash),
            messageId: e.messageId,
            payloadErased: e.payloadErased,
            envelope: e.envelope === null ? null : b64(e.envelope),
          })),
          more,
          next: more ? following : null,
        };
      }),
  );
}
