import { accessSync, constants, statSync } from 'node:fs';
import { isMemberId } from '../util/member-id.js';

/** Turns the text of one setting into a value, or throws an Error saying what is expected. */
export type Parser<T> = (raw: string) => T;

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const SIZES: Readonly<Record<string, number>> = { '': 1, b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** Parsers for the value types settings use. Each error message says what is expected. */
export const parsers = {
  /** Any non-empty text. */
  string(): Parser<string> {
    return (raw) => {
      if (raw.trim() === '') throw new Error('must not be empty');
      return raw;
    };
  },
  /** An integer between `min` and `max`. */
  int(min: number, max: number): Parser<number> {
    return (raw) => {
      if (!/^-?\d+$/.test(raw.trim())) throw new Error(`must be a whole number between ${min} and ${max}`);
      const n = Number(raw);
      if (n < min || n > max) throw new Error(`must be between ${min} and ${max}`);
      return n;
    };
  },
  /** `true`/`false` (also 1/0, yes/no). */
  bool(): Parser<boolean> {
    return (raw) => {
      const v = raw.trim().toLowerCase();
      if (['true', '1', 'yes'].includes(v)) return true;
      if (['false', '0', 'no'].includes(v)) return false;
      throw new Error('must be true or false');
    };
  },
  /** One of a closed set of words. */
  oneOf<const T extends string>(values: readonly T[]): Parser<T> {
    return (raw) => {
      if (!(values as readonly string[]).includes(raw)) throw new Error(`must be one of ${values.join(', ')}`);
      return raw as T;
    };
  },
  /** A duration such as `250ms`, `30s`, `5m`, `2h`, `30d`, in milliseconds. */
  duration(): Parser<number> {
    return (raw) => {
      const m = /^(\d+)(ms|s|m|h|d)$/.exec(raw.trim());
      if (m === null) throw new Error('must be a duration such as 500ms, 30s, 5m, 2h or 30d');
      return Number(m[1]) * UNITS[m[2]!]!;
    };
  },
  /** A size such as `1048576`, `64KiB` or `1MiB`, in bytes. */
  bytes(): Parser<number> {
    return (raw) => {
      const m = /^(\d+)\s*([a-z]*)$/i.exec(raw.trim());
      const unit = SIZES[(m?.[2] ?? 'x').toLowerCase()];
      if (m === null || unit === undefined) throw new Error('must be a size such as 65536, 64KiB or 1MiB');
      return Number(m[1]) * unit;
    };
  },
  /** A URL whose scheme is one of `protocols` (e.g. `nats:`, `tls:`). */
  url(protocols: readonly string[]): Parser<string> {
    return (raw) => {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new Error(`must be a URL (${protocols.map((p) => `${p}//...`).join(' or ')})`);
      }
      if (!protocols.includes(url.protocol)) throw new Error(`must use ${protocols.join(' or ')}, not ${url.protocol}`);
      return raw;
    };
  },
  /**
   * The path of a file this process can read (a certificate, a key). Checked at start-up so
   * that a wrong path is reported with its variable, not as a TLS failure later.
   */
  readableFile(): Parser<string> {
    return (raw) => {
      const path = raw.trim();
      if (path === '') throw new Error('must not be empty');
      let isFile: boolean;
      try {
        isFile = statSync(path).isFile();
      } catch {
        throw new Error(`names ${path}, which does not exist`);
      }
      if (!isFile) throw new Error(`names ${path}, which is not a file`);
      try {
        accessSync(path, constants.R_OK);
      } catch {
        throw new Error(`names ${path}, which this process may not read (check its owner and mode)`);
      }
      return path;
    };
  },
  /** A member id such as `KZ`. */
  memberId(): Parser<string> {
    return (raw) => {
      if (!isMemberId(raw))
        throw new Error('must be a member id: 2-16 capital letters or digits, starting with a letter');
      return raw;
    };
  },
  /** A comma-separated list, each item parsed by `item`. */
  list<T>(item: Parser<T>): Parser<readonly T[]> {
    return (raw) =>
      raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map((s, i) => {
          try {
            return item(s);
          } catch (e) {
            throw new Error(`item ${i + 1} (${JSON.stringify(s)}) ${(e as Error).message}`);
          }
        });
  },
  /** A `host:port` listen address. */
  listen(): Parser<{ host: string; port: number }> {
    return (raw) => {
      const m = /^(.+):(\d{1,5})$/.exec(raw.trim());
      const port = Number(m?.[2]);
      if (m === null || port > 65535) throw new Error('must be host:port, e.g. 127.0.0.1:8080');
      return { host: m[1]!.replace(/^\[(.*)\]$/, '$1'), port };
    };
  },
};
