import { parsers } from './parsers.js';

const optionalString = undefined as string | undefined;

/** Log levels every service accepts. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** Settings every service has: where NATS is, who it is there, and how much it logs. */
export const commonSettings = {
  natsUrl: {
    env: 'ATC_NATS_URL',
    doc: 'NATS server(s), comma-separated',
    parse: parsers.list(parsers.url(['nats:', 'tls:'])),
    default: ['nats://127.0.0.1:4222'] as readonly string[],
    defaultText: 'nats://127.0.0.1:4222',
  },
  natsUser: {
    env: 'ATC_NATS_USER',
    doc: 'NATS user name (with ATC_NATS_PASSWORD)',
    parse: parsers.string(),
    default: optionalString,
  },
  natsCredsFile: {
    env: 'ATC_NATS_CREDS_FILE',
    doc: 'NATS credentials (.creds) file',
    parse: parsers.string(),
    default: optionalString,
  },
  natsNkeyFile: {
    env: 'ATC_NATS_NKEY_FILE',
    doc: 'file holding the NATS nkey seed (SU...), mode 0600',
    parse: parsers.string(),
    default: optionalString,
  },
  logLevel: {
    env: 'ATC_LOG_LEVEL',
    doc: 'log level',
    parse: parsers.oneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const),
    default: 'info' as LogLevel,
  },
};

/** Secrets every service may have: NATS password or token. */
export const commonSecrets = {
  natsPassword: { env: 'ATC_NATS_PASSWORD', doc: 'NATS password', parse: parsers.string(), default: optionalString },
  natsToken: { env: 'ATC_NATS_TOKEN', doc: 'NATS token', parse: parsers.string(), default: optionalString },
};
