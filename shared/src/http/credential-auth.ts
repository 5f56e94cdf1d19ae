import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { authFailures, type AuthFailuresOptions, type AuthRefusal } from './auth-failures.js';

/**
 * Checks a request's credential: undefined lets it through, an {@link AuthRefusal} refuses
 * it (401, or 403 for reason `forbidden`). May remember who it found on the request.
 */
export type CredentialCheck = (req: FastifyRequest) => AuthRefusal | undefined | Promise<AuthRefusal | undefined>;

/** A hook (onRequest or preHandler) that admits a request only with a credential its check accepts. */
export type CredentialGuard = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

/** Options of {@link credentialAuth}: the realm and rate limit of failed authentications. */
export type CredentialAuthOptions = AuthFailuresOptions;

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * A hook admitting only requests whose credential `check` accepts. A client that failed
     * too often is refused (429) before its credential is looked at; every refusal is
     * logged, counted and charged to the client's address (see `authFailures`).
     */
    credentialGuard(check: CredentialCheck): CredentialGuard;
  }
}

/**
 * Credential checking for a service's routes, whatever the credential: the gateway's bearer
 * tokens with roles and the agent's API keys both build their guards with
 * `app.credentialGuard(check)`, so throttling, refusal answers, logs and metrics are the
 * same on both. Registers {@link authFailures} with the given options.
 */
export const credentialAuth = fp(
  async (app: FastifyInstance, options: CredentialAuthOptions) => {
    await app.register(authFailures, options);
    app.decorate('credentialGuard', (check: CredentialCheck): CredentialGuard => {
      return async (req, reply) => {
        // A client that failed too often is refused before its credential is looked at.
        if (await app.authThrottled(req, reply)) return reply;
        const refusal = await check(req);
        if (refusal === undefined) return undefined;
        return app.refuseAuth(req, reply, refusal);
      };
    });
  },
  { name: 'atc-credential-auth', fastify: '5.x' },
);
