import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One demo member's settings, kept from run to run. */
export interface MemberState {
  /** Port of the agent's integrator API on 127.0.0.1. */
  readonly agentPort: number;
  /** The integrator API key (bearer token) of the agent. */
  readonly apiKey: string;
  /** HMAC secret of the agent's webhook calls to the demo receiver. */
  readonly webhookSecret: string;
}

/**
 * `.atc/federation.json` (mode 0600, it holds the API keys and the gateway tokens): the ports and secrets of the
 * federation, so that a second `npm start` brings back the same one.
 */
export interface FederationState {
  readonly version: 1;
  /** Port of the spawned nats-server; absent when an external NATS_URL is used. */
  readonly natsPort?: number;
  /** The NATS server the federation used last (spawned or external). */
  readonly natsUrl: string;
  /** Port of the gateway's HTTP API. */
  readonly gatewayPort: number;
  /** Member settings by member id. */
  readonly members: Readonly<Record<string, MemberState>>;
  /** An operator bearer token for the gateway's HTTP API (flow statistics, live feed). */
  readonly operatorToken?: string;
  /** An auditor bearer token for the gateway's HTTP API: the data bank's content reads (dossiers). */
  readonly auditorToken?: string;
}

/** The path of the state file in the federation dir. */
export function stateFile(dir: string): string {
  return join(dir, 'federation.json');
}

/** The saved state, or `undefined` before the first run. */
export async function loadState(dir: string): Promise<FederationState | undefined> {
  let text: string;
  try {
    text = await readFile(stateFile(dir), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const state = JSON.parse(text) as FederationState;
  if (state.version !== 1) throw new Error(`${stateFile(dir)} has an unknown version; move it away to start afresh`);
  return state;
}

/** Writes the state atomically with mode 0600. */
export async function saveState(dir: string, state: FederationState): Promise<void> {
  const path = stateFile(dir);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600); // the umask cannot widen it, but an old file's mode must not survive
  await rename(temp, path);
}

/** A random secret of 64 hex characters (API keys must have 32 or more). */
export function newSecret(): string {
  return randomBytes(32).toString('hex');
}
