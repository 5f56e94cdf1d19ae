import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parsers } from '../index.js';

const optional = undefined as string | undefined;
const schema = {
  settings: {
    cert: { env: 'ATC_CERT', doc: 'certificate', parse: parsers.readableFile(), default: optional },
    key: { env: 'ATC_KEY', doc: 'private key', parse: parsers.readableFile(), default: optional },
    clientCa: { env: 'ATC_CLIENT_CA', doc: 'client CA', parse: parsers.readableFile(), default: optional },
  },
  secrets: {},
  together: [['cert', 'key']],
  requires: [['clientCa', 'cert']],
} as const;

const dir = mkdtempSync(join(tmpdir(), 'atc-setting-groups-'));
const cert = join(dir, 'cert.pem');
const key = join(dir, 'key.pem');
writeFileSync(cert, 'cert');
writeFileSync(key, 'key', { mode: 0o600 });
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function problemsOf(env: Record<string, string>): Record<string, string> {
  try {
    loadConfig(schema, { env });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return Object.fromEntries((e as ConfigError).problems.map((p) => [p.env, p.message]));
  }
  throw new Error('configuration was accepted');
}

describe('settings given together', () => {
  it('accepts both or neither', () => {
    expect(loadConfig(schema, { env: {} }).settings).toEqual({ cert: undefined, key: undefined, clientCa: undefined });
    expect(loadConfig(schema, { env: { ATC_CERT: cert, ATC_KEY: key, ATC_CLIENT_CA: cert } }).settings).toEqual({
      cert,
      key,
      clientCa: cert,
    });
  });

  it('names the missing partner when only one is set', () => {
    const onlyCert = problemsOf({ ATC_CERT: cert });
    expect(Object.keys(onlyCert)).toEqual(['ATC_KEY']);
    expect(onlyCert['ATC_KEY']).toContain('is required with ATC_CERT');
    expect(onlyCert['ATC_KEY']).toContain('Set ATC_CERT and ATC_KEY together, or none of them');
    expect(Object.keys(problemsOf({ ATC_KEY: key }))).toEqual(['ATC_CERT']);
  });

  it('reports a bad file once, not also as a missing partner', () => {
    const problems = problemsOf({ ATC_CERT: join(dir, 'absent.pem') });
    expect(Object.keys(problems)).toEqual(['ATC_CERT']);
    expect(problems['ATC_CERT']).toContain('does not exist');
  });

  it('refuses a setting whose prerequisite is unset', () => {
    const problems = problemsOf({ ATC_CLIENT_CA: cert });
    expect(Object.keys(problems)).toEqual(['ATC_CLIENT_CA']);
    expect(problems['ATC_CLIENT_CA']).toContain('has no effect without ATC_CERT');
  });
});

describe('parsers.readableFile', () => {
  const parse = parsers.readableFile();

  it('returns the path of a readable file', () => {
    expect(parse(cert)).toBe(cert);
  });

  it('says what is wrong with the path', () => {
    expect(() => parse(join(dir, 'absent.pem'))).toThrow(/does not exist/);
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    expect(() => parse(sub)).toThrow(/not a file/);
    expect(() => parse('  ')).toThrow(/must not be empty/);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a file this process may not read', () => {
    const locked = join(dir, 'locked.pem');
    writeFileSync(locked, 'x');
    chmodSync(locked, 0o000);
    expect(() => parse(locked)).toThrow(/may not read/);
  });
});
