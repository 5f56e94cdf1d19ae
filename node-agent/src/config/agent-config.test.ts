import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@atc/shared';
import { describeAgentSettings, loadAgentConfig } from './agent-config.js';

const dir = mkdtempSync(join(tmpdir(), 'atc-agent-config-'));
const pem = join(dir, 'file.pem');
writeFileSync(pem, 'contents are checked when the service starts', { mode: 0o600 });
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const base = {
  ATC_MEMBER_ID: 'KZ',
  ATC_DATA_DIR: dir,
  ATC_GATEWAY_PUBLIC_KEY_FILE: join(dir, 'gateway-public.jwk'),
  ATC_API_KEYS: 'k'.repeat(32),
};

function problemsOf(env: Record<string, string>): Record<string, string> {
  try {
    loadAgentConfig({ ...base, ...env });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return Object.fromEntries((e as ConfigError).problems.map((p) => [p.env, p.message]));
  }
  throw new Error('configuration was accepted');
}

describe('agent TLS settings', () => {
  it('takes the HTTPS and NATS TLS files', () => {
    const { config } = loadAgentConfig({
      ...base,
      ATC_HTTP_TLS_CERT_FILE: pem,
      ATC_HTTP_TLS_KEY_FILE: pem,
      ATC_NATS_TLS_CA_FILE: pem,
    });
    expect(config).toMatchObject({ httpTlsCertFile: pem, httpTlsKeyFile: pem, natsTlsCaFile: pem });
  });

  it('names the missing half of a certificate and key', () => {
    const problems = problemsOf({ ATC_HTTP_TLS_CERT_FILE: pem });
    expect(Object.keys(problems)).toEqual(['ATC_HTTP_TLS_KEY_FILE']);
    expect(problems['ATC_HTTP_TLS_KEY_FILE']).toContain('is required with ATC_HTTP_TLS_CERT_FILE');
    expect(Object.keys(problemsOf({ ATC_NATS_TLS_KEY_FILE: pem }))).toEqual(['ATC_NATS_TLS_CERT_FILE']);
  });

  it('names a certificate path that does not exist', () => {
    const problems = problemsOf({ ATC_HTTP_TLS_CERT_FILE: join(dir, 'absent.pem'), ATC_HTTP_TLS_KEY_FILE: pem });
    expect(Object.keys(problems)).toEqual(['ATC_HTTP_TLS_CERT_FILE']);
    expect(problems['ATC_HTTP_TLS_CERT_FILE']).toContain('does not exist');
  });
});

describe('agent resend setting', () => {
  it('waits 30 s for a receipt by default, takes a duration, and refuses what is not one', () => {
    expect(loadAgentConfig(base).config.resendAfter).toBe(30_000);
    expect(loadAgentConfig({ ...base, ATC_RESEND_AFTER: '10m' }).config.resendAfter).toBe(600_000);
    expect(Object.keys(problemsOf({ ATC_RESEND_AFTER: 'soon' }))).toEqual(['ATC_RESEND_AFTER']);
  });
});

describe('agent inbox retention setting', () => {
  it('keeps taken items 30 days by default, takes a duration, and refuses what is not one', () => {
    expect(loadAgentConfig(base).config.inboxRetention).toBe(30 * 86_400_000);
    expect(loadAgentConfig({ ...base, ATC_INBOX_RETENTION: '7d' }).config.inboxRetention).toBe(7 * 86_400_000);
    for (const bad of ['soon', '-1d', '7 days']) {
      expect(Object.keys(problemsOf({ ATC_INBOX_RETENTION: bad })), bad).toEqual(['ATC_INBOX_RETENTION']);
    }
    expect(describeAgentSettings()).toContain('ATC_INBOX_RETENTION');
  });
});

describe('agent hand-over settings', () => {
  it('hands over 16 items at once by default, takes 1-256, and refuses anything else', () => {
    expect(loadAgentConfig(base).config.handoverConcurrency).toBe(16);
    expect(loadAgentConfig({ ...base, ATC_HANDOVER_CONCURRENCY: '1' }).config.handoverConcurrency).toBe(1);
    for (const bad of ['0', '257', '4.5', 'many']) {
      expect(Object.keys(problemsOf({ ATC_HANDOVER_CONCURRENCY: bad }))).toEqual(['ATC_HANDOVER_CONCURRENCY']);
    }
  });
});

