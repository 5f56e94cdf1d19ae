// Public entry of @atc/tests: the federation-level test support (gateway and agents in this
// process or as child processes, CLI runs, reference implementations), and everything of
// @atc/harness (nats-server, PostgreSQL, certificates, webhook receivers) re-exported.
export * from '@atc/harness';
export {
  FIXTURE_MEMBERS,
  connectMemberWire,
  gatewayEnv,
  prepareGatewayDataDir,
  receiptsIn,
  startFederationGateway,
  verifyInboxItem,
  InboxWatcher,
  type GatewayFixture,
  type InboxItem,
  type MemberWire,
} from './federation.js';
export {
  spawnAgentProcess,
  spawnGatewayProcess,
  binPath,
  type GatewayProcess,
  type ServiceProcess,
  type SpawnOptions,
} from './service-process.js';
export {
  TEST_API_KEY,
  callAgent,
  personRequest,
  prepareAgent,
  startFederationAgent,
  type AgentFixture,
  type AgentFixtureOptions,
  type PreparedAgent,
} from './agents.js';
export {
  runAtcVerify,
  runBin,
  runGatewayCli,
  runGatewayProcess,
  runNpx,
  type GatewayCliRun,
  type NpxOptions,
  type ScriptRun,
} from './gateway-cli.js';
export {
  startTestFederation,
  type TestFederation,
  type TestFederationOptions,
  type TestMemberOptions,
} from './test-federation.js';
export {
  BROWSER_ARTIFACTS_DIR,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  CONSOLE_SOURCE_DIR,
  browserUnavailable,
  buildConsole,
  launchBrowser,
  signInToConsole,
  type BrowserFixture,
  type BrowserOptions,
  type ConsoleBuild,
} from './browser.js';
export { LIBFAKETIME, fakeTimeEnv } from './fake-time.js';
export { createPartitionLab, natsServerAt, type PartitionLab } from './network-partition.js';
export { expectRefusedOnWire, isArchived } from './wire-refusals.js';
export { PROOF_FIXTURE_ORIGIN, buildProofFixture, renderProofFixture, type ProofFixture } from './proof-fixture.js';
export { buildRotationFixture, type RotationFixture } from './rotation-fixture.js';
