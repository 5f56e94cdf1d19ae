/**
 * @atc/client: a typed client of the ATC Exchange node agent's integrator API. No
 * dependencies beyond Node; usable on its own.
 */

/** The version of the agent API this client speaks. */
export const AGENT_API_VERSION = 'v1';

export {
  AgentClient,
  type AgentClientOptions,
  type CallOptions,
  type InboxItem,
  type InboxStreamEvent,
  type OutboxMessage,
  type SendMessageBody,
  type SendMessageResult,
  type StreamInboxOptions,
} from './agent-client.js';
export { AGENT_OPERATIONS, type AgentOperationId, type AgentOperations } from './generated/agent-api.js';
export { AgentApiError, AgentUnreachableError, type Problem, type ProblemFieldError } from './problem.js';
export { parseRetryAfter, type RetryPolicy } from './retry.js';
export { SseParser, type SseEvent } from './sse.js';
export {
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookSignatureError,
  WebhookSignatureErrorCode,
} from './webhook-signature.js';
