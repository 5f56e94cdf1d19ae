import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, describeSettings, loadConfig, parsers } from '../index.js';

const schema = {
  settings: {
    member: { env: 'ATC_MEMBER', doc: 'member id of this agent', parse: parsers.memberId() },
    natsUrl: {
      env: 'ATC_NATS_URL',
      doc: 'NATS server',
      parse: parsers.url(['nats:', 'tls:']),
      default: 'nats://127.0.0.1:4222',
    },
    maxBytes: { env: 'ATC_MAX_BYTES', doc: 'largest envelope', parse: parsers.bytes(), default: 1024 * 1024 },
    skew: { env: 'ATC_SKEW', doc: 'clock skew', parse: parsers.duration(), default: 300_000 },
    replicas: { env: 'ATC_REPLICAS', doc: 'stream replicas', parse: parsers.int(1, 5), default: 1 },
    members: {
      env: 'ATC_MEMBERS',
      doc: 'demo members',
      parse: parsers.list(parsers.memberId()),
      default: [] as readonly string[],
    },
    tls: { env: 'ATC_TLS', doc: 'use TLS', parse: parsers.bool(), default: false },
    listen: {
      env: 'ATC_LISTEN',
      doc: 'HTTP listen address',
      parse: parsers.listen(),
      default: { host: '127.0.0.1', port: 8080 },
    },
    level: {
      env: 'ATC_LOG_LEVEL',
      doc: 'log level',
      parse: parsers.oneOf(['debug', 'info', 'warn'] as const),
      default: 'info' as const,
    },
  },
  secrets: {
    token: { env: 'ATC_TOKEN', doc: 'NATS token', parse: parsers.string() },
  },
};

const dir = mkdtempSync(join(tmpdir(), 'atc-config-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function problemsOf(env: Record<string, string>): Record<string, string> {
  try {
    loadConfig(schema, { env, fileVariable: 'ATC_CONFIG_FILE' });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).code).toBe('ERR_CONFIG_INVALID');
    return Object.fromEntries((e as ConfigError).problems.map((p) => [p.env, p.message]));
  }
  throw new Error('configuration was accepted');
}

describe('loadConfig', () => {
  it('parses the environment into frozen settings, with secrets apart', () => {
    const { settings, secrets } = loadConfig(schema, {
      env: {
        ATC_MEMBER: 'KZ',
        ATC_MAX_BYTES: '64KiB',
        ATC_SKEW: '2m',
        ATC_MEMBERS: 'KZ, BY,RU',
        ATC_TLS: 'yes',
        ATC_LISTEN: '[::1]:9000',
        ATC_TOKEN: 's3cret',
      },
    });
    expect(settings).toEqual({
      member: 'KZ',
      natsUrl: 'nats://127.0.0.1:4222',
      maxBytes: 65536,
      skew: 120_000,
      replicas: 1,
      members: ['KZ', 'BY', 'RU'],
      tls: true,
      listen: { host: '::1', port: 9000 },
      level: 'info',
    });
    expect(Object.isFrozen(settings)).toBe(true);
    expect(JSON.stringify(settings)).not.toContain('s3cret');
    expect(secrets.token).toBe('s3cret');
  });

  it('names every bad or missing setting at once', () => {
    const problems = problemsOf({
      ATC_MEMBER: 'kz',
      ATC_NATS_URL: 'http://x',
      ATC_MAX_BYTES: 'lots',
      ATC_SKEW: '5 minutes',
      ATC_REPLICAS: '7',
      ATC_MEMBERS: 'KZ,b',
      ATC_TLS: 'maybe',
      ATC_LISTEN: 'nowhere',
      ATC_LOG_LEVEL: 'loud',
    });
    expect(Object.keys(problems).sort()).toEqual(
      [
        'ATC_LISTEN',
        'ATC_LOG_LEVEL',
        'ATC_MAX_BYTES',
        'ATC_MEMBER',
        'ATC_MEMBERS',
        'ATC_NATS_URL',
        'ATC_REPLICAS',
        'ATC_SKEW',
        'ATC_TLS',
        'ATC_TOKEN',
      ].sort(),
    );
    expect(problems['ATC_MEMBER']).toContain('member id');
    expect(problems['ATC_REPLICAS']).toContain('between 1 and 5');
    expect(problems['ATC_MEMBERS']).toContain('item 2');
    expect(problems['ATC_TOKEN']).toContain('is required');
  });

  it('reads an optional JSON file, the environment winning', () => {
    const file = join(dir, 'agent.json');
    writeFileSync(
      file,
      JSON.stringify({ ATC_MEMBER: 'BY', ATC_REPLICAS: 3, ATC_MEMBERS: ['KZ', 'UZ'], ATC_TOKEN: 'from-file' }),
    );
    const { settings, secrets } = loadConfig(schema, {
      env: { ATC_CONFIG_FILE: file, ATC_MEMBER: 'KZ' },
      fileVariable: 'ATC_CONFIG_FILE',
    });
    expect(settings.member).toBe('KZ');
    expect(settings.replicas).toBe(3);
    expect(settings.members).toEqual(['KZ', 'UZ']);
    expect(secrets.token).toBe('from-file');
  });

  it('reads a secret from the file its _FILE variable names, and refuses both or an unreadable file', () => {
    const secret = join(dir, 'token.txt');
    writeFileSync(secret, 's3cret-from-file\n');
    const { secrets } = loadConfig(schema, { env: { ATC_MEMBER: 'KZ', ATC_TOKEN_FILE: secret } });
    expect(secrets.token).toBe('s3cret-from-file');
    expect(problemsOf({ ATC_MEMBER: 'KZ', ATC_TOKEN: 't', ATC_TOKEN_FILE: secret })['ATC_TOKEN_FILE']).toContain(
      'both set',
    );
    expect(problemsOf({ ATC_MEMBER: 'KZ', ATC_TOKEN_FILE: join(dir, 'absent.txt') })['ATC_TOKEN_FILE']).toContain(
      'cannot be read',
    );
  });

  it('refuses an unreadable file and unknown settings in it', () => {
    expect(
      problemsOf({ ATC_CONFIG_FILE: join(dir, 'absent.json'), ATC_MEMBER: 'KZ', ATC_TOKEN: 't' })['ATC_CONFIG_FILE'],
    ).toContain('cannot read');
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ ATC_MEMBR: 'KZ', ATC_TOKEN: 't', ATC_MEMBER: 'KZ' }));
    expect(problemsOf({ ATC_CONFIG_FILE: file })['ATC_MEMBR']).toContain('not a known setting');
  });

  it('describes every setting for --help', () => {
    const lines = describeSettings(schema.settings).join('\n');
    expect(lines).toContain('ATC_MEMBER');
    expect(lines).toContain('(required)');
    expect(lines).toContain('default: "nats://127.0.0.1:4222"');
  });
});