describe('agent drop folder settings', () => {
  it('is off by default and takes a folder, made absolute', () => {
    expect(loadAgentConfig(base).config).toMatchObject({ dropDir: undefined, dropOut: false });
    const { config } = loadAgentConfig({ ...base, ATC_AGENT_DROP_DIR: 'drop', ATC_AGENT_DROP_OUT: 'true' });
    expect(config.dropDir).toBe(join(process.cwd(), 'drop'));
    expect(config.dropOut).toBe(true);
    expect(config.dropScanInterval).toBe(5_000);
  });

  it('refuses out/ without a folder, out/ together with a webhook, and values of the wrong form', () => {
    expect(problemsOf({ ATC_AGENT_DROP_OUT: 'true' })['ATC_AGENT_DROP_OUT']).toContain('needs ATC_AGENT_DROP_DIR');
    expect(
      problemsOf({
        ATC_AGENT_DROP_DIR: dir,
        ATC_AGENT_DROP_OUT: 'yes',
        ATC_WEBHOOK_URL: 'https://national.example/atc',
        ATC_WEBHOOK_SECRET: 'secret',
      })['ATC_AGENT_DROP_OUT'],
    ).toContain('cannot be used with ATC_WEBHOOK_URL');
    expect(problemsOf({ ATC_AGENT_DROP_DIR: dir, ATC_AGENT_DROP_OUT: 'maybe' })['ATC_AGENT_DROP_OUT']).toContain(
      'true or false',
    );
    expect(problemsOf({ ATC_AGENT_DROP_SCAN_INTERVAL: 'often' })).toHaveProperty('ATC_AGENT_DROP_SCAN_INTERVAL');
    expect(problemsOf({ ATC_AGENT_DROP_MAX_FILE_BYTES: 'big' })).toHaveProperty('ATC_AGENT_DROP_MAX_FILE_BYTES');
  });
});

describe('PostgreSQL adapter settings', () => {
  it('are off by default and take a URL, table names and the password apart', () => {
    expect(loadAgentConfig(base).config.pgAdapterUrl).toBeUndefined();
    const { config, secrets } = loadAgentConfig({
      ...base,
      ATC_AGENT_PG_ADAPTER_URL: 'postgres://kz@db.example:5432/national',
      ATC_AGENT_PG_ADAPTER_SCHEMA: 'exchange',
      ATC_AGENT_PG_ADAPTER_PASSWORD: 'Testov-secret',
      ATC_AGENT_PG_ADAPTER_INBOX: 'true',
      ATC_AGENT_PG_ADAPTER_POLL_INTERVAL: '2s',
    });
    expect(config).toMatchObject({
      pgAdapterUrl: 'postgres://kz@db.example:5432/national',
      pgAdapterSchema: 'exchange',
      pgAdapterOutboxTable: 'outbox',
      pgAdapterInboxTable: 'inbox',
      pgAdapterInbox: true,
      pgAdapterPollInterval: 2000,
      pgAdapterBatch: 200,
    });
    expect(JSON.stringify(config)).not.toContain('Testov-secret');
    expect(secrets.pgAdapterPassword).toBe('Testov-secret');
  });

  it('refuse a password in the URL, another scheme, no database and names SQL would need quoted', () => {
    expect(problemsOf({ ATC_AGENT_PG_ADAPTER_URL: 'postgres://kz:Testov-pw@db/national' })).toEqual({
      ATC_AGENT_PG_ADAPTER_URL: expect.stringContaining('ATC_AGENT_PG_ADAPTER_PASSWORD') as unknown,
    });
    expect(problemsOf({ ATC_AGENT_PG_ADAPTER_URL: 'mysql://kz@db/national' })).toHaveProperty(
      'ATC_AGENT_PG_ADAPTER_URL',
    );
    expect(problemsOf({ ATC_AGENT_PG_ADAPTER_URL: 'postgres://kz@db' })).toHaveProperty('ATC_AGENT_PG_ADAPTER_URL');
    expect(
      problemsOf({ ATC_AGENT_PG_ADAPTER_SCHEMA: 'x"; DROP TABLE t; --', ATC_AGENT_PG_ADAPTER_OUTBOX_TABLE: '1st' }),
    ).toEqual({
      ATC_AGENT_PG_ADAPTER_SCHEMA: expect.stringContaining('lower-case SQL name') as unknown,
      ATC_AGENT_PG_ADAPTER_OUTBOX_TABLE: expect.stringContaining('lower-case SQL name') as unknown,
    });
    expect(problemsOf({ ATC_AGENT_PG_ADAPTER_BATCH: '0' })).toHaveProperty('ATC_AGENT_PG_ADAPTER_BATCH');
  });

  it('refuse the inbox table without a URL, beside a webhook, or as the outbox table', () => {
    expect(problemsOf({ ATC_AGENT_PG_ADAPTER_INBOX: 'true' })).toHaveProperty('ATC_AGENT_PG_ADAPTER_INBOX');
    expect(
      problemsOf({
        ATC_AGENT_PG_ADAPTER_URL: 'postgres://kz@db/national',
        ATC_AGENT_PG_ADAPTER_INBOX: 'true',
        ATC_WEBHOOK_URL: 'https://national.example/hook',
        ATC_WEBHOOK_SECRET: 'w'.repeat(32),
      }),
    ).toHaveProperty('ATC_AGENT_PG_ADAPTER_INBOX');
    expect(problemsOf({ ATC_AGENT_PG_ADAPTER_INBOX_TABLE: 'outbox' })).toHaveProperty(
      'ATC_AGENT_PG_ADAPTER_INBOX_TABLE',
    );
  });
});
