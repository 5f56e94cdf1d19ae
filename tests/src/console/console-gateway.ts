import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addToken, loadGatewayConfig, startGateway, type GatewayConfig, type RunningGateway } from '@atc/gateway';
import { capturingLogger, gatewayEnv, prepareGatewayDataDir, type NatsServerHandle } from '@atc/tests';

/** Roles the console fixtures hold a token of. */
export type FixtureRole = 'admin' | 'operator' | 'auditor';

/** A gateway in this process for the console's tests, with one token per role and its log captured. */
export interface ConsoleGateway {
  readonly url: string;
  readonly config: GatewayConfig;
  readonly tokens: Readonly<Record<FixtureRole, string>>;
  /** The names of those tokens. */
  readonly names: Readonly<Record<FixtureRole, string>>;
  /** Every line the gateway logged (JSON, level info and above). */
  readonly log: readonly string[];
  /** Calls the gateway over a real socket. */
  call(path: string, options?: CallOptions): Promise<Answer>;
  destroy(): Promise<void>;
}

/** A request of {@link ConsoleGateway.call}. */
export interface CallOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** The client address (any 127.x address is this machine): failed authentications are counted per address. */
  readonly from?: string;
}

/** An answer, read whole. */
export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed as JSON. */
  json(): unknown;
}

/** Starts a gateway against `nats` with `env` added to its settings; `ca` to call it over HTTPS. */
export async function startConsoleGateway(
  nats: NatsServerHandle,
  env: Readonly<Record<string, string>> = {},
  ca?: string,
): Promise<ConsoleGateway> {
  const dir = await mkdtemp(join(tmpdir(), 'atc-console-'));
  const dataDir = join(dir, 'gateway');
  await mkdir(dataDir, { mode: 0o700 });
  await prepareGatewayDataDir(dataDir);
  const { config, secrets } = loadGatewayConfig(gatewayEnv(nats, dataDir, { ATC_LOG_LEVEL: 'info', ...env }));
  const tokens = { admin: '', operator: '', auditor: '' };
  const names = { admin: 'console-admin', operator: 'console-operator', auditor: 'console-auditor' };
  for (const role of ['admin', 'operator', 'auditor'] as const) {
    tokens[role] = addToken(config.tokensFile, { name: names[role], role }, Date.now()).token;
  }
  const log: string[] = [];
  let gateway: RunningGateway;
  try {
    gateway = await startGateway({
      config,
      secrets,
      logger: capturingLogger('atc-gateway-console', log),
    });
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: gateway.url,
    config,
    tokens,
    names,
    log,
    call: (path, options) => call(gateway.url, path, options, ca),
    destroy: async () => {
      await gateway.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One HTTP/1.1 request over a real socket; the path is sent as given (no normalisation of `..`). */
export function call(base: string, path: string, options: CallOptions = {}, ca?: string): Promise<Answer> {
  const url = new URL(base);
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  const headers = {
    ...(body === undefined ? {} : { 'content-length': String(body.length) }),
    ...options.headers,
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers,
        localAddress: options.from ?? '127.0.0.1',
        ...(ca === undefined ? {} : { ca }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: (): unknown => JSON.parse(text),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The session a sign-in answered. */
export interface SessionJson {
  actor: string;
  role: string;
  csrfToken: string;
  idleExpiresAt: string;
  expiresAt: string;
  gatewayKey: { kty: string; crv: string; x: string; kid: string };
  logOrigin: string;
}

/** A signed-in console: its cookie (`atc_session=...`) and the session answered. */
export interface SignedIn {
  readonly cookie: string;
  readonly setCookie: string;
  readonly session: SessionJson;
}

/** Signs in with `token`; fails the test unless the gateway answers 200 with a cookie. */
export async function signIn(gateway: Pick<ConsoleGateway, 'call'>, token: string, from?: string): Promise<SignedIn> {
  const res = await gateway.call('/v1/console/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
    ...(from === undefined ? {} : { from }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${res.text}`);
  const setCookie = [res.headers['set-cookie'] ?? []].flat();
  if (setCookie.length !== 1) throw new Error(`sign-in set ${setCookie.length} cookies`);
  return { cookie: setCookie[0]!.split(';')[0]!, setCookie: setCookie[0]!, session: res.json() as SessionJson };
}

/** The value of one sample of a counter in a Prometheus text exposition, 0 when absent. */
export function metric(text: string, sample: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? 0 : Number(line.slice(sample.length + 1));
}
