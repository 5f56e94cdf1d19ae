import { createLogger } from '@atc/shared';
import { buildAgentApp, type AgentAppDeps } from './build-agent-app.js';

/** The member id the published document is built with, so that it does not depend on a member. */
const DOCUMENT_MEMBER = 'MEMBER';

/**
 * The agent API's OpenAPI document exactly as a running agent serves it at /docs/json, built
 * without a database, NATS or a listening socket (the `@atc/client` types are generated from
 * it). Route handlers never run here: the dependencies they would use throw if touched.
 */
export async function agentOpenApiDocument(): Promise<Record<string, unknown>> {
  const deps: AgentAppDeps = {
    memberId: DOCUMENT_MEMBER,
    logger: createLogger({ name: 'atc-agent-openapi', level: 'silent' }),
    maxEnvelopeBytes: 1024 * 1024,
    readiness: [],
    https: undefined,
    composer: inert('composer'),
    outbox: inert('outbox'),
    inbox: inert('inbox'),
    events: inert('events'),
    auth: inert('auth'),
    metrics: inert('metrics'),
    storage: inert('storage'),
    clockWatch: inert('clockWatch'),
    alarms: inert('alarms'),
    natsLink: inert('natsLink'),
    logAlarms: inert('logAlarms'),
    receiptProof: inert('receiptProof'),
    deliverItem: inert('deliverItem'),
    clock: inert('clock'),
    search: {
      searches: inert('search.searches'),
      trust: inert('search.trust'),
      gatewayId: 'GATEWAY',
      searchTimeoutMs: 5_000,
      toJson: inert('search.toJson'),
    },
  };
  const app = await buildAgentApp(deps);
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}

/** A dependency that may be handed on while routes are registered, but throws when called. */
function inert(path: string): never {
  return new Proxy(() => undefined, {
    get: (_t, key) => (key === 'then' || typeof key === 'symbol' ? undefined : inert(`${path}.${key}`)),
    apply: () => {
      throw new Error(`building the OpenAPI document called the agent dependency ${path}()`);
    },
  }) as never;
}
