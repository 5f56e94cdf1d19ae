import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** Paths pino replaces with "[redacted]": keys, tokens, passwords and authorization. */
export const REDACT_PATHS: readonly string[] = [
  'password',
  'token',
  'secret',
  'apiKey',
  'apiKeys',
  'privateKey',
  'privateJwk',
  'd',
  'authorization',
  'seed',
  'creds',
  'nkey',
  '*.password',
  '*.token',
  '*.secret',
  '*.apiKey',
  '*.apiKeys',
  '*.privateKey',
  '*.privateJwk',
  '*.d',
  '*.authorization',
  '*.seed',
  '*.creds',
  '*.nkey',
  '*.webhookSecret',
  'secrets',
  '*.secrets',
  'req.headers.authorization',
  'req.headers["idempotency-key"]',
  'req.headers.cookie',
  'headers.authorization',
];

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  /** Service name, e.g. `atc-gateway`. */
  readonly name: string;
  /** pino level; default `info`. */
  readonly level?: LoggerOptions['level'];
  /** Where lines go; default stdout. Tests pass a stream to read them. */
  readonly destination?: DestinationStream;
}

/**
 * The one root logger of a service. Components take named children
 * (`logger.child({ component: 'pipeline' })`); untrusted data goes under its own key.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const opts: LoggerOptions = {
    name: options.name,
    level: options.level ?? 'info',
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    base: { service: options.name },
  };
  return options.destination === undefined ? pino(opts) : pino(opts, options.destination);
}

export type { Logger } from 'pino';
