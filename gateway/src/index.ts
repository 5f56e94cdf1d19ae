/**
 * @atc/gateway: the central service. This entry is for the CLI, tests and embedding;
 * operators use the `atc-gateway` command.
 */
export { startGateway, type RunningGateway } from './gateway.js';
export {
  archiveLocation,
  loadGatewayConfig,
  describeGatewaySettings,
  type GatewayConfig,
  type GatewaySecrets,
} from './config.js';
export { openDatabase, openArchiveDb, type Db, type ArchiveLocation } from './archive/open-database.js';
export { openArchive, type Archive } from './archive/open-archive.js';
export type { SqlDb, SqlDialect, SqlValue } from './archive/sql/sql-db.js';
export { SqliteDb } from './archive/sql/sqlite-db.js';
export { redactedUrl } from './archive/sql/postgres-db.js';
export { verifyArchive, type ArchiveVerification } from './archive/verify-archive.js';
export { batchWrite, MessageStore, type ArchivedMessageRow, type MessageDetail } from './archive/message-store.js';
export { RetentionSweeper, type RetentionPolicy } from './archive/retention.js';
export { Registry } from './registry/registry.js';
export { GATEWAY_CONSUMER } from './nats/provision.js';
export type { FlowEvent } from './pipeline/flow-event.js';
export { Role, ROLES, roleAllows } from './auth/role.js';
export { addToken, revokeToken, type CreatedToken, type NewToken } from './auth/token-admin.js';
export { readTokenFile, type TokenRecord } from './auth/token-file.js';
export { runCli, ExitCode } from './cli/run-cli.js';
export type { CliIo } from './cli/cli-io.js';
export { MerkleLog, type LogSigner } from './archive/merkle-log.js';
