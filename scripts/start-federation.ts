// `npm start`: a whole local federation for a newcomer. A NATS server (spawned, or NATS_URL),
// the gateway and one node agent per demo member as child processes, a webhook receiver per
// member standing in for its national system, a generator of exercise records and the data
// bank's scenario (invented persons that several members report). Data under .atc/
// (ATC_FEDERATION_DIR); a second run resumes the same federation. Every member
// reaches NATS with its own account and seed, as in a deployment (ATC_DEMO_SHARED_NATS=1 is
// the development switch to one shared connection). Ctrl-C stops everything in order.
import { chmod, mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATEWAY_NODE_FLAGS } from '@atc/gateway/node-flags';
import { spawnService, type ChildService } from './federation/child-process.js';
import { ensureConsoleBuilt } from './federation/console-build.js';
import { loadState, newSecret, saveState, stateFile, type MemberState } from './federation/federation-state.js';
import { DEFAULT_NATS_PORT, findNatsServer, NATS_INSTALL_HINT, startNatsServer } from './federation/nats.js';
import { generateNatsCredentials, type NatsCredentials } from './federation/nats-credentials.js';
import { readStartOptions, StartOptionError, type StartOptions } from './federation/options.js';
import { choosePort } from './federation/ports.js';
import {
  databankScenario,
  RESTRICTED_PERSON,
  SHARED_PASSPORT,
  type ScenarioStep,
} from './federation/databank-scenario.js';
import { runScenario, type ScenarioRun } from './federation/scenario-runner.js';
import { agentDataDir, createApiToken, setupFederation, commandSpec } from './federation/setup-federation.js';
import { listenForStop } from './federation/stop-signal.js';
import { countAccepted, startTraffic, type AgentEndpoint, type Traffic } from './federation/traffic.js';
import { waitReady, StopRequested } from './federation/wait-ready.js';
import { startDemoWebhookReceiver, type DemoWebhookReceiver } from './federation/webhook-receiver.js';

const DEFAULT_GATEWAY_PORT = 8440;
const FIRST_AGENT_PORT = 8451;
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;
const STATUS_INTERVAL_MS = 2000;
const SHARED_NATS_WARNING = `
WARNING: ATC_DEMO_SHARED_NATS=1: every agent and the gateway share one unauthenticated NATS
WARNING: connection that may read and write every subject: any member can read every other
WARNING: member's inbox. For development only; unset it for per-member NATS accounts.
`;

