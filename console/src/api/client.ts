/** An RFC 9457 problem as the gateway sends it. */
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly code?: string;
}

/** A refused or failed request: `status` 0 when the gateway could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

/** The session the gateway opened: who signed in, and what the console keeps in memory only. */
export interface Session {
  readonly actor: string;
  readonly role: string;
  readonly csrfToken: string;
  readonly idleExpiresAt: string;
  readonly expiresAt: string;
  /** The gateway's public signing key, pinned at sign-in for verifying proofs in the browser. */
  readonly gatewayKey: JsonWebKey;
  readonly logOrigin: string;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asSession(value: unknown): Session {
  if (
    !isRecord(value) ||
    typeof value['actor'] !== 'string' ||
    typeof value['role'] !== 'string' ||
    typeof value['csrfToken'] !== 'string' ||
    typeof value['expiresAt'] !== 'string' ||
    !isRecord(value['gatewayKey'])
  ) {
    throw new ApiError(502, {
      title: 'Malformed session',
      detail: 'The gateway sent a session the console cannot read.',
    });
  }
  return value as unknown as Session;
}

async function problemOf(res: Response): Promise<Problem | undefined> {
  try {
    const body: unknown = await res.json();
    return isRecord(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls the gateway's API from the console's own origin with the session cookie. The CSRF
 * token is kept in memory only and sent with every state-changing request.
 */
export class ApiClient {
  private csrfToken: string | undefined;

  /** Sends a request; resolves with the parsed JSON (undefined for 204), rejects with {@link ApiError}. */
  async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (STATE_CHANGING.has(method) && this.csrfToken !== undefined) headers['x-csrf-token'] = this.csrfToken;
    let res: Response;
    try {
      res = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(0, undefined);
    }
    if (!res.ok) throw new ApiError(res.status, await problemOf(res));
    if (res.status === 204) return undefined;
    return res.json() as Promise<unknown>;
  }

  /** GETs a text resource (a signed checkpoint note) exactly as served; rejects with {@link ApiError}. */
  async getText(path: string): Promise<string> {
    let res: Response;
    try {
      res = await fetch(path, { headers: { accept: 'text/plain' }, credentials: 'same-origin', cache: 'no-store' });
    } catch {
      throw new ApiError(0, undefined);
    }
    if (!res.ok) throw new ApiError(res.status, await problemOf(res));
    return res.text();
  }

  /** Exchanges an operator token for a session cookie. */
  async signIn(token: string): Promise<Session> {
    const session = asSession(await this.request('POST', '/v1/console/session', { token }));
    this.csrfToken = session.csrfToken;
    return session;
  }

  /** The session already open in this browser, or undefined when there is none. */
  async resume(): Promise<Session | undefined> {
    try {
      const session = asSession(await this.request('GET', '/v1/console/session'));
      this.csrfToken = session.csrfToken;
      return session;
    } catch (error: unknown) {
      if (error instanceof ApiError && error.status === 401) return undefined;
      throw error;
    }
  }

  /** Closes the session; the console forgets its CSRF token whatever the answer. */
  async signOut(): Promise<void> {
    try {
      await this.request('DELETE', '/v1/console/session');
    } finally {
      this.csrfToken = undefined;
    }
  }

  /** Forgets the session after the gateway said it is gone (401). */
  forget(): void {
    this.csrfToken = undefined;
  }
}
