// Public entry of @atc/harness: real infrastructure for tests of every workspace (nats-server,
// PostgreSQL, certificates, webhook receivers, small disks). It depends on @atc/shared only, so
// gateway and node-agent tests can use it without a package loop.
export { HarnessError, HarnessErrorCode } from './harness-error.js';
export { startNatsServer, NATS_SERVER_BINARY_ENV } from './nats-server.js';
export type { NatsServerHandle, NatsServerOptions } from './nats-server-handle.js';
export {
  startNatsCluster,
  type NatsClusterHandle,
  type NatsClusterNode,
  type NatsClusterOptions,
} from './nats-cluster.js';
export { createTestDatabase, POSTGRES_ADMIN_URL_ENV, type TestDatabase } from './postgres.js';
export {
  startThrowawayCluster,
  type ClusterStopMode,
  type ThrowawayCluster,
  type ThrowawayClusterOptions,
} from './postgres-cluster.js';
export {
  ARCHIVE_BACKENDS,
  type ArchiveBackend,
  type TestArchiveKind,
  type TestArchiveLocation,
} from './archive-backends.js';
export { waitFor, type WaitForOptions } from './wait-for.js';
export { tailLog } from './log-tail.js';
export { mapLimit } from './map-limit.js';
export { holdTransaction, type TransactionRunner } from './held-transaction.js';
export { freePort } from '@atc/shared';
export { makeMessage, type MessageSpec } from './messages.js';
export {
  startWebhookReceiver,
  type WebhookAnswer,
  type WebhookCall,
  type WebhookReceiver,
} from './webhook-receiver.js';
export { createTestCertificates, type TestCertificates } from './test-certificates.js';
export { mountSmallDisk, mountSmallDiskOrSkip, type SmallDisk } from './small-disk.js';
export { capturingLogger } from './capturing-logger.js';
export {
  referenceCosigned,
  referenceLeafHash,
  referenceNoteSigned,
  referenceParseCheckpoint,
  referenceRootFromPath,
  referenceVerifyConsistency,
  type ReferenceCheckpoint,
} from './rfc9162.js';
export { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver.js';
export { sqliteTempFiles } from './sqlite-temp-files.js';
