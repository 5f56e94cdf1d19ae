import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, toIso, type PublicJwk } from '@atc/shared';
import { AuthFailureReason, badRequest, HttpProblem, type AuthRefusal } from '@atc/shared/http';
import type { AuditLog } from '../audit/audit-log.js';
import type { ConsoleSession, SessionStore } from '../auth/session-store.js';
import type { Principal, TokenBook } from '../auth/token-book.js';
import { tokenDigest } from '../auth/token-file.js';
import { AuditAction } from '../registry/registry-types.js';
import { authenticateSession, requireCsrf, SESSION_COOKIE } from './session-credential.js';

/** The largest sign-in body: a token in a small JSON object. */
export const SIGN_IN_BODY_LIMIT = 4096;

/** Outcomes of a console sign-in, the label of its counter. */
export const SignInOutcome = {
  SIGNED_IN: 'signed_in',
  REFUSED: 'refused',
  RATE_LIMITED: 'rate_limited',
} as const;

/** One of {@link SignInOutcome}. */
export type SignInOutcome = (typeof SignInOutcome)[keyof typeof SignInOutcome];

/** Options of {@link consoleSessionRoutes}. */
export interface ConsoleSessionOptions {
  readonly sessions: SessionStore;
  readonly tokens: TokenBook;
  /** Where sign-ins and sign-outs are recorded. */
  readonly audit: Pick<AuditLog, 'append'>;
  /** The gateway's public signing key, which the console pins to verify checkpoints and receipts. */
  readonly gatewayKey: PublicJwk;
  /** The origin line of the log's checkpoints. */
  readonly logOrigin: string;
  /** Mark the cookie `Secure` (the gateway serves HTTPS). */
  readonly secureCookie: boolean;
  /** Counts a sign-in attempt by its outcome. */
  readonly countSignIn: (outcome: SignInOutcome) => void;
}

/** A token as `atc-gateway tokens add` makes them: printable ASCII, no spaces. */
const TOKEN_TEXT = /^[\x21-\x7e]{1,512}$/;

const str = { type: 'string' } as const;

const sessionSchema = {
  type: 'object',
  required: ['actor', 'role', 'csrfToken', 'idleExpiresAt', 'expiresAt', 'gatewayKey', 'logOrigin'],
  properties: {
    actor: { type: 'string', description: 'the name of the token signed in with' },
    role: { type: 'string', enum: ['admin', 'operator', 'auditor'] },
    csrfToken: { type: 'string', description: 'send it as X-CSRF-Token on every POST, PUT, PATCH and DELETE' },
    idleExpiresAt: { type: 'string', format: 'date-time', description: 'the session ends then unless used before' },
    expiresAt: { type: 'string', format: 'date-time', description: 'the session ends then, used or not' },
    gatewayKey: {
      type: 'object',
      description: "the gateway's public signing key (Ed25519 JWK): checkpoints and receipts verify against it",
      required: ['kty', 'crv', 'x', 'kid'],
      properties: { kty: str, crv: str, x: str, kid: str },
    },
    logOrigin: { type: 'string', description: "the origin line of the log's checkpoints" },
  },
} as const;

const problemSchema = {
  type: 'object',
  properties: { type: str, title: str, status: { type: 'integer' }, detail: str, code: str },
  additionalProperties: true,
} as const;

/** The session answer: who, until when, and what the console pins. */
function sessionView(session: ConsoleSession, principal: Principal, options: ConsoleSessionOptions) {
  return {
    actor: principal.name,
    role: principal.role,
    csrfToken: session.csrfToken,
    idleExpiresAt: toIso(session.idleExpiresAt),
    expiresAt: toIso(session.expiresAt),
    gatewayKey: options.gatewayKey,
    logOrigin: options.logOrigin,
  };
}

/** Why the token of a sign-in is refused, and what to do. */
function signInRefusal(token: string, tokens: TokenBook): { refusal: AuthRefusal } | { principal: Principal } {
  if (!TOKEN_TEXT.test(token)) {
    return {
      refusal: {
        reason: AuthFailureReason.MALFORMED,
        detail: 'A token is printable ASCII without spaces, as "atc-gateway tokens add" printed it; paste it again.',
      },
    };
  }
  const result = tokens.authenticateDigest(tokenDigest(token));
  if (result.ok) return { principal: result.principal };
  if (result.reason === 'expired') {
    return {
      refusal: {
        reason: AuthFailureReason.EXPIRED,
        principal: result.name,
        detail: `Token ${result.name} expired at ${toIso(result.expiresAt)}; ask an administrator for a new one.`,
      },
    };
  }
  return {
    refusal: {
      reason: AuthFailureReason.UNKNOWN,
      detail:
        'The token is not known to this gateway: mistyped, or revoked. Ask an administrator for a valid one ' +
        '("atc-gateway tokens add").',
    },
  };
}

function unauthenticated(detail: string): HttpProblem {
  return new HttpProblem(401, ErrorCode.UNAUTHENTICATED, 'Unauthorized', detail);
}

/**
 * The operator console's sign-in (public routes: they are how a credential is obtained):
 * `POST /v1/console/session` exchanges an operator token for an HttpOnly SameSite=Strict
 * session cookie, `GET` answers who is signed in (and pushes the idle expiry on), `DELETE`
 * signs out. Refused tokens go through the same path as refused bearer tokens: logged,
 * counted, and a client address that fails too often gets 429. Sign-ins and sign-outs are
 * recorded in the audit log.
 */
