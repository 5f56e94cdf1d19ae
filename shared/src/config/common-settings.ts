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
  natsTlsCaFile: {
    env: 'ATC_NATS_TLS_CA_FILE',
    doc: 'PEM file of the CA that signed the NATS server certificate; when set, TLS is required',
    parse: parsers.readableFile(),
    default: optionalString,
  },
  natsTlsCertFile: {
    env: 'ATC_NATS_TLS_CERT_FILE',
    doc: 'PEM client certificate for NATS mutual TLS (with ATC_NATS_TLS_KEY_FILE)',
    parse: parsers.readableFile(),
    default: optionalString,
  },
  natsTlsKeyFile: {
    env: 'ATC_NATS_TLS_KEY_FILE',
    doc: 'PEM private key of the NATS client certificate (with ATC_NATS_TLS_CERT_FILE)',
    parse: parsers.readableFile(),
    default: optionalString,
  },
  natsPingInterval: {
    env: 'ATC_NATS_PING_INTERVAL',
    doc: 'how often the NATS link is pinged; two pings unanswered and the link counts as lost (a network partition closes no socket) and the client reconnects',
    parse: parsers.duration(),
    default: 10_000,
    defaultText: '10s',
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

/** Settings of a service's HTTPS listener: unset, the service speaks plain HTTP. */
export const httpTlsSettings = {
  httpTlsCertFile: {
    env: 'ATC_HTTP_TLS_CERT_FILE',
    doc: 'PEM certificate (chain) of the HTTPS listener; with ATC_HTTP_TLS_KEY_FILE it serves HTTPS only',
    parse: parsers.readableFile(),
    default: optionalString,
  },
  httpTlsKeyFile: {
    env: 'ATC_HTTP_TLS_KEY_FILE',
    doc: 'PEM private key of the HTTPS listener (with ATC_HTTP_TLS_CERT_FILE)',
    parse: parsers.readableFile(),
    default: optionalString,
  },
  httpTlsClientCaFile: {
    env: 'ATC_HTTP_TLS_CLIENT_CA_FILE',
    doc: 'PEM CA file: when set with HTTPS, every client must present a certificate it signed (mutual TLS)',
    parse: parsers.readableFile(),
    default: optionalString,
  },
};

/**
 * Settings that make sense only together: a certificate without its key (or the reverse)
 * is a mistake reported at start-up. Pass to `loadConfig` as `together`.
 */
export const tlsSettingPairs = [
  ['natsTlsCertFile', 'natsTlsKeyFile'],
  ['httpTlsCertFile', 'httpTlsKeyFile'],
] as const;

/** A client CA (mutual TLS) needs the HTTPS listener it applies to. Pass to `loadConfig` as `requires`. */
export const tlsSettingRequirements = [['httpTlsClientCaFile', 'httpTlsCertFile']] as const;
