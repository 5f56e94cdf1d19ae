import type { FastifyInstance } from 'fastify';
import { ErrorCode } from '@atc/shared';
import { notFound, pageLimit } from '@atc/shared/http';
import type { WithdrawalStore } from '../inbox/withdrawal-store.js';
import { COUNT, idParams, LIMIT } from './route-schemas.js';
import { tombstoneJson, tombstoneSchema } from '../inbox/tombstone-json.js';

/** What the withdrawal routes read. */
export interface WithdrawalRoutesOptions {
  readonly withdrawals: Pick<WithdrawalStore, 'get' | 'list'>;
}

/**
 * `GET /v1/withdrawals` and `GET /v1/withdrawals/:id`: the tombstones of records their
 * originators withdrew, whose items the agent erased.
 */
export function withdrawalRoutes(
  app: FastifyInstance,
  options: WithdrawalRoutesOptions,
  done: (err?: Error) => void,
): void {
  const { withdrawals } = options;
  app.get<{ Querystring: { after?: string; limit?: string } }>(
    '/v1/withdrawals',
    {
      schema: {
        description:
          'Tombstones of withdrawn records, in the order the withdrawals arrived; page on with ?after=<next>.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { after: COUNT, limit: LIMIT },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              withdrawals: { type: 'array', items: tombstoneSchema },
              more: { type: 'boolean' },
              next: { type: 'integer' },
            },
          },
        },
      },
    },
    (req) => {
      const limit = pageLimit(req.query.limit);
      const after = req.query.after === undefined ? 0 : Number(req.query.after);
      const rows = withdrawals.list({ after, limit: limit + 1 });
      const page = rows.slice(0, limit);
      return { withdrawals: page.map(tombstoneJson), more: rows.length > limit, next: page.at(-1)?.id ?? after };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/withdrawals/:id',
    {
      schema: {
        description: 'The tombstone a withdrawal left, by the RecordWithdrawal message id.',
        params: idParams,
        response: { 200: tombstoneSchema },
      },
    },
    (req) => {
      const t = withdrawals.get(req.params.id);
      if (t === undefined) throw notFound(ErrorCode.WITHDRAWAL_UNKNOWN, `No withdrawal ${req.params.id} was received.`);
      return tombstoneJson(t);
    },
  );
  done();
}
