import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@atc/shared';
import { archiveLocation, describeGatewaySettings, loadGatewayConfig, type GatewayConfig } from './gateway-config.js';

const dir = mkdtempSync(join(tmpdir(), 'atc-gateway-config-'));
const pem = join(dir, 'file.pem');
writeFileSync(pem, 'contents are checked when the service starts', { mode: 0o600 });
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The configuration the gateway takes from `env` and its data directory. */
function configWith(env: Record<string, string> = {}): GatewayConfig {
  return loadGatewayConfig({ ATC_DATA_DIR: dir, ...env }).config;
}

function problemsOf(env: Record<string, string>): Record<string, string> {
  try {
    configWith(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).code).toBe('ERR_CONFIG_INVALID');
    return Object.fromEntries((e as ConfigError).problems.map((p) => [p.env, p.message]));
  }
  throw new Error('configuration was accepted');
}

describe('gateway TLS settings', () => {
  it('takes the HTTPS and NATS TLS files', () => {
    const { config } = loadGatewayConfig({
      ATC_DATA_DIR: dir,
      ATC_HTTP_TLS_CERT_FILE: pem,
      ATC_HTTP_TLS_KEY_FILE: pem,
      ATC_HTTP_TLS_CLIENT_CA_FILE: pem,
      ATC_NATS_TLS_CA_FILE: pem,
      ATC_NATS_TLS_CERT_FILE: pem,
      ATC_NATS_TLS_KEY_FILE: pem,
    });
    expect(config).toMatchObject({
      httpTlsCertFile: pem,
      httpTlsKeyFile: pem,
      httpTlsClientCaFile: pem,
      natsTlsCaFile: pem,
      natsTlsCertFile: pem,
      natsTlsKeyFile: pem,
    });
    expect(configWith().httpTlsCertFile).toBeUndefined();
  });

  it('names the missing half of a certificate and key', () => {
    expect(Object.keys(problemsOf({ ATC_HTTP_TLS_CERT_FILE: pem }))).toEqual(['ATC_HTTP_TLS_KEY_FILE']);
    expect(Object.keys(problemsOf({ ATC_HTTP_TLS_KEY_FILE: pem }))).toEqual(['ATC_HTTP_TLS_CERT_FILE']);
    expect(Object.keys(problemsOf({ ATC_NATS_TLS_CERT_FILE: pem }))).toEqual(['ATC_NATS_TLS_KEY_FILE']);
  });

  it('names a file that does not exist, and a client CA without HTTPS', () => {
    const problems = problemsOf({
      ATC_NATS_TLS_CA_FILE: join(dir, 'absent-ca.pem'),
      ATC_HTTP_TLS_CLIENT_CA_FILE: pem,
    });
    expect(problems['ATC_NATS_TLS_CA_FILE']).toContain('absent-ca.pem, which does not exist');
    expect(problems['ATC_HTTP_TLS_CLIENT_CA_FILE']).toContain('has no effect without ATC_HTTP_TLS_CERT_FILE');
  });

  it('lists the TLS settings in --help', () => {
    const help = describeGatewaySettings();
    for (const env of ['ATC_HTTP_TLS_CERT_FILE', 'ATC_HTTP_TLS_KEY_FILE', 'ATC_NATS_TLS_CA_FILE']) {
      expect(help).toContain(env);
    }
  });
});

describe('gateway archive settings', () => {
  it('uses the SQLite file unless ATC_ARCHIVE_URL names a PostgreSQL database', () => {
    const sqlite = loadGatewayConfig({ ATC_DATA_DIR: dir });
    expect(archiveLocation(sqlite.config, sqlite.secrets)).toEqual({ path: join(dir, 'archive.db') });
    const secret = join(dir, 'pg-password');
    writeFileSync(secret, 'pg-s3cret\n', { mode: 0o600 });
    const pg = loadGatewayConfig({
      ATC_DATA_DIR: dir,
      ATC_ARCHIVE_URL: 'postgres://atc@db.internal:5432/atc',
      ATC_ARCHIVE_PASSWORD_FILE: secret,
    });
    expect(archiveLocation(pg.config, pg.secrets)).toEqual({
      url: 'postgres://atc@db.internal:5432/atc',
      password: 'pg-s3cret',
    });
  });

  it('refuses an archive URL with a password in it, of another scheme, or without a database', () => {
    expect(problemsOf({ ATC_ARCHIVE_URL: 'postgres://atc:hunter2@db/atc' })['ATC_ARCHIVE_URL']).toContain(
      'set ATC_ARCHIVE_PASSWORD',
    );
    expect(problemsOf({ ATC_ARCHIVE_URL: 'mysql://atc@db/atc' })['ATC_ARCHIVE_URL']).toContain('scheme mysql');
    expect(problemsOf({ ATC_ARCHIVE_URL: 'postgres://atc@db' })['ATC_ARCHIVE_URL']).toContain('names no database');
    expect(problemsOf({ ATC_ARCHIVE_URL: 'not a url' })['ATC_ARCHIVE_URL']).toContain('is not a URL');
  });
});

