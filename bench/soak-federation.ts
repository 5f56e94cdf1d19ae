import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { saveKeyFile } from '@atc/shared';
import { startNatsServer, type NatsServerHandle } from '@atc/tests';
import {
  createBenchFederation,
  gatewayEnvironment,
  prepareGatewayDir,
  type BenchFederation,
} from './bench-federation.js';
import { cpuProfFlags, startService, type BenchService, type ServiceSpec } from './bench-service.js';

/** The member whose agent sends the soak's records. */
export const SOAK_SENDER = 'KZ';
/** The member whose agent receives them and hands them to its webhook. */
export const SOAK_RECIPIENT = 'BY';

/** The processes of the soak, by the name the report gives them. */
export const SoakRole = {
  Nats: 'nats-server',
  Gateway: 'gateway',
  Sender: `agent-${SOAK_SENDER}`,
  Recipient: `agent-${SOAK_RECIPIENT}`,
} as const;

/** One of the {@link SoakRole} names. */
export type SoakRole = (typeof SoakRole)[keyof typeof SoakRole];

/** The restarts the soak makes, in turn. */
export const SoakRestart = {
  GatewayKill: 'gateway SIGKILL',
  SenderKill: `agent ${SOAK_SENDER} SIGKILL`,
  Nats: 'nats-server restart (SIGTERM, same store)',
  GatewayTerm: 'gateway SIGTERM',
  RecipientKill: `agent ${SOAK_RECIPIENT} SIGKILL`,
} as const;

/** One of the {@link SoakRestart} descriptions. */
export type SoakRestart = (typeof SoakRestart)[keyof typeof SoakRestart];

/** The rotation: the k-th restart of a soak is `SOAK_ROTATION[k % 5]`. */
export const SOAK_ROTATION: readonly SoakRestart[] = Object.values(SoakRestart);

/** Where the soak's federation lives and how its children run. */
export interface SoakFederationOptions {
  readonly workDir: string;
  readonly logDir: string;
  readonly childEnv: Readonly<Record<string, string>>;
  /** The recipient agent's ATC_WEBHOOK_URL. */
  readonly webhookUrl: string;
  /** Run the services from the TypeScript sources (the unit suite), not the build. */
  readonly fromSources: boolean;
  /** Write each service's V8 CPU profile below this directory (one folder per role). */
  readonly cpuProfDir?: string | undefined;
  /** The gateway's ATC_INBOX_MAX_AGE, when not its default. */
  readonly inboxMaxAge?: string | undefined;
  /** The gateway's ATC_DUPLICATE_WINDOW, when not its default. */
  readonly duplicateWindow?: string | undefined;
  /** The gateway's ATC_SUBMIT_ACK_WAIT, when not its default. */
  readonly submitAckWait?: string | undefined;
}

/**
 * The real federation of the soak: a nats-server (JetStream on disk), a gateway with a SQLite
 * archive, the sending agent and the receiving agent, each a child process that can be killed
 * or stopped and started again on the same address and data.
 */
export class SoakFederation {
  private readonly services = new Map<SoakRole, { spec: ServiceSpec; service: BenchService }>();
  private nats: NatsServerHandle | undefined;
  /** The sending agent's integrator API key. */
  readonly apiKey = randomBytes(32).toString('hex');

  private constructor(private readonly options: SoakFederationOptions) {}

  /** The archive the gateway writes. */
  get archivePath(): string {
    return join(this.options.workDir, 'gateway', 'archive.db');
  }

  /** The sending agent's base URL (the same after its restarts). */
  get senderUrl(): string {
    return this.services.get(SoakRole.Sender)!.service.url;
  }

  /** Starts nats-server, the gateway and both agents, undoing what it began when a start fails. */
  static async start(options: SoakFederationOptions): Promise<SoakFederation> {
    const federation = new SoakFederation(options);
    try {
      await federation.startAll();
    } catch (e) {
      await federation.stop();
      throw e;
    }
    return federation;
  }

