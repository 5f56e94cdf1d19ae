import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '@atc/shared';
import { AuthFailureReason, HttpProblem, type AuthRefusal } from '@atc/shared/http';
import { csrfMatches, type ConsoleSession, type SessionStore } from '../auth/session-store.js';
import type { Principal, TokenBook } from '../auth/token-book.js';

/** The console's session cookie. */
export const SESSION_COOKIE = 'atc_session';

/** The header a cookie-authenticated state-changing request must carry. */
export const CSRF_HEADER = 'x-csrf-token';

/** Methods that change state: a request authenticated by the cookie needs the CSRF token for these. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The outcome of {@link authenticateSession}. */
export type SessionAuth =
  | { readonly ok: true; readonly principal: Principal; readonly session: ConsoleSession }
  | { readonly ok: false; readonly refusal: AuthRefusal };

/** What a cookie-authenticated request needs: the sessions, and the tokens behind them. */
export interface SessionCredentials {
  readonly sessions: SessionStore;
  readonly tokens: TokenBook;
}

/** The session cookie a request sent, if any (parsed by `@fastify/cookie`). */
export function sessionCookieOf(req: FastifyRequest): string | undefined {
  const value = req.cookies[SESSION_COOKIE];
  return value === undefined || value === '' ? undefined : value;
}

const SIGN_IN_AGAIN = 'sign in again at /console/ (POST /v1/console/session with a token)';

/**
 * Authenticates a request by its console session cookie: a live session whose token is
 * still valid. A session whose token was revoked or has expired ends here, at its next use.
 */
export function authenticateSession(req: FastifyRequest, credentials: SessionCredentials): SessionAuth {
  const found = credentials.sessions.find(sessionCookieOf(req));
  if (!found.ok) {
    switch (found.reason) {
      case 'missing':
        return refused(AuthFailureReason.MISSING, `No console session cookie; ${SIGN_IN_AGAIN}.`);
      case 'unknown':
        return refused(AuthFailureReason.UNKNOWN, `The console session has ended or is not known; ${SIGN_IN_AGAIN}.`);
      case 'idle':
        return refused(AuthFailureReason.EXPIRED, `The console session ended after a time unused; ${SIGN_IN_AGAIN}.`);
      case 'expired':
        return refused(AuthFailureReason.EXPIRED, `The console session reached its longest life; ${SIGN_IN_AGAIN}.`);
    }
  }
  const { session } = found;
  const token = credentials.tokens.authenticateDigest(session.tokenDigest);
  if (!token.ok) {
    credentials.sessions.end(session.id);
    return refused(
      token.reason === 'expired' ? AuthFailureReason.EXPIRED : AuthFailureReason.UNKNOWN,
      `The token ${session.principal.name} behind this console session was revoked or has expired, so the session ended; ` +
        `${SIGN_IN_AGAIN} with a valid token.`,
      session.principal.name,
    );
  }
  return { ok: true, principal: token.principal, session };
}

function refused(reason: AuthRefusal['reason'], detail: string, principal?: string): SessionAuth {
  return { ok: false, refusal: { reason, detail, ...(principal === undefined ? {} : { principal }) } };
}

/**
 * Throws 403 ERR_CSRF when a state-changing request authenticated by the session cookie
 * does not carry the session's CSRF token in `X-CSRF-Token` (compared in constant time).
 * The cookie goes with every request a browser makes to the gateway, whoever's page made it;
 * the CSRF token only the console's own page has read.
 */
export function requireCsrf(req: FastifyRequest, session: ConsoleSession): void {
  if (!STATE_CHANGING.has(req.method)) return;
  if (csrfMatches(session, req.headers[CSRF_HEADER])) return;
  req.log.warn(
    { route: req.routeOptions.url, client: req.ip, principal: session.principal.name },
    'request refused: session cookie without its CSRF token',
  );
  throw new HttpProblem(
    403,
    ErrorCode.CSRF,
    'Forbidden',
    'This request came with the console session cookie but without its CSRF token; send the X-CSRF-Token header ' +
      'the sign-in returned (GET /v1/console/session returns it again). Nothing was changed.',
  );
}
