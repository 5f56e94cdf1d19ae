import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { toIso } from '@atc/shared';
import { AuthFailureReason, type CredentialGuard } from '@atc/shared/http';
import { Role, roleAllows } from '../auth/role.js';
import type { SessionStore } from '../auth/session-store.js';
import type { AuthFailure, Principal, TokenBook } from '../auth/token-book.js';
import { authenticateSession, requireCsrf, sessionCookieOf } from './session-credential.js';

/** A preHandler that lets a request through only with a token of one of its roles. */
export type RoleGuard = CredentialGuard;

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * A preHandler admitting tokens of any of `roles` (admin is always admitted):
     * `{ preHandler: app.requireRole('operator') }`. 401 ERR_UNAUTHENTICATED without a
     * valid token, 403 ERR_FORBIDDEN when its role does not allow the route.
     */
    requireRole(...roles: Role[]): RoleGuard;
  }
  interface FastifyRequest {
    /** Who the bearer token authenticated, once a role guard ran; null before or without one. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Served without a token. Routes that neither say so nor have a role guard are admin-only. */
    public?: boolean;
  }
}

/** Options of {@link bearerAuth}. */
export interface BearerAuthOptions {
  readonly tokens: TokenBook;
  /**
   * The console's sign-in sessions: a request without an Authorization header may then
   * authenticate with the session cookie instead (state changes also need the CSRF token).
   */
  readonly sessions?: SessionStore;
}

function unauthenticatedDetail(failure: AuthFailure): string {
  switch (failure.reason) {
    case 'missing':
      return 'Send a token as "Authorization: Bearer <token>"; an administrator creates one with "atc-gateway tokens add".';
    case 'malformed':
      return 'The Authorization header must read "Bearer <token>".';
    case 'unknown':
      return 'The bearer token is not known to this gateway: mistyped, or revoked. Ask an administrator for a valid one.';
    case 'expired':
      return `Token ${failure.name} expired at ${toIso(failure.expiresAt)}; ask an administrator for a new one.`;
  }
}

/** Guards made by requireRole, recognised by the deny-by-default hook. */
const guards = new WeakSet<RoleGuard>();

function makeGuard(app: FastifyInstance, options: BearerAuthOptions, roles: readonly Role[]): RoleGuard {
  const { tokens, sessions } = options;
  const guard: RoleGuard = app.credentialGuard((req) => {
    let principal: Principal;
    // The cookie counts only without an Authorization header: a bearer token is never ambient.
    if (sessions !== undefined && req.headers.authorization === undefined && sessionCookieOf(req) !== undefined) {
      const session = authenticateSession(req, { sessions, tokens });
      if (!session.ok) return session.refusal;
      requireCsrf(req, session.session);
      principal = session.principal;
    } else {
      const result = tokens.authenticate(req.headers.authorization);
      if (!result.ok) {
        return {
          reason: result.reason,
          detail: unauthenticatedDetail(result),
          ...(result.reason === 'expired' ? { principal: result.name } : {}),
        };
      }
      principal = result.principal;
    }
    req.principal = principal;
    if (!roleAllows(principal.role, roles)) {
      return {
        reason: AuthFailureReason.FORBIDDEN,
        principal: principal.name,
        detail: `Token ${principal.name} has role ${principal.role}; this needs ${[...roles, Role.ADMIN].join(' or ')}.`,
      };
    }
    return undefined;
  });
  guards.add(guard);
  return guard;
}

/**
 * Bearer-token authentication with roles for the gateway API (or, without an
 * Authorization header, the console's session cookie when `sessions` is given); refusals go through
 * `credentialAuth` (logged, counted, rate-limited per client), which must be registered first. Decorates the app with
 * `requireRole(...roles)` and the request with `principal`. Deny by default: a route
 * registered after this plugin that is neither `config: { public: true }` nor guarded by
 * `requireRole` gets an admin-only guard, so a forgotten guard never opens a route.
 */
export const bearerAuth = fp(
  (app: FastifyInstance, options: BearerAuthOptions, done: (err?: Error) => void) => {
    app.decorateRequest('principal', null);
    app.decorate('requireRole', (...roles: Role[]) => makeGuard(app, options, roles));
    const adminOnly = makeGuard(app, options, [Role.ADMIN]);
    app.addHook('onRoute', (route) => {
      if (route.config?.public === true) return;
      const handlers = route.preHandler === undefined ? [] : [route.preHandler].flat();
      if (handlers.some((h) => guards.has(h as RoleGuard))) return;
      route.preHandler = [adminOnly, ...handlers];
    });
    done();
  },
  { name: 'atc-bearer-auth', fastify: '5.x', dependencies: ['atc-credential-auth'] },
);