  private async startAll(): Promise<void> {
    const { workDir, logDir, childEnv, fromSources } = this.options;
    const keys = createBenchFederation([SOAK_SENDER, SOAK_RECIPIENT]);
    this.nats = await startNatsServer();
    const gatewayDir = join(workDir, 'gateway');
    await prepareGatewayDir(gatewayDir, keys);
    const gateway: ServiceSpec = {
      kind: 'gateway',
      env: {
        ...gatewayEnvironment(childEnv, this.nats.url, gatewayDir),
        ...(this.options.inboxMaxAge === undefined ? {} : { ATC_INBOX_MAX_AGE: this.options.inboxMaxAge }),
        ...(this.options.duplicateWindow === undefined ? {} : { ATC_DUPLICATE_WINDOW: this.options.duplicateWindow }),
        ...(this.options.submitAckWait === undefined ? {} : { ATC_SUBMIT_ACK_WAIT: this.options.submitAckWait }),
      },
      logDir,
      logName: SoakRole.Gateway,
      fromSources,
      nodeFlags: cpuProfFlags(this.options.cpuProfDir, SoakRole.Gateway),
    };
    const sender = await this.agentSpec(keys, SOAK_SENDER, {});
    const recipient = await this.agentSpec(keys, SOAK_RECIPIENT, {
      ATC_WEBHOOK_URL: this.options.webhookUrl,
      ATC_WEBHOOK_SECRET: randomBytes(32).toString('hex'),
    });
    // All three at once: the agents become ready once the gateway answers over NATS.
    // Settled, not raced: a failed start is undone once every start has ended.
    const started = await Promise.allSettled([
      this.launch(SoakRole.Gateway, gateway),
      this.launch(SoakRole.Sender, sender),
      this.launch(SoakRole.Recipient, recipient),
    ]);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  private async agentSpec(
    keys: BenchFederation,
    member: string,
    extra: Readonly<Record<string, string>>,
  ): Promise<ServiceSpec> {
    const dataDir = join(this.options.workDir, `agent-${member}`);
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await saveKeyFile(join(dataDir, 'member.jwk'), keys.memberKeys.get(member)!);
    const gatewayKeyFile = join(dataDir, 'gateway-public.jwk');
    await writeFile(gatewayKeyFile, JSON.stringify(keys.gatewayKey.publicJwk));
    return {
      kind: 'agent',
      env: {
        ...this.options.childEnv,
        ATC_MEMBER_ID: member,
        ATC_DATA_DIR: dataDir,
        ATC_GATEWAY_PUBLIC_KEY_FILE: gatewayKeyFile,
        ATC_NATS_URL: this.nats!.url,
        ATC_API_KEYS: this.apiKey,
        ATC_LOG_LEVEL: 'warn',
        ...extra,
      },
      logDir: this.options.logDir,
      logName: `agent-${member}`,
      fromSources: this.options.fromSources,
      nodeFlags: cpuProfFlags(this.options.cpuProfDir, `agent-${member}`),
    };
  }

  /** Starts a service and keeps its spec, with the port it got, for its restarts. */
  private async launch(role: SoakRole, spec: ServiceSpec): Promise<void> {
    const service = await startService(spec);
    const port = Number(new URL(service.url).port);
    this.services.set(role, { spec: { ...spec, port }, service });
  }

  /** The process id of each role now (a role being restarted is left out). */
  pids(): Map<SoakRole, number> {
    const pids = new Map<SoakRole, number>();
    if (this.nats?.pid !== undefined) pids.set(SoakRole.Nats, this.nats.pid);
    for (const [role, { service }] of this.services) pids.set(role, service.pid);
    return pids;
  }

  /** Makes `restart` and waits until the restarted process is ready again; resolves with the role. */
  async restart(restart: SoakRestart): Promise<SoakRole> {
    switch (restart) {
      case SoakRestart.Nats:
        await this.nats!.restart();
        return SoakRole.Nats;
      case SoakRestart.GatewayKill:
        return this.restartService(SoakRole.Gateway, 'SIGKILL');
      case SoakRestart.GatewayTerm:
        return this.restartService(SoakRole.Gateway, 'SIGTERM');
      case SoakRestart.SenderKill:
        return this.restartService(SoakRole.Sender, 'SIGKILL');
      case SoakRestart.RecipientKill:
        return this.restartService(SoakRole.Recipient, 'SIGKILL');
    }
  }

  private async restartService(role: SoakRole, signal: 'SIGKILL' | 'SIGTERM'): Promise<SoakRole> {
    const { spec, service } = this.services.get(role)!;
    if (signal === 'SIGKILL') await service.kill('SIGKILL');
    else await service.stop();
    this.services.set(role, { spec, service: await startService(spec) });
    return role;
  }

  /** Stops the agents, the gateway and nats-server, in that order. Idempotent. */
  async stop(): Promise<void> {
    const order: SoakRole[] = [SoakRole.Sender, SoakRole.Recipient, SoakRole.Gateway];
    for (const role of order) {
      await this.services.get(role)?.service.stop();
      this.services.delete(role);
    }
    await this.nats?.stop();
    this.nats = undefined;
  }
}