/** Everything started so far, stopped in reverse order. */
interface Running {
  readonly children: ChildService[];
  readonly receivers: DemoWebhookReceiver[];
  traffic: Traffic | undefined;
  scenario: ScenarioRun | undefined;
  statusTimer: NodeJS.Timeout | undefined;
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const running: Running = {
  children: [],
  receivers: [],
  traffic: undefined,
  scenario: undefined,
  statusTimer: undefined,
};
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

/** `path` relative to the working directory when it lies inside it, for shorter lines. */
function show(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
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
  let natsBinary: string | undefined;
  if (natsUrl === undefined) {
    natsBinary = await findNatsServer(options.childEnv['PATH']);
    if (natsBinary === undefined) throw new Error(NATS_INSTALL_HINT);
    natsPort = await port(previous?.natsPort ?? DEFAULT_NATS_PORT);
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
    ...(previous?.auditorToken === undefined ? {} : { auditorToken: previous.auditorToken }),
  } as const;
  await saveState(dir, state);

  const gatewayEnv = {
    ...options.childEnv,
    ATC_DATA_DIR: join(dir, 'gateway'),
    ATC_NATS_URL: natsUrl,
    ATC_HTTP_LISTEN: `127.0.0.1:${gatewayPort}`,
  };
  const ctx = { repoRoot, dir, logDir, gatewayEnv, baseEnv: options.childEnv };
  const setup = await setupFederation(ctx, options.members);
  if (setup.added.length > 0) console.log(`Registered members ${setup.added.join(', ')} and their keys.`);
  else console.log('Members and keys already registered; reusing them.');
  let operatorToken = state.operatorToken;
  if (operatorToken === undefined) {
    operatorToken = await createApiToken(ctx, 'operator');
    await saveState(dir, { ...state, operatorToken });
    console.log('Created an operator token for the gateway API.');
  }
  // Dossiers are content reads, which the gateway allows auditors (and admins), not operators.
  let auditorToken = state.auditorToken;
  if (auditorToken === undefined) {
    auditorToken = await createApiToken(ctx, 'auditor');
    await saveState(dir, { ...state, operatorToken, auditorToken });
    console.log("Created an auditor token for the data bank's dossiers.");
  }

  // Per-member NATS accounts unless the development switch says otherwise: a member's agent
  // then reaches only its own submit subject and inbox, as in a real deployment.
  let credentials: NatsCredentials | undefined;
  if (options.sharedNats) console.warn(SHARED_NATS_WARNING);
  else {
    credentials = await generateNatsCredentials(ctx);
    console.log(`Per-member NATS accounts and seeds (mode 0600) in ${show(credentials.dir)}.`);
  }
  if (natsBinary !== undefined && natsPort !== undefined) {
    running.children.push(
      await startNatsServer(natsBinary, dir, natsPort, logDir, options.childEnv, credentials?.accountsInclude),
    );
  }
  const nkey = (seed: string | undefined): Record<string, string> =>
    seed === undefined ? {} : { ATC_NATS_NKEY_FILE: seed };

  await ensureConsoleBuilt(repoRoot, (line) => {
    console.log(line);
  });
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const gateway = spawnService(
    'gateway',
    // With the flags the Docker image runs it with.
    commandSpec(
      repoRoot,
      'atc-gateway',
      ['serve'],
      { ...gatewayEnv, ...nkey(credentials?.gatewaySeed) },
      GATEWAY_NODE_FLAGS,
    ),
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
      ...nkey(credentials?.memberSeed(member)),
      ATC_HTTP_LISTEN: `127.0.0.1:${m.agentPort}`,
      ATC_API_KEYS: m.apiKey,
      ATC_WEBHOOK_URL: receiver.url,
      ATC_WEBHOOK_SECRET: m.webhookSecret,
    };
    const child = spawnService(`agent-${member}`, commandSpec(repoRoot, 'atc-agent', ['serve'], env), logDir);
    running.children.push(child);
    agentChildren.push(child);
    agents.push({ member, url: `http://127.0.0.1:${m.agentPort}`, apiKey: m.apiKey });
  }
  await Promise.all(agents.map((a, i) => waitReady(a.url, agentChildren[i]!, stop, READY_TIMEOUT_MS)));

  const steps = databankScenario(options.members);
  printSummary(options, natsUrl, credentials, gatewayUrl, agents, { operatorToken, auditorToken }, steps);
  const sessionStart = Date.now();
  running.traffic = startTraffic(agents, options.rate, sessionStart.toString(36));
  const scenario = runScenario(agents, steps);
  running.scenario = scenario;
  void scenario.done.then(() => {
    if (!stop.requested) console.log(scenarioSummary(scenario));
  });
  running.statusTimer = startStatusLine(agents, sessionStart);
}

