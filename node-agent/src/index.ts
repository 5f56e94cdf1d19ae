/**
 * @atc/node-agent: the service each member runs. This entry is for the CLI, tests and
 * embedding; members use the `atc-agent` command.
 */
export { startAgent, type RunningAgent } from './agent.js';
export { loadAgentConfig, describeAgentSettings, type AgentConfig, type AgentSecrets } from './config/agent-config.js';
export { verifyWebhookSignature, signWebhook, WEBHOOK_SIGNATURE_HEADER } from './handover/webhook-signature.js';
export { bindInboxConsumer } from './inbox/bind-inbox-consumer.js';
export { readTrustList, type TrustListEntry } from './inbox/read-trust-list.js';
export { agentOpenApiDocument } from './http/openapi-document.js';
export { AgentMetrics } from './metrics/agent-metrics.js';
