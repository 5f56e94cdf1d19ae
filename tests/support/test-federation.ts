import { Lifecycle, type Logger } from '@atc/shared';
import {
  HarnessError,
  HarnessErrorCode,
  startNatsServer,
  startWebhookReceiver,
  waitFor,
  type NatsServerHandle,
  type NatsServerOptions,
  type WebhookReceiver,
} from '@atc/harness';
import type { ArchiveLocation } from '@atc/gateway';
import { startFederationAgent, type AgentFixture } from './agents.js';
import { connectMemberWire, startFederationGateway, type GatewayFixture, type MemberWire } from './federation.js';

/** One member's agent in a {@link startTestFederation}. */
export interface TestMemberOptions {
  /** A webhook receiver for this member's agent (reachable as `receivers[member]`), with this secret. */
  readonly webhookSecret?: string;
  /** Extra agent settings (e.g. ATC_WEBHOOK_MAX_ATTEMPTS). */
  readonly env?: Readonly<Record<string, string>>;
  /** The agent's logger (default: warnings and errors to stdout). */
  readonly logger?: Logger;
}

/** Options of {@link startTestFederation}. */
export interface TestFederationOptions {
  /** The members whose agents run in this process, with their settings (`{}` for the defaults). */
  readonly members?: Readonly<Record<string, TestMemberOptions>>;
  /** Start the gateway (default true); false when a test's own stand-in answers its subjects. */
  readonly gateway?: boolean;
  /** The gateway's archive (default: a SQLite file in its data dir). */
  readonly archive?: ArchiveLocation;
  /** Extra gateway settings (e.g. ATC_ACCEPT_WINDOW). */
  readonly gatewayEnv?: Readonly<Record<string, string>>;
  /** The gateway's logger (default: warnings and errors to stdout). */
  readonly gatewayLogger?: Logger;
  /** An existing gateway data dir, kept by `close()`; by default a fresh one that `close()` removes. */
  readonly gatewayDataDir?: string;
  /** A nats-server to use, left running by `close()`; by default the federation starts its own. */
  readonly nats?: NatsServerHandle;
  /**
   * The way each part reaches the nats-server: `gateway` or a member id to a handle whose `url`
   * it connects to (e.g. through its own link of a partition lab, see `natsServerAt`); by default `nats`.
   */
  readonly natsFor?: (part: string) => NatsServerHandle | undefined;
  /** Options of the federation's own nats-server (when `nats` is not given). */
  readonly natsOptions?: NatsServerOptions;
  /** Connect a {@link MemberWire} (a privileged client standing in for members). */
  readonly wire?: boolean;
  /** Wait until every agent answers `/readyz` 200 (it holds the trust list), default true. */
  readonly waitReady?: boolean;
}

