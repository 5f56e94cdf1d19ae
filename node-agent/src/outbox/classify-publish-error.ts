import { JetStreamApiError } from '@nats-io/jetstream';

/**
 * What a failed publish says about the next ones. `refused`: JetStream answered and turned
 * down this one message, so the server is reachable and only this message waits.
 * `unreachable`: the outcome is unknown or the server cannot be reached, so every message
 * waits.
 */
export const PublishFailure = {
  refused: 'refused',
  unreachable: 'unreachable',
} as const;

/** One of the {@link PublishFailure} values. */
export type PublishFailure = (typeof PublishFailure)[keyof typeof PublishFailure];

/**
 * Classifies an error of `js.publish`. Only a 4xx JetStream API error (too large, a broken
 * expectation) is about the message itself. Everything else leaves the server unreachable
 * or the outcome unknown: a timeout, no responders (reported as `JetStreamNotEnabled`, also
 * during a leader election), a closed or reconnecting connection, a permissions error, a 5xx
 * API error (cluster temporarily unavailable). Either way the message is retried with the
 * same id, so a copy the server did store is dropped as a duplicate.
 */
export function classifyPublishError(error: unknown): PublishFailure {
  if (error instanceof JetStreamApiError && error.status >= 400 && error.status < 500) return PublishFailure.refused;
  return PublishFailure.unreachable;
}