function printSummary(
  options: StartOptions,
  natsUrl: string,
  credentials: NatsCredentials | undefined,
  gatewayUrl: string,
  agents: readonly AgentEndpoint[],
  tokens: { readonly operatorToken: string; readonly auditorToken: string },
  steps: readonly ScenarioStep[],
): void {
  const { operatorToken, auditorToken } = tokens;
  const lines = [
    '',
    'ATC Exchange demo federation is running. All records are synthetic: exercise traffic, and a data bank',
    'scenario of invented persons and organisations (marked TEST; document numbers TEST0001...).',
    `  NATS         ${natsUrl}${options.natsUrl === undefined ? ' (nats-server started here)' : ''}`,
    credentials === undefined
      ? '               SHARED CONNECTION, NO ISOLATION (ATC_DEMO_SHARED_NATS=1): development only'
      : `               one account per member; each agent has only its own seed, ${show(credentials.dir)}/members/<member>.nk`,
    `  gateway      ${gatewayUrl}   (/v1/stats/flow, /v1/events, /v1/messages/{id}, /v1/trust, /v1/databank/..., OpenAPI: ${gatewayUrl}/docs)`,
    `  console      ${gatewayUrl}/console/   sign in with the operator token below (the auditor's reads content, with a purpose)`,
    `  operator     token ${operatorToken}`,
    `  auditor      token ${auditorToken}   (reads record content: the data bank's dossiers)`,
    ...agents.flatMap((a) => [
      `  agent ${a.member.padEnd(6)} ${a.url}   API key ${a.apiKey}   (OpenAPI: ${a.url}/docs)`,
      `               CLI: ATC_AGENT_URL=${a.url} ATC_API_KEY=${a.apiKey} npm run agent -- inbox`,
    ]),
    `  data         ${show(options.dir)}   logs: ${show(join(options.dir, 'logs'))}/<name>.log`,
    `The API keys and the gateway tokens are kept in ${show(stateFile(options.dir))} (mode 0600) and printed only here. Try:`,
    `  curl -s -H "Authorization: Bearer ${agents[0]!.apiKey}" ${agents[0]!.url}/v1/inbox?limit=1`,
    `  curl -s -H "Authorization: Bearer ${operatorToken}" ${gatewayUrl}/v1/stats/flow`,
    `  curl -sN -H "Authorization: Bearer ${operatorToken}" ${gatewayUrl}/v1/events`,
    "The data bank: its subjects (persons several members reported), a dossier (an auditor's read, audited with its purpose),",
    'and the exercise namespace:',
    ...databankCurlLines(gatewayUrl, tokens).map((line) => `  ${line}`),
    ...searchCurlLines(gatewayUrl, operatorToken, agents, steps),
    `Sending ${options.rate} exercise records a second (ATC_DEMO_RATE). Ctrl-C stops everything.`,
    '',
  ];
  console.log(lines.join('\n'));
}

/**
 * The curl lines that list the data bank's subjects and read a dossier (README "Try the data
 * bank"); `<subjectId>` is an id from the list.
 */
function databankCurlLines(
  gatewayUrl: string,
  tokens: { readonly operatorToken: string; readonly auditorToken: string },
): string[] {
  const operator = `-H "Authorization: Bearer ${tokens.operatorToken}"`;
  const auditor = `-H "Authorization: Bearer ${tokens.auditorToken}"`;
  return [
    `curl -s ${operator} "${gatewayUrl}/v1/databank/subjects?category=person"`,
    `curl -s -G ${auditor} "${gatewayUrl}/v1/databank/subjects/<subjectId>" --data-urlencode "purpose=${DOSSIER_PURPOSE}"`,
    `curl -s ${operator} "${gatewayUrl}/v1/databank/subjects?category=person&exercise=true"`,
  ];
}

/**
 * The curl lines of a member's search from its agent (the member that asks for details in the
 * scenario, so never the restricted records' originator) and of the overdue requests (README
 * "Try the data bank"), with a line that says what to expect.
 */
function searchCurlLines(
  gatewayUrl: string,
  operatorToken: string,
  agents: readonly AgentEndpoint[],
  steps: readonly ScenarioStep[],
): string[] {
  const request = steps.find((s) => s.body['type'] === 'InformationRequest');
  const searcher = agents.find((a) => a.member === request?.member);
  if (request === undefined || searcher === undefined) return [];
  const body = JSON.stringify({ ...RESTRICTED_PERSON, purpose: SEARCH_PURPOSE, legalBasis: SEARCH_LEGAL_BASIS });
  const originator = (request.body['recipients'] as readonly string[]).join(', ');
  return [
    `${searcher.member} searches the bank for Sekretova Vera: ${originator}'s TLP:RED record and a ` +
      'hit/no-hit only one answer "restricted": true with no content; then its request about it, overdue:',
    `  curl -s -H "Authorization: Bearer ${searcher.apiKey}" -H 'Content-Type: application/json' ${searcher.url}/v1/databank/search -d '${body}'`,
    `  curl -s -H "Authorization: Bearer ${operatorToken}" "${gatewayUrl}/v1/requests?state=overdue"`,
  ];
}

