import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, saveKeyFile, type Logger } from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import { loadAgentConfig, startAgent, type RunningAgent } from '@atc/node-agent';
import type { NatsServerHandle } from '@atc/harness';

/** The integrator API key every test agent accepts. */
export const TEST_API_KEY = 'test-api-key-0123456789abcdef0123456789abcdef';

/** Options of {@link prepareAgent}. */
export interface AgentFixtureOptions {
  readonly nats: NatsServerHandle;
  readonly member: string;
  readonly webhookUrl?: string;
  readonly webhookSecret?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** The agent's logger (default: warnings and errors to stdout). */
  readonly logger?: Logger;
}

/** An agent's data dir with its fixed member key and the pinned gateway key, and its environment. */
export interface PreparedAgent {
  readonly dataDir: string;
  readonly env: Record<string, string>;
}

/** Writes the member's fixed key and the pinned gateway key into a fresh data dir. */
export async function prepareAgent(options: AgentFixtureOptions): Promise<PreparedAgent> {
  const dataDir = await mkdtemp(join(tmpdir(), `atc-agent-${options.member}-`));
  await saveKeyFile(join(dataDir, 'member.jwk'), fixtureKey(options.member));
  const gatewayKeyFile = join(dataDir, 'gateway-public.jwk');
  await writeFile(gatewayKeyFile, JSON.stringify(fixtureKey('ATC').publicJwk));
  const env: Record<string, string> = {
    ATC_MEMBER_ID: options.member,
    ATC_DATA_DIR: dataDir,
    ATC_GATEWAY_PUBLIC_KEY_FILE: gatewayKeyFile,
    ATC_NATS_URL: options.nats.url,
    ATC_HTTP_LISTEN: '127.0.0.1:0',
    ATC_API_KEYS: TEST_API_KEY,
    ATC_LOG_LEVEL: 'warn',
    ...(options.webhookUrl === undefined ? {} : { ATC_WEBHOOK_URL: options.webhookUrl }),
    ...(options.webhookSecret === undefined ? {} : { ATC_WEBHOOK_SECRET: options.webhookSecret }),
    ...options.env,
  };
  return { dataDir, env };
}

/** A node agent running in this process. */
export interface AgentFixture {
  readonly agent: RunningAgent;
  readonly dataDir: string;
  /** Calls the agent API with the test key (or `auth`), returning status and JSON body. */
  api(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

/** Calls an agent API at `url`. */
export async function callAgent(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(new URL(path, url), {
    method,
    headers: {
      authorization: `Bearer ${TEST_API_KEY}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    headers: res.headers,
  };
}

/** Starts a node agent in this process for `member`. */
export async function startFederationAgent(options: AgentFixtureOptions): Promise<AgentFixture> {
  const { dataDir, env } = await prepareAgent(options);
  const { config, secrets } = loadAgentConfig(env);
  const agent = await startAgent({
    config,
    secrets,
    logger: options.logger ?? createLogger({ name: `atc-agent-${options.member}`, level: 'warn' }),
  });
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await agent.stop();
  };
  return {
    agent,
    dataDir,
    api: (method, path, body, headers) => callAgent(agent.url, method, path, body, headers),
    stop,
    destroy: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A valid POST /v1/messages body: a synthetic PersonRecord from `to`'s point of view. */
export function personRequest(to: readonly string[], n: number): Record<string, unknown> {
  return {
    type: 'PersonRecord',
    recipients: [...to],
    handling: { tlp: 'AMBER', noOnwardTransmission: true },
    purpose: 'Counter-terrorism information exchange (synthetic test data)',
    legalBasis: 'Fictitious agreement on information exchange, art. 5',
    urgency: 'NORMAL',
    exercise: true,
    record: {
      recordId: `KZ-P-${String(n).padStart(6, '0')}`,
      version: 1,
      category: 'SUSPECT',
      names: [
        {
          script: 'Cyrl',
          parts: [
            { type: 'FAMILY', value: 'Тестов' },
            { type: 'GIVEN', value: 'Иван' },
          ],
        },
        {
          script: 'Latn',
          parts: [
            { type: 'FAMILY', value: 'Testov' },
            { type: 'GIVEN', value: 'Ivan' },
          ],
        },
      ],
      dateOfBirth: { year: 1990, month: 4 },
      nationalities: ['KZ'],
    },
  };
}
