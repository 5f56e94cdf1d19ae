// `npm start`: a whole local federation for a newcomer. A NATS server (spawned, or NATS_URL),
// the gateway and one node agent per demo member as child processes, a webhook receiver per
// member standing in for its national system, and a generator of exercise records. Data
// under .atc/ (ATC_FEDERATION_DIR); a second run resumes the same federation. Ctrl-C stops
// everything in order.
import { chmod, mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnService, type ChildService } from './federation/child-process.js';
import { loadState, newSecret, saveState, stateFile, type MemberState } from './federation/federation-state.js';
import { DEFAULT_NATS_PORT, findNatsServer, NATS_INSTALL_HINT, startNatsServer } from './federation/nats.js';
import { readStartOptions, StartOptionError, type StartOptions } from './federation/options.js';
import { choosePort } from './federation/ports.js';
import { agentDataDir, createOperatorToken, setupFederation, sourceCli } from './federation/setup-federation.js';
import { listenForStop } from './federation/stop-signal.js';
import { countAccepted, startTraffic, type AgentEndpoint, type Traffic } from './federation/traffic.js';
import { waitReady, StopRequested } from './federation/wait-ready.js';
import { startDemoWebhookReceiver, type DemoWebhookReceiver } from './federation/webhook-receiver.js';

const DEFAULT_GATEWAY_PORT = 8440;
const FIRST_AGENT_PORT = 8451;
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;
const STATUS_INTERVAL_MS = 2000;