/** The stated purpose and legal basis of the banner's search, signed into the member's query. */
const SEARCH_PURPOSE = 'TEST: demo search for a fictitious person';
const SEARCH_LEGAL_BASIS = 'Fictitious demo agreement, art. 1 (TEST)';

/** The stated purpose of the banner's dossier read, as the audit log will show it. */
const DOSSIER_PURPOSE = 'TEST: demo walkthrough of the data bank';

/** What the data bank scenario did, once it finished. */
function scenarioSummary(scenario: ScenarioRun): string {
  const { sent, repeated, accepted, problems } = scenario.stats;
  if (problems.length > 0) {
    return [`Data bank scenario: ${accepted} accepted, then a problem:`, ...problems.map((p) => `  ${p}`)].join('\n');
  }
  const earlier = repeated > 0 ? `, ${repeated} of them sent by an earlier run` : '';
  return (
    `Data bank scenario: ${accepted} messages accepted (${sent} sent now${earlier}): Testov Ivan reported by several ` +
    `members in Cyrillic and Latin with passport ${SHARED_PASSPORT.number} (${SHARED_PASSPORT.issuingCountry}), ` +
    'organisations, a record at version 2, withdrawals, Sekretova Vera found by searches as a hit only, an ' +
    'information request about her left unanswered (overdue), and exercise records kept apart.'
  );
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
    const bank = running.scenario?.stats;
    if (stats === undefined || bank === undefined || stop.requested) return;
    const acceptedTotal = accepted.every((n) => n !== undefined) ? String(accepted.reduce((s, n) => s + n, 0)) : '?';
    const perMember = running.receivers.map((r) => `${r.member} ${r.received}`).join(' · ');
    const delivered = running.receivers.reduce((s, r) => s + r.received, 0);
    const refused = stats.refused + bank.rejected;
    const extra = [
      refused > 0 ? `refused ${refused}` : '',
      stats.unreachable > 0 ? `unanswered ${stats.unreachable}` : '',
      running.receivers.some((r) => r.refused > 0) ? 'BAD WEBHOOK SIGNATURES' : '',
    ].filter((s) => s !== '');
    const time = new Date().toTimeString().slice(0, 8);
    console.log(
      `[${time}] sent ${stats.sent + bank.sent} · accepted ${acceptedTotal} · delivered ${delivered} (${perMember})${extra.length > 0 ? ` · ${extra.join(' · ')}` : ''}`,
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

/**
 * Stops the generator, then the children one kind at a time: the agents (each flushes its
 * work to NATS), the gateway (it finishes the batch in flight), then nats-server; each gets
 * STOP_TIMEOUT_MS before it is killed. True when all stopped by themselves.
 */
async function shutdown(): Promise<boolean> {
  clearInterval(running.statusTimer);
  await running.scenario?.stop();
  await running.traffic?.stop();
  let clean = true;
  const stopped = async (children: readonly ChildService[], signal?: NodeJS.Signals): Promise<void> => {
    const live = children.filter((c) => c.ended() === undefined);
    if (live.length === 0) return;
    console.log(`  stopping ${live.map((c) => c.name).join(', ')}...`);
    const codes = await Promise.all(live.map((c) => c.stop(STOP_TIMEOUT_MS, signal)));
    if (codes.some((code) => code !== 0)) clean = false;
  };
  const named = (test: (name: string) => boolean): ChildService[] => running.children.filter((c) => test(c.name));
  await stopped(named((n) => n.startsWith('agent-')));
  await stopped(named((n) => n === 'gateway'));
  await stopped(
    named((n) => n === 'nats'),
    'SIGINT',
  ); // nats-server 2.9 exits 1 on SIGTERM, 0 on SIGINT
  await Promise.all(running.receivers.map((r) => r.close()));
  return clean;
}

process.exit(await main());
