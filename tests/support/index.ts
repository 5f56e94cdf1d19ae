// Public entry of @atc/tests: helpers that give integration tests real servers.
export { HarnessError, HarnessErrorCode } from './harness-error.js';
export { startNatsServer, NATS_SERVER_BINARY_ENV } from './nats-server.js';
export type { NatsServerHandle, NatsServerOptions } from './nats-server-handle.js';
export { createTestDatabase, POSTGRES_ADMIN_URL_ENV, type TestDatabase } from './postgres.js';
export { waitFor, type WaitForOptions } from './wait-for.js';
export {
  FIXTURE_MEMBERS,
  connectMemberWire,
  gatewayEnv,
  makeMessage,
  prepareGatewayDataDir,
  receiptsIn,
  startFederationGateway,
  verifyInboxItem,
  InboxWatcher,
  type GatewayFixture,
  type InboxItem,
  type MemberWire,
  type MessageSpec,
} from './federation.js';
export {
  freePort,
  spawnAgentProcess,
  spawnGatewayProcess,
  type GatewayProcess,
  type ServiceProcess,
} from './service-process.js';
export {
  startWebhookReceiver,
  type WebhookAnswer,
  type WebhookCall,
  type WebhookReceiver,
} from './webhook-receiver.js';
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
export { createTestCertificates, type TestCertificates } from './test-certificates.js';
export {
  startNatsCluster,
  type NatsClusterHandle,
  type NatsClusterNode,
  type NatsClusterOptions,
} from './nats-cluster.js';
export {
  referenceCosigned,
  referenceLeafHash,
  referenceNoteSigned,
  referenceParseCheckpoint,
  referenceRootFromPath,
  referenceVerifyConsistency,
  type ReferenceCheckpoint,
} from './rfc9162.js';
export { ARCHIVE_BACKENDS, type ArchiveBackend, type TestArchiveLocation } from './archive-backends.js';
export {
  runAtcVerify,
  runGatewayCli,
  runGatewayProcess,
  runNpx,
  runSourceScript,
  type GatewayCliRun,
  type ScriptRun,
} from './gateway-cli.js';
export { mountSmallDisk, type SmallDisk } from './small-disk.js';
export { startThrowawayCluster, type ThrowawayCluster } from './postgres-cluster.js';
