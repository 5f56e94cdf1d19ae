import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorCode } from '../errors/atc-error.js';
import { problem } from '../errors/problem.js';
import { sendProblem } from './problem-errors.js';

/** Why a request was refused access; the label of the failure counter. */
export const AuthFailureReason = {
  /** No credential at all. */
  MISSING: 'missing',
  /** An Authorization header that is not "Bearer <credential>". */
  MALFORMED: 'malformed',
  /** A credential the service does not know (mistyped, revoked, guessed). */
  UNKNOWN: 'unknown',
  /** A known credential past its expiry. */
  EXPIRED: 'expired',
  /** A valid credential whose role does not allow the route. */
  FORBIDDEN: 'forbidden',
  /** Refused unread: the client failed too often in the current window. */
  RATE_LIMITED: 'rate_limited',
} as const;

/** One of {@link AuthFailureReason}. */
export type AuthFailureReason = (typeof AuthFailureReason)[keyof typeof AuthFailureReason];

/** A refused authentication (401) or authorisation (403). */
export interface AuthRefusal {
  readonly reason: Exclude<AuthFailureReason, 'rate_limited'>;
  /** What was wrong and what to do, for the problem's `detail`. */
  readonly detail: string;
  /** The credential's name or key id, when the service knows it. Never the credential itself. */
  readonly principal?: string;
}

/** Options of {@link authFailures}. */
export interface AuthFailuresOptions {
  /** The realm of the `WWW-Authenticate` challenge. */
  readonly realm: string;
  /** Failed attempts a client address may make per window before it is refused unread. */
  readonly maxFailures: number;
  /** The window, in milliseconds. */
  readonly windowMs: number;
  /** Counts a failure in the service's metrics. */
  readonly count: (reason: AuthFailureReason) => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Answers 429 ERR_RATE_LIMITED with Retry-After when the client's address failed to
     * authenticate too often in the current window, and says so; call before looking at
     * its credential.
     */
    authThrottled(req: FastifyRequest, reply: FastifyReply): Promise<boolean>;
    /**
     * Refuses a request (401 ERR_UNAUTHENTICATED with a challenge, or 403 ERR_FORBIDDEN):
     * counts it, charges it to the client's address and logs it at warn with the route,
     * the address and the credential's name when known.
     */
    refuseAuth(req: FastifyRequest, reply: FastifyReply, refusal: AuthRefusal): Promise<FastifyReply>;
  }
}

/** The route as registered (never the query string, which may carry anything). */
const routeOf = (req: FastifyRequest): string => req.routeOptions.url ?? (req.url.split('?')[0] ?? '').slice(0, 200);

/**
 * Accounting of failed authentication, the same on both services: every 401/403 logged
 * at warn and counted, and a client address that fails more than `maxFailures` times in
 * `windowMs` refused with 429 until the window ends (`@fastify/rate-limit`, per address).
 * Only failures are charged, so a client with a valid credential is never limited by
 * another's failures.
 */
export const authFailures = fp(
  async (app: FastifyInstance, options: AuthFailuresOptions) => {
    await app.register(rateLimit, { global: false, max: options.maxFailures, timeWindow: options.windowMs });
    const failures = app.createRateLimit();

    app.decorate('authThrottled', async (req: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
      const seen = await failures(req, { increment: false });
      if (seen.isAllowed || seen.remaining > 0) return false;
      const retryAfter = Math.max(1, seen.ttlInSeconds);
      options.count(AuthFailureReason.RATE_LIMITED);
      // Logged at warn once, when the client reached its limit (see refuseAuth).
      req.log.debug(
        { route: routeOf(req), client: req.ip, reason: AuthFailureReason.RATE_LIMITED, retryAfter },
        'request refused: too many failed authentications from this client',
      );
      await sendProblem(
        reply.header('retry-after', String(retryAfter)),
        problem(
          429,
          ErrorCode.RATE_LIMITED,
          'Too many requests',
          `This client failed to authenticate ${options.maxFailures} times; retry after ${retryAfter} s with a valid credential.`,
        ),
      );
      return true;
    });

    app.decorate(
      'refuseAuth',
      async (req: FastifyRequest, reply: FastifyReply, refusal: AuthRefusal): Promise<FastifyReply> => {
        options.count(refusal.reason);
        const charged = await failures(req);
        const limited = !charged.isAllowed && charged.remaining === 0;
        const forbidden = refusal.reason === AuthFailureReason.FORBIDDEN;
        req.log.warn(
          {
            route: routeOf(req),
            client: req.ip,
            reason: refusal.reason,
            ...(refusal.principal === undefined ? {} : { principal: refusal.principal }),
            ...(limited ? { limitedFor: Math.max(1, charged.ttlInSeconds) } : {}),
          },
          forbidden ? 'request refused: role' : 'request refused: not authenticated',
        );
        if (forbidden) return sendProblem(reply, problem(403, ErrorCode.FORBIDDEN, 'Forbidden', refusal.detail));
        // RFC 6750: name the error only when a credential was sent.
        const challenge =
          refusal.reason === AuthFailureReason.MISSING
            ? `Bearer realm="${options.realm}"`
            : `Bearer realm="${options.realm}", error="invalid_token"`;
        return sendProblem(
          reply.header('www-authenticate', challenge),
          problem(401, ErrorCode.UNAUTHENTICATED, 'Unauthorized', refusal.detail),
        );
      },
    );
  },
  { name: 'atc-auth-failures', fastify: '5.x' },
);