/** A running federation: nats-server, gateway, webhook receivers and agents, stopped as one. */
export interface TestFederation extends AsyncDisposable {
  readonly nats: NatsServerHandle;
  /** The gateway (using it throws when the federation was started with `gateway: false`). */
  readonly gateway: GatewayFixture;
  /** The agents by member id. */
  readonly agents: Readonly<Record<string, AgentFixture>>;
  /** The webhook receivers by member id (members started with a `webhookSecret`). */
  readonly receivers: Readonly<Record<string, WebhookReceiver>>;
  /** The member wire, when `wire` was asked for (otherwise using it throws). */
  readonly wire: MemberWire;
  /** The agent of `member`; throws when the federation has none. */
  agent(member: string): AgentFixture;
  /** The webhook receiver of `member`; throws when the federation has none. */
  receiver(member: string): WebhookReceiver;
  /** Starts one more agent on the federation's nats-server (with the member's receiver, if any), stopped by `close()`. */
  startAgent(member: string, options?: Pick<TestMemberOptions, 'env'>): Promise<AgentFixture>;
  /** Stops everything in reverse order of start and removes the data dirs. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts a disposable federation for a test: its own nats-server (unless given one), a gateway
 * with the fixture members registered, a webhook receiver for each member given a
 * `webhookSecret`, and an agent for each member asked for, in that order. `close()` (or
 * `await using`) stops them in reverse; held webhook calls are answered 503 first so that no
 * agent's stop waits for them. A start that fails half way is undone before the error goes on.
 */
export async function startTestFederation(options: TestFederationOptions = {}): Promise<TestFederation> {
  const lifecycle = new Lifecycle();
  try {
    const nats =
      options.nats ??
      (await lifecycle.open(
        'nats-server',
        () => startNatsServer(options.natsOptions),
        (n) => n.stop(),
      ));
    const via = (part: string): NatsServerHandle => options.natsFor?.(part) ?? nats;
    const gateway =
      options.gateway === false
        ? undefined
        : await lifecycle.open(
            'gateway',
            () =>
              startFederationGateway({
                nats: via('gateway'),
                ...(options.archive === undefined ? {} : { archive: options.archive }),
                ...(options.gatewayEnv === undefined ? {} : { env: options.gatewayEnv }),
                ...(options.gatewayDataDir === undefined ? {} : { dataDir: options.gatewayDataDir }),
                ...(options.gatewayLogger === undefined ? {} : { logger: options.gatewayLogger }),
              }),
            (g) => (options.gatewayDataDir === undefined ? g.destroy() : g.stop()),
          );
    const members = Object.entries(options.members ?? {});
    const receivers: Record<string, WebhookReceiver> = {};
    const secrets: Record<string, string> = {};
    for (const [member, spec] of members) {
      if (spec.webhookSecret === undefined) continue;
      secrets[member] = spec.webhookSecret;
      receivers[member] = await lifecycle.open(`webhook receiver ${member}`, startWebhookReceiver, (r) => r.close());
    }
    const agents: Record<string, AgentFixture> = {};
    const startAgent = async (
      member: string,
      env?: Readonly<Record<string, string>>,
      logger?: Logger,
    ): Promise<AgentFixture> => {
      const [receiver, secret] = [receivers[member], secrets[member]];
      const agent = await lifecycle.open(
        `agent ${member}`,
        () =>
          startFederationAgent({
            nats: via(member),
            member,
            ...(receiver === undefined || secret === undefined
              ? {}
              : { webhookUrl: receiver.url, webhookSecret: secret }),
            ...(env === undefined ? {} : { env }),
            ...(logger === undefined ? {} : { logger }),
          }),
        (a) => a.destroy(),
      );
      agents[member] = agent;
      return agent;
    };
    for (const [member, spec] of members) await startAgent(member, spec.env, spec.logger);
    lifecycle.defer('held webhook calls', () => {
      for (const r of Object.values(receivers)) r.release(503);
    });
    const wire =
      options.wire === true
        ? await lifecycle.open(
            'member wire',
            () => connectMemberWire(nats),
            (w) => w.close(),
          )
        : undefined;
    if (options.waitReady ?? true) await waitAgentsReady(Object.values(agents));
    const close = (): Promise<void> => lifecycle.stop();
    return {
      nats,
      get gateway(): GatewayFixture {
        if (gateway === undefined) throw missing('no gateway: it was started with `gateway: false`');
        return gateway;
      },
      agents,
      receivers,
      get wire(): MemberWire {
        if (wire === undefined) throw missing('no member wire: start it with `wire: true`');
        return wire;
      },
      agent: (member) => found(agents, member, 'agent'),
      receiver: (member) => found(receivers, member, 'webhook receiver'),
      startAgent: (member, more = {}) => startAgent(member, more.env),
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error: unknown) {
    await lifecycle.stop().catch(() => undefined);
    throw error;
  }
}

/** Waits until every agent holds the trust list (`/readyz` 200): only then can they verify each other. */
async function waitAgentsReady(agents: readonly AgentFixture[]): Promise<void> {
  await waitFor(
    async () => {
      const ready = await Promise.all(agents.map(async (a) => (await a.api('GET', '/readyz')).status));
      return ready.every((s) => s === 200);
    },
    { timeoutMs: 15_000, message: 'agents ready' },
  );
}

function found<T>(by: Readonly<Record<string, T>>, member: string, what: string): T {
  const value = by[member];
  if (value === undefined) throw missing(`no ${what} for ${member}: list it in \`members\``);
  return value;
}

function missing(what: string): HarnessError {
  return new HarnessError(HarnessErrorCode.FederationPartMissing, `test federation: ${what}`);
}
