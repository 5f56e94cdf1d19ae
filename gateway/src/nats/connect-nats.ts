import { readFile } from 'node:fs/promises';
import { connect, credsAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import type { GatewayConfig, GatewaySecrets } from '../config.js';

/**
 * Connects to NATS with the configured servers and credentials. Reconnects forever: a
 * gateway waits out NATS outages instead of exiting.
 */
export async function connectNats(
  config: GatewayConfig,
  secrets: GatewaySecrets,
  name = 'atc-gateway',
): Promise<NatsConnection> {
  const auth: { user?: string; pass?: string; token?: string; authenticator?: ReturnType<typeof credsAuthenticator> } =
    {};
  if (config.natsUser !== undefined) auth.user = config.natsUser;
  if (secrets.natsPassword !== undefined) auth.pass = secrets.natsPassword;
  if (secrets.natsToken !== undefined) auth.token = secrets.natsToken;
  if (config.natsCredsFile !== undefined) auth.authenticator = credsAuthenticator(await readFile(config.natsCredsFile));
  return connect({
    servers: [...config.natsUrl],
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    ...auth,
  });
}
