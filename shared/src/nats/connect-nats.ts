import { readFile } from 'node:fs/promises';
import {
  connect,
  credsAuthenticator,
  nkeyAuthenticator,
  type Authenticator,
  type NatsConnection,
} from '@nats-io/transport-node';
import { AtcError, ErrorCode } from '../errors/atc-error.js';

/** Where NATS is and how to authenticate (the common settings and secrets). */
export interface NatsAccess {
  readonly natsUrl: readonly string[];
  readonly natsUser?: string | undefined;
  readonly natsCredsFile?: string | undefined;
  readonly natsNkeyFile?: string | undefined;
  readonly natsPassword?: string | undefined;
  readonly natsToken?: string | undefined;
  /** CA of the server certificate; set, the connection must be TLS. */
  readonly natsTlsCaFile?: string | undefined;
  /** Client certificate and key for mutual TLS (both or neither). */
  readonly natsTlsCertFile?: string | undefined;
  readonly natsTlsKeyFile?: string | undefined;
  /** How often the client pings the server (ms); two unanswered pings and the link counts as lost. */
  readonly natsPingInterval?: number | undefined;
}

/** Node's codes for a certificate the client could not verify or a handshake that failed. */
const TLS_ERROR_CODE = /CERT|^ERR_TLS_|^ERR_SSL_|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

/** The `tls` option of `connect`: undefined (TLS when the server asks for it) or the files to use. */
function tlsOptions(access: NatsAccess): { caFile?: string; certFile?: string; keyFile?: string } | undefined {
  if (access.natsTlsCaFile === undefined && access.natsTlsCertFile === undefined) return undefined;
  return {
    ...(access.natsTlsCaFile === undefined ? {} : { caFile: access.natsTlsCaFile }),
    ...(access.natsTlsCertFile === undefined ? {} : { certFile: access.natsTlsCertFile }),
    ...(access.natsTlsKeyFile === undefined ? {} : { keyFile: access.natsTlsKeyFile }),
  };
}

/** The TLS failure behind a connection error, if that is what it was. */
function tlsFailure(e: unknown): Error | undefined {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 5; cur = cur.cause, depth++) {
    const code = (cur as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && TLS_ERROR_CODE.test(code)) return cur;
    if (/certificate|tls|ssl/i.test(cur.message) && !/^server does not support 'tls'/.test(cur.message)) return cur;
  }
  return undefined;
}

function explainConnectError(e: unknown, access: NatsAccess): unknown {
  const servers = access.natsUrl.join(', ');
  if (e instanceof Error && /server does not support 'tls'/.test(e.message)) {
    return new AtcError(
      ErrorCode.NATS_TLS_FAILED,
      `NATS at ${servers} does not offer TLS, but ATC_NATS_TLS_CA_FILE or ATC_NATS_TLS_CERT_FILE asks for it; ` +
        'enable TLS on the server (a tls block in its configuration) or unset them.',
      { cause: e },
    );
  }
  if (e instanceof Error && e.name === 'TimeoutError' && tlsOptions(access) !== undefined) {
    // A server that verifies clients ends a TLS 1.3 connection without a client certificate
    // after the handshake; the client sees no error, only no answer.
    return new AtcError(
      ErrorCode.NATS_TLS_FAILED,
      `NATS at ${servers} took the TLS connection but never answered: most likely it verifies client ` +
        'certificates and refused this one (its log says why). Set ATC_NATS_TLS_CERT_FILE and ' +
        'ATC_NATS_TLS_KEY_FILE to a client certificate signed by the CA the server trusts.',
      { cause: e, retryable: true },
    );
  }
  const tls = tlsFailure(e);
  if (tls === undefined) return e;
  const hint =
    access.natsTlsCaFile === undefined
      ? 'set ATC_NATS_TLS_CA_FILE to the CA certificate that signed the server certificate'
      : `check that ATC_NATS_TLS_CA_FILE (${access.natsTlsCaFile}) signed the server certificate and that the host in ATC_NATS_URL is one of its names`;
  const mtls =
    access.natsTlsCertFile === undefined
      ? '; if the server verifies clients, also set ATC_NATS_TLS_CERT_FILE and ATC_NATS_TLS_KEY_FILE'
      : '';
  return new AtcError(
    ErrorCode.NATS_TLS_FAILED,
    `the TLS handshake with NATS at ${servers} failed (${tls.message}): ${hint}${mtls}.`,
    { cause: e },
  );
}

async function readSecretFile(path: string, what: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new AtcError(ErrorCode.CONFIG_INVALID, `the NATS ${what} ${path} cannot be read: ${(e as Error).message}.`, {
      cause: e,
    });
  }
}

/**
 * Connects to NATS with user/password, token, nkey seed or credentials file, over TLS when
 * a CA or client certificate is configured (or the server requires it), and
 * reconnects forever: services wait out NATS outages instead of exiting. With
 * `waitOnFirstConnect` a service also starts while NATS is down. A member's agent passes
 * `inboxPrefix` (see `memberInboxPrefix`): its credentials may subscribe nowhere else.
 */
export async function connectNats(
  access: NatsAccess,
  options: {
    readonly name: string;
    readonly waitOnFirstConnect?: boolean;
    /** How long one connection attempt may take, handshake included (default 20 s). */
    readonly timeoutMs?: number;
    /** Reply subject prefix; a member's credentials allow replies only below its own. */
    readonly inboxPrefix?: string;
    /** The server does not hand this connection's own publications back to its subscriptions. */
    readonly noEcho?: boolean;
  },
): Promise<NatsConnection> {
  let authenticator: Authenticator | undefined;
  if (access.natsCredsFile !== undefined)
    authenticator = credsAuthenticator(await readSecretFile(access.natsCredsFile, 'credentials file'));
  else if (access.natsNkeyFile !== undefined) {
    const seed = new TextEncoder().encode(
      new TextDecoder().decode(await readSecretFile(access.natsNkeyFile, 'nkey seed file')).trim(),
    );
    authenticator = nkeyAuthenticator(seed);
  }
  const tls = tlsOptions(access);
  return connect({
    servers: [...access.natsUrl],
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    // A partition closes no socket: only unanswered pings tell a silent link from a quiet one.
    maxPingOut: 2,
    ...(access.natsPingInterval === undefined ? {} : { pingInterval: access.natsPingInterval }),
    waitOnFirstConnect: options.waitOnFirstConnect ?? false,
    // Each request would otherwise capture two stack traces up front (a tenth of the
    // gateway's CPU under load); errors still say what failed.
    noAsyncTraces: true,
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    ...(options.inboxPrefix === undefined ? {} : { inboxPrefix: options.inboxPrefix }),
    ...(options.noEcho === true ? { noEcho: true } : {}),
    ...(access.natsUser === undefined ? {} : { user: access.natsUser }),
    ...(access.natsPassword === undefined ? {} : { pass: access.natsPassword }),
    ...(access.natsToken === undefined ? {} : { token: access.natsToken }),
    ...(authenticator === undefined ? {} : { authenticator }),
    ...(tls === undefined ? {} : { tls }),
  }).catch((e: unknown) => {
    throw explainConnectError(e, access);
  });
}
