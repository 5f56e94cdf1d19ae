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
 * Connects to NATS with user/password, token, nkey seed or credentials file, and
 * reconnects forever: services wait out NATS outages instead of exiting. With
 * `waitOnFirstConnect` a service also starts while NATS is down. A member's agent passes
 * `inboxPrefix` (see `memberInboxPrefix`): its credentials may subscribe nowhere else.
 */
export async function connectNats(
  access: NatsAccess,
  options: { readonly name: string; readonly waitOnFirstConnect?: boolean; readonly inboxPrefix?: string },
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
  return connect({
    servers: [...access.natsUrl],
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: options.waitOnFirstConnect ?? false,
    ...(options.inboxPrefix === undefined ? {} : { inboxPrefix: options.inboxPrefix }),
    ...(access.natsUser === undefined ? {} : { user: access.natsUser }),
    ...(access.natsPassword === undefined ? {} : { pass: access.natsPassword }),
    ...(access.natsToken === undefined ? {} : { token: access.natsToken }),
    ...(authenticator === undefined ? {} : { authenticator }),
  });
}