export function consoleSessionRoutes(
  app: FastifyInstance,
  options: ConsoleSessionOptions,
  done: (err?: Error) => void,
): void {
  const { sessions, tokens, audit } = options;
  const cookieOptions = { httpOnly: true, sameSite: 'strict', path: '/', secure: options.secureCookie } as const;
  const log = app.log.child({ component: 'console-session' });

  const current = (req: FastifyRequest): { session: ConsoleSession; principal: Principal } => {
    const found = authenticateSession(req, { sessions, tokens });
    if (!found.ok) throw unauthenticated(found.refusal.detail);
    return found;
  };

  app.post<{ Body: { token: string } }>(
    '/v1/console/session',
    {
      config: { public: true },
      bodyLimit: SIGN_IN_BODY_LIMIT,
      schema: {
        tags: ['console'],
        summary: 'Sign in to the operator console',
        description:
          'Exchanges an operator token (from "atc-gateway tokens add") for a session cookie `atc_session` ' +
          '(HttpOnly, SameSite=Strict, Secure under HTTPS). The session ends when unused for ATC_CONSOLE_SESSION_IDLE ' +
          'or ATC_CONSOLE_SESSION_MAX after sign-in, or when its token is revoked. Requests authenticated by the ' +
          'cookie that change state (POST, PUT, PATCH, DELETE) must send the returned csrfToken as X-CSRF-Token. ' +
          'Failed sign-ins count toward the per-client limit of failed authentications (429).',
        security: [],
        body: {
          type: 'object',
          required: ['token'],
          properties: { token: { type: 'string', minLength: 1, maxLength: 512 } },
          additionalProperties: false,
        },
        response: { 200: sessionSchema, 401: problemSchema, 429: problemSchema },
      },
      // Before the schema, which would turn a number into a string: a token is sent as a string.
      preValidation: (req: FastifyRequest, _reply: FastifyReply, next: (err?: Error) => void) => {
        const body = req.body as Record<string, unknown> | null | undefined;
        if (typeof body === 'object' && body !== null && 'token' in body && typeof body['token'] !== 'string') {
          next(
            badRequest(ErrorCode.VALIDATION, 'The body must be {"token": "<token>"} with the token as a JSON string.'),
          );
          return;
        }
        next();
      },
      preHandler: async (req: FastifyRequest<{ Body: { token: string } }>, reply: FastifyReply) => {
        if (await app.authThrottled(req, reply)) {
          options.countSignIn(SignInOutcome.RATE_LIMITED);
          return reply;
        }
        const checked = signInRefusal(req.body.token, tokens);
        if ('refusal' in checked) {
          options.countSignIn(SignInOutcome.REFUSED);
          return app.refuseAuth(req, reply, checked.refusal);
        }
        req.principal = checked.principal;
        return undefined;
      },
    },
    async (req, reply) => {
      const principal = req.principal!;
      const { cookie, session } = sessions.create(principal, tokenDigest(req.body.token));
      try {
        await audit.append({
          actor: principal.name,
          role: principal.role,
          action: AuditAction.CONSOLE_SIGN_IN,
          subject: `token:${principal.name}`,
          reason: 'operator console sign-in',
          details: { client: req.ip, expiresAt: toIso(session.expiresAt) },
        });
      } catch (e) {
        // Unrecorded, the sign-in does not happen.
        sessions.end(session.id);
        throw e;
      }
      options.countSignIn(SignInOutcome.SIGNED_IN);
      log.info(
        { principal: principal.name, role: principal.role, client: req.ip, expiresAt: toIso(session.expiresAt) },
        'console sign-in',
      );
      void reply.setCookie(SESSION_COOKIE, cookie, cookieOptions);
      return sessionView(session, principal, options);
    },
  );

  app.get(
    '/v1/console/session',
    {
      config: { public: true },
      schema: {
        tags: ['console'],
        summary: 'The console session of this browser',
        description:
          'With a live session cookie: who is signed in, the CSRF token and the expiries, as the sign-in answered; ' +
          'the idle expiry moves on. Otherwise 401 ERR_UNAUTHENTICATED: sign in again.',
        security: [],
        response: { 200: sessionSchema, 401: problemSchema },
      },
    },
    (req) => {
      const { session, principal } = current(req);
      return sessionView(session, principal, options);
    },
  );

  app.delete(
    '/v1/console/session',
    {
      config: { public: true },
      schema: {
        tags: ['console'],
        summary: 'Sign out of the console',
        description:
          'Ends the session of the cookie and clears the cookie. Needs the header X-CSRF-Token with the csrfToken of ' +
          'the sign-in (403 ERR_CSRF without it).',
        security: [],
        headers: {
          type: 'object',
          properties: { 'x-csrf-token': { type: 'string', maxLength: 200 } },
        },
        response: { 204: { type: 'null', description: 'signed out' }, 401: problemSchema, 403: problemSchema },
      },
    },
    async (req, reply) => {
      const { session, principal } = current(req);
      requireCsrf(req, session);
      sessions.end(session.id);
      void reply.clearCookie(SESSION_COOKIE, cookieOptions);
      log.info({ principal: principal.name, role: principal.role, client: req.ip }, 'console sign-out');
      await audit.append({
        actor: principal.name,
        role: principal.role,
        action: AuditAction.CONSOLE_SIGN_OUT,
        subject: `token:${principal.name}`,
        reason: 'operator console sign-out',
        details: { client: req.ip },
      });
      return reply.code(204).send();
    },
  );
  done();
}