/** Everything started so far, stopped in reverse order. */
interface Running {
  readonly children: ChildService[];
  readonly receivers: DemoWebhookReceiver[];
  traffic: Traffic | undefined;
  statusTimer: NodeJS.Timeout | undefined;
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const running: Running = { children: [], receivers: [], traffic: undefined, statusTimer: undefined };
const stop = listenForStop(() => {
  console.log('Second signal: killing the children now.');
  for (const child of running.children) child.kill();
  process.exit(130);
});
// The children have their own process groups: never leave one behind, whatever ends this process.
process.once('exit', () => {
  for (const child of running.children) child.kill();
});

/** Starts the federation, runs it until Ctrl-C, stops it; resolves with the exit status. */
async function main(): Promise<number> {
  let options: StartOptions;
  try {
    options = readStartOptions(process.env, repoRoot);
  } catch (e) {
    if (e instanceof StartOptionError) {
      console.error(`npm start: ${e.message}`);
      return 2;
    }
    throw e;
  }
  try {
    await startFederation(options);
  } catch (e) {
    await shutdown();
    if (e instanceof StopRequested) return 0;
    console.error(`npm start: ${(e as Error).message}`);
    return 1;
  }
  const signal = await stop.received;
  console.log(
    crashed === undefined
      ? `\n${signal}: stopping the federation (Ctrl-C again to kill it at once)...`
      : 'Stopping the federation...',
  );
  const clean = await shutdown();
  console.log(
    clean
      ? 'Stopped. "npm start" resumes this federation.'
      : `Stopped, but a child did not stop cleanly; see ${join(options.dir, 'logs')}.`,
  );
  return crashed === undefined ? 0 : 1;
}

/** Set when a child ended by itself while the federation ran. */
let crashed: string | undefined;

async function startFederation(options: StartOptions): Promise<void> {
  const { dir } = options;
  const logDir = join(dir, 'logs');
  await mkdir(logDir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const previous = await loadState(dir);
  console.log(
    previous === undefined
      ? `Creating a new federation in ${dir} (members ${options.members.join(', ')})...`
      : `Resuming the federation in ${dir} (members ${options.members.join(', ')})...`,
  );

  const taken = new Set<number>();
  const port = async (preferred: number | undefined): Promise<number> => {
    const chosen = await choosePort(preferred, taken);
    taken.add(chosen);
    return chosen;
  };

  let natsUrl = options.natsUrl;
  let natsPort: number | undefined;
  if (natsUrl === undefined) {
    const binary = await findNatsServer(options.childEnv['PATH']);
    if (binary === undefined) throw new Error(NATS_INSTALL_HINT);
    natsPort = await port(previous?.natsPort ?? DEFAULT_NATS_PORT);
    running.children.push(await startNatsServer(binary, dir, natsPort, logDir, options.childEnv));
    natsUrl = `nats://127.0.0.1:${natsPort}`;
  }
  const gatewayPort = await port(previous?.gatewayPort ?? DEFAULT_GATEWAY_PORT);
  const members: Record<string, MemberState> = { ...previous?.members };
  for (const [i, member] of options.members.entries()) {
    const old = previous?.members[member];
    members[member] = {
      agentPort: await port(old?.agentPort ?? FIRST_AGENT_PORT + i),
      apiKey: old?.apiKey ?? newSecret(),
      webhookSecret: old?.webhookSecret ?? newSecret(),
    };
  }
  const state = {
    version: 1,
    ...(natsPort === undefined ? {} : { natsPort }),
    natsUrl,
    gatewayPort,
    members,
    ...(previous?.operatorToken === undefined ? {} : { operatorToken: previous.operatorToken }),
  } as const;
  await saveState(dir, state);

  const gatewayEnv = {
    ...options.childEnv,
    ATC_DATA_DIR: join(dir, 'gateway'),
    ATC_NATS_URL: natsUrl,
    ATC_HTTP_LISTEN: `127.0.0.1:${gatewayPort}`,
  };
  const setup = await setupFederation(
    { repoRoot, dir, logDir, gatewayEnv, baseEnv: options.childEnv },
    options.members,
  );
  if (setup.added.length > 0) console.log(`Registered members ${setup.added.join(', ')} and their keys.`);
  else console.log('Members and keys already registered; reusing them.');
  let operatorToken = state.operatorToken;
  if (operatorToken === undefined) {
    operatorToken = await createOperatorToken({ repoRoot, dir, logDir, gatewayEnv, baseEnv: options.childEnv });
    await saveState(dir, { ...state, operatorToken });
    console.log('Created an operator token for the gateway API.');
  }

  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const gateway = spawnService(
    'gateway',
    sourceCli(repoRoot, 'gateway/src/cli/main.ts', ['serve'], gatewayEnv),
    logDir,
  );
  running.children.push(gateway);
  await waitReady(gatewayUrl, gateway, stop, READY_TIMEOUT_MS);

  const agents: AgentEndpoint[] = [];
  const agentChildren: ChildService[] = [];
  for (const member of options.members) {
    const m = members[member]!;
    const receiver = await startDemoWebhookReceiver(member, m.webhookSecret);
    running.receivers.push(receiver);
    const env = {
      ...options.childEnv,
      ATC_MEMBER_ID: member,
      ATC_DATA_DIR: agentDataDir(dir, member),
      ATC_GATEWAY_PUBLIC_KEY_FILE: setup.gatewayPublicKeyFile,
      ATC_NATS_URL: natsUrl,
      ATC_HTTP_LISTEN: `127.0.0.1:${m.agentPort}`,
      ATC_API_KEYS: m.apiKey,
      ATC_WEBHOOK_URL: receiver.url,
      ATC_WEBHOOK_SECRET: m.webhookSecret,
    };
    const child = spawnService(
      `agent-${member}`,
      sourceCli(repoRoot, 'node-agent/src/cli/main.ts', ['serve'], env),
      logDir,
    );
    running.children.push(child);
    agentChildren.push(child);
    agents.push({ member, url: `http://127.0.0.1:${m.agentPort}`, apiKey: m.apiKey });
  }
  await Promise.all(agents.map((a, i) => waitReady(a.url, agentChildren[i]!, stop, READY_TIMEOUT_MS)));

  printSummary(options, natsUrl, gatewayUrl, agents, operatorToken);
  const sessionStart = Date.now();
  running.traffic = startTraffic(agents, options.rate, sessionStart.toString(36));
  running.statusTimer = startStatusLine(agents, sessionStart);
}

function printSummary(
  options: StartOptions,
  natsUrl: string,
  gatewayUrl: string,
  agents: readonly AgentEndpoint[],
  operatorToken: string,
): void {
  const show = (path: string): string => {
    const rel = relative(process.cwd(), path);
    return rel === '' || rel.startsWith('..') ? path : rel;
  };
  const lines = [
    '',
    'ATC Exchange demo federation is running. All records are synthetic exercise data.',
    `  NATS         ${natsUrl}${options.natsUrl === undefined ? ' (nats-server started here)' : ''}`,
    `  gateway      ${gatewayUrl}   (/v1/stats/flow, /v1/events, /v1/messages/{id}, /v1/trust, OpenAPI: ${gatewayUrl}/docs)`,
    `  operator     token ${operatorToken}`,
    ...agents.map((a) => `  agent ${a.member.padEnd(6)} ${a.url}   API key ${a.apiKey}   (OpenAPI: ${a.url}/docs)`),
    `  data         ${show(options.dir)}   logs: ${show(join(options.dir, 'logs'))}/<name>.log`,
    `The API keys and the operator token are kept in ${show(stateFile(options.dir))} (mode 0600) and printed only here. Try:`,
    `  curl -s -H "Authorization: Bearer ${agents[0]!.apiKey}" ${agents[0]!.url}/v1/inbox?limit=1`,
    `  curl -s -H "Authorization: Bearer ${operatorToken}" ${gatewayUrl}/v1/stats/flow`,
    `  curl -sN -H "Authorization: Bearer ${operatorToken}" ${gatewayUrl}/v1/events`,
    `Sending ${options.rate} exercise records a second (ATC_DEMO_RATE). Ctrl-C stops everything.`,
    '',
  ];
  console.log(lines.join('\n'));
}

/**
 * Prints every 2 s what happened in this session: records the agents took, those the
 * gateway accepted (signed receipt back at the sender) and items the members' webhook
 * receivers got (each record counts once per recipient).
 */
function startStatusLine(agents: readonly AgentEndpoint[], sessionStart: number): NodeJS.Timeout {
  let busy = false;
  let lastProblem: string | undefined;
  const tick = async (): Promise<void> => {
    const crash = running.children.map((c) => c.ended()).find((e) => e !== undefined);
    if (crash !== undefined && !stop.requested) {
      crashed = crash;
      console.error(`npm start: ${crash}; stopping the federation.`);
      stop.request();
      return;
    }
    const accepted = await Promise.all(agents.map((a) => countAccepted(a, sessionStart).catch(() => undefined)));
    const stats = running.traffic?.stats;
    if (stats === undefined || stop.requested) return;
    const acceptedTotal = accepted.every((n) => n !== undefined) ? String(accepted.reduce((s, n) => s + n, 0)) : '?';
    const perMember = running.receivers.map((r) => `${r.member} ${r.received}`).join(' · ');
    const delivered = running.receivers.reduce((s, r) => s + r.received, 0);
    const extra = [
      stats.refused > 0 ? `refused ${stats.refused}` : '',
      stats.unreachable > 0 ? `unanswered ${stats.unreachable}` : '',
      running.receivers.some((r) => r.refused > 0) ? 'BAD WEBHOOK SIGNATURES' : '',
    ].filter((s) => s !== '');
    const time = new Date().toTimeString().slice(0, 8);
    console.log(
      `[${time}] sent ${stats.sent} · accepted ${acceptedTotal} · delivered ${delivered} (${perMember})${extra.length > 0 ? ` · ${extra.join(' · ')}` : ''}`,
    );
    if (stats.lastProblem !== undefined && stats.lastProblem !== lastProblem) {
      lastProblem = stats.lastProblem;
      console.log(`  last problem: ${lastProblem}`);
    }
  };
  return setInterval(() => {
    if (busy) return;
    busy = true;
    void tick().finally(() => {
      busy = false;
    });
  }, STATUS_INTERVAL_MS);
}

/** Stops the generator, then the children in reverse start order; true when all stopped by themselves. */
async function shutdown(): Promise<boolean> {
  clearInterval(running.statusTimer);
  await running.traffic?.stop();
  let clean = true;
  const children = [...running.children].reverse();
  const nats = children.at(-1)?.name === 'nats' ? children.pop() : undefined;
  // Agents and the gateway first, together (each flushes its work to NATS), then NATS.
  const agents = children.filter((c) => c.name !== 'gateway');
  const gateway = children.find((c) => c.name === 'gateway');
  const stopped = async (child: ChildService | undefined, signal?: NodeJS.Signals): Promise<void> => {
    if (child === undefined) return;
    const wasRunning = child.ended() === undefined;
    const code = await child.stop(STOP_TIMEOUT_MS, signal);
    if (wasRunning && code !== 0) clean = false;
  };
  await Promise.all(agents.map((a) => stopped(a)));
  await stopped(gateway);
  await stopped(nats, 'SIGINT'); // nats-server 2.9 exits 1 on SIGTERM, 0 on SIGINT
  await Promise.all(running.receivers.map((r) => r.close()));
  return clean;
}

process.exit(await main());