describe('gateway data bank settings', () => {
  it('takes the purge overdue delay in hours, 24 by default, fractions allowed', () => {
    expect(configWith().databankPurgeOverdueHours).toBe(24);
    const set = (hours: string) => configWith({ ATC_DATABANK_PURGE_OVERDUE_HOURS: hours }).databankPurgeOverdueHours;
    expect(set('72')).toBe(72);
    expect(set('0.5')).toBe(0.5);
    expect(set('8760')).toBe(8760);
    expect(describeGatewaySettings()).toContain('ATC_DATABANK_PURGE_OVERDUE_HOURS');
  });

  it('refuses a purge overdue delay that is not a number of hours above 0 and at most a year', () => {
    for (const bad of ['0', '0.0', '-1', '8761', '24h', '1e3', 'abc', ' ', 'Infinity', 'NaN', '0x10']) {
      expect(problemsOf({ ATC_DATABANK_PURGE_OVERDUE_HOURS: bad })['ATC_DATABANK_PURGE_OVERDUE_HOURS'], bad).toContain(
        'number of hours',
      );
    }
  });
});

describe('data bank link threshold', () => {
  it('is 0.75 unless ATC_LINK_THRESHOLD says otherwise, from 0 to 1', () => {
    expect(configWith().linkThreshold).toBe(0.75);
    const set = (value: string) => configWith({ ATC_LINK_THRESHOLD: value }).linkThreshold;
    expect(set('0.8')).toBe(0.8);
    expect(set('0')).toBe(0);
    expect(set('1')).toBe(1);
    expect(set('1.0')).toBe(1);
    expect(set(' .65 ')).toBe(0.65);
    expect(describeGatewaySettings()).toContain('ATC_LINK_THRESHOLD');
  });

  it('refuses a threshold that is not a score from 0 to 1 at start, naming the variable', () => {
    for (const bad of ['1.01', '-0.1', '2', '80%', '0.8.1', '1e-1', 'abc', ' ', 'NaN', 'Infinity', '0.12345', '0,8']) {
      expect(problemsOf({ ATC_LINK_THRESHOLD: bad })['ATC_LINK_THRESHOLD'], bad).toContain('score from 0 to 1');
    }
  });
});

describe("data bank thread's heap limit", () => {
  it('is 512 MiB unless ATC_DATABANK_HEAP_MB says otherwise, from 64 to 65,536, and is listed in --help', () => {
    expect(configWith().databankHeapMb).toBe(512);
    const set = (value: string) => configWith({ ATC_DATABANK_HEAP_MB: value }).databankHeapMb;
    expect(set('64')).toBe(64);
    expect(set('2048')).toBe(2048);
    expect(set('65536')).toBe(65_536);
    expect(describeGatewaySettings()).toContain('ATC_DATABANK_HEAP_MB');
  });

  it('refuses a limit that is not a whole number of MiB from 64 to 65,536, naming the variable', () => {
    for (const bad of ['63', '0', '-512', '65537', '1.5', '512MB', 'lots', ' ', '1e3']) {
      expect(Object.keys(problemsOf({ ATC_DATABANK_HEAP_MB: bad })), bad).toEqual(['ATC_DATABANK_HEAP_MB']);
    }
  });
});

