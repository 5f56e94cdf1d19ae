import type { FastifyInstance } from 'fastify';
import { ErrorCode } from '@atc/shared';
import { HttpProblem } from '@atc/shared/http';

/** What the trust-list route reads. */
export interface TrustRoutesOptions {
  /** The latest signed trust list (compact JWS), if published. */
  readonly trustList: () => Promise<string | undefined>;
}

const trustSchema = {
  type: 'object',
  properties: {
    jws: { type: 'string', description: 'the signed trust list, compact JWS' },
    trustList: { type: 'object', additionalProperties: true, description: 'its payload, decoded' },
  },
  required: ['jws', 'trustList'],
} as const;

/** `GET /v1/trust` (public): the latest signed trust list and its decoded payload. */
export function trustRoutes(app: FastifyInstance, options: TrustRoutesOptions, done: (err?: Error) => void): void {
  app.get(
    '/v1/trust',
    { config: { public: true }, schema: { security: [], response: { 200: trustSchema } } },
    async () => {
      const jws = await options.trustList();
      if (jws === undefined) {
        throw new HttpProblem(
          503,
          ErrorCode.TRUST_LIST_UNAVAILABLE,
          'Not available',
          'The trust list has not been published yet; retry shortly.',
        );
      }
      const payload = jws.split('.')[1] ?? '';
      return { jws, trustList: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown };
    },
  );
  done();
}