describe('data bank review settings', () => {
  it('announce 30 days ahead, checked hourly, unless told otherwise', () => {
    expect(configWith()).toMatchObject({
      reviewNoticeDays: 30,
      reviewCheck: 3_600_000,
    });
    expect(
      loadGatewayConfig({
        ATC_DATA_DIR: dir,
        ATC_DATABANK_REVIEW_NOTICE_DAYS: '14',
        ATC_DATABANK_REVIEW_CHECK: '10m',
      }).config,
    ).toMatchObject({ reviewNoticeDays: 14, reviewCheck: 600_000 });
  });

  it('names a notice window that is not 1 to 365 whole days, and a check period that is no duration', () => {
    for (const bad of ['0', '366', '-1', '2.5', 'thirty']) {
      expect(Object.keys(problemsOf({ ATC_DATABANK_REVIEW_NOTICE_DAYS: bad }))).toEqual([
        'ATC_DATABANK_REVIEW_NOTICE_DAYS',
      ]);
    }
    expect(problemsOf({ ATC_DATABANK_REVIEW_CHECK: 'hourly' })['ATC_DATABANK_REVIEW_CHECK']).toContain(
      'must be a duration',
    );
  });
});

describe('operator console settings', () => {
  it('ends sessions after 30 minutes unused or 8 hours, and serves console/dist of the repository', () => {
    const config = configWith();
    expect(config.consoleSessionIdle).toBe(30 * 60_000);
    expect(config.consoleSessionMax).toBe(8 * 3_600_000);
    // console/dist beside the console workspace's package.json, wherever the repository is.
    expect(config.consoleDir).toMatch(/\/console\/dist$/);
    expect(JSON.parse(readFileSync(join(dirname(config.consoleDir), 'package.json'), 'utf8'))).toHaveProperty('name');
    const custom = loadGatewayConfig({
      ATC_DATA_DIR: dir,
      ATC_CONSOLE_SESSION_IDLE: '90s',
      ATC_CONSOLE_SESSION_MAX: '2h',
      ATC_CONSOLE_DIR: 'some/console',
    }).config;
    expect(custom.consoleSessionIdle).toBe(90_000);
    expect(custom.consoleSessionMax).toBe(7_200_000);
    expect(custom.consoleDir).toBe(resolve('some/console'));
    const help = describeGatewaySettings();
    for (const env of ['ATC_CONSOLE_SESSION_IDLE', 'ATC_CONSOLE_SESSION_MAX', 'ATC_CONSOLE_DIR']) {
      expect(help).toContain(env);
    }
  });

  it('names session lifetimes that are no duration, or outside 1 second to 30 days', () => {
    const words = problemsOf({ ATC_CONSOLE_SESSION_IDLE: 'half an hour', ATC_CONSOLE_SESSION_MAX: '8' });
    expect(Object.keys(words).sort()).toEqual(['ATC_CONSOLE_SESSION_IDLE', 'ATC_CONSOLE_SESSION_MAX']);
    expect(words['ATC_CONSOLE_SESSION_IDLE']).toContain('must be a duration such as 500ms, 30s, 5m, 2h or 30d');
    expect(words['ATC_CONSOLE_SESSION_MAX']).toContain('must be a duration');
    const range = problemsOf({ ATC_CONSOLE_SESSION_IDLE: '500ms', ATC_CONSOLE_SESSION_MAX: '31d' });
    expect(range['ATC_CONSOLE_SESSION_IDLE']).toContain('"500ms" is outside 1s to 30d');
    expect(range['ATC_CONSOLE_SESSION_MAX']).toContain('"31d" is outside 1s to 30d');
  });
});

describe('information request answer times', () => {
  it('default to 1 h, 8 h and 5 days by urgency, checked every minute, unless told otherwise', () => {
    expect(configWith()).toMatchObject({
      slaImmediate: 3_600_000,
      slaUrgent: 8 * 3_600_000,
      slaNormal: 5 * 86_400_000,
      slaCheck: 60_000,
    });
    expect(
      loadGatewayConfig({
        ATC_DATA_DIR: dir,
        ATC_SLA_IMMEDIATE: '30m',
        ATC_SLA_URGENT: '4h',
        ATC_SLA_NORMAL: '10d',
        ATC_SLA_CHECK: '10s',
      }).config,
    ).toMatchObject({ slaImmediate: 1_800_000, slaUrgent: 14_400_000, slaNormal: 864_000_000, slaCheck: 10_000 });
  });

  it('names an answer time outside 1 minute to a year, or no duration, and a check period of zero', () => {
    const problems = problemsOf({
      ATC_SLA_IMMEDIATE: '30s',
      ATC_SLA_URGENT: '366d',
      ATC_SLA_NORMAL: 'five days',
      ATC_SLA_CHECK: '0s',
    });
    expect(problems['ATC_SLA_IMMEDIATE']).toContain('"30s" is outside 1m to 365d');
    expect(problems['ATC_SLA_URGENT']).toContain('"366d" is outside 1m to 365d');
    expect(problems['ATC_SLA_NORMAL']).toContain('must be a duration');
    expect(problems['ATC_SLA_CHECK']).toContain('longer than 0');
  });
});

describe("the per-member limit of members' data bank queries", () => {
  it('is 120 a minute with bursts of 30 unless told otherwise', () => {
    expect(configWith()).toMatchObject({
      memberSearchRatePerMinute: 120,
      memberSearchRateBurst: 30,
    });
    expect(
      loadGatewayConfig({
        ATC_DATA_DIR: dir,
        ATC_MEMBER_SEARCH_RATE_PER_MINUTE: '6',
        ATC_MEMBER_SEARCH_RATE_BURST: '2',
      }).config,
    ).toMatchObject({ memberSearchRatePerMinute: 6, memberSearchRateBurst: 2 });
    expect(describeGatewaySettings()).toContain('ATC_MEMBER_SEARCH_RATE_PER_MINUTE');
  });

  it('names a rate or burst that is not a whole number of at least 1', () => {
    for (const bad of ['0', '-1', '2.5', 'many']) {
      expect(
        Object.keys(problemsOf({ ATC_MEMBER_SEARCH_RATE_PER_MINUTE: bad, ATC_MEMBER_SEARCH_RATE_BURST: bad })),
        bad,
      ).toEqual(['ATC_MEMBER_SEARCH_RATE_PER_MINUTE', 'ATC_MEMBER_SEARCH_RATE_BURST']);
    }
  });
});

describe('pending copies sweep', () => {
  it('looks every 2 s unless ATC_PENDING_SWEEP says otherwise, and is listed in --help', () => {
    expect(configWith().pendingSweep).toBe(2_000);
    expect(configWith({ ATC_PENDING_SWEEP: '1h' }).pendingSweep).toBe(3_600_000);
    expect(describeGatewaySettings()).toContain('ATC_PENDING_SWEEP');
  });

  it('names a sweep period that is no positive duration', () => {
    for (const bad of ['0', '-1s', 'soon']) {
      expect(problemsOf({ ATC_PENDING_SWEEP: bad })['ATC_PENDING_SWEEP'], bad).toContain('must be a duration');
    }
  });
});

describe('submit consumer ack wait', () => {
  it('is 15 s unless ATC_SUBMIT_ACK_WAIT says otherwise, and is listed in --help', () => {
    expect(configWith().submitAckWait).toBe(15_000);
    expect(configWith({ ATC_SUBMIT_ACK_WAIT: '1s' }).submitAckWait).toBe(1_000);
    expect(configWith({ ATC_SUBMIT_ACK_WAIT: '1h' }).submitAckWait).toBe(3_600_000);
    expect(describeGatewaySettings()).toContain('ATC_SUBMIT_ACK_WAIT');
  });

  it('names an ack wait shorter than 1 s, longer than an hour or no duration', () => {
    for (const bad of ['999ms', '61m', '0', 'soon']) {
      expect(problemsOf({ ATC_SUBMIT_ACK_WAIT: bad })['ATC_SUBMIT_ACK_WAIT'], bad).toMatch(
        /1s to 1h|must be a duration/,
      );
    }
  });
});

describe('inbox consumers ack wait', () => {
  it('is 30 s unless ATC_INBOX_ACK_WAIT says otherwise, and is listed in --help', () => {
    expect(configWith().inboxAckWait).toBe(30_000);
    expect(configWith({ ATC_INBOX_ACK_WAIT: '5s' }).inboxAckWait).toBe(5_000);
    expect(configWith({ ATC_INBOX_ACK_WAIT: '1h' }).inboxAckWait).toBe(3_600_000);
    expect(describeGatewaySettings()).toContain('ATC_INBOX_ACK_WAIT');
  });

  it('names an ack wait shorter than 5 s, longer than an hour or no duration', () => {
    for (const bad of ['4s', '4999ms', '61m', '0', 'soon']) {
      expect(problemsOf({ ATC_INBOX_ACK_WAIT: bad })['ATC_INBOX_ACK_WAIT'], bad).toMatch(/5s to 1h|must be a duration/);
    }
  });
});
