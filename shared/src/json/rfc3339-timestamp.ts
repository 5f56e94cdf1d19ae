/**
 * `google.protobuf.Timestamp` in its JSON form: an RFC 3339 date-time with a mandatory
 * offset. `[0-9]` rather than `\d` so that validators of other languages, where `\d`
 * matches any Unicode digit, read the pattern the same way.
 */
export const RFC3339_PATTERN =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$';

/** The longest text the pattern matches (nine fraction digits and a numeric offset). */
export const RFC3339_MAX_LENGTH = 35;

/** An example for messages. */
export const RFC3339_EXAMPLE = '2026-01-15T09:30:00Z';

const SHAPE = new RegExp(RFC3339_PATTERN);

// The range protobuf gives Timestamp: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
const MIN_SECONDS = -62_135_596_800;
const MAX_SECONDS = 253_402_300_799;

/** A protobuf Timestamp as plain numbers. */
export interface TimestampParts {
  readonly seconds: number;
  readonly nanos: number;
}

/** Either the timestamp, or why the text is not one (a phrase to follow the field name). */
export type ParsedTimestamp =
  { readonly ok: true; readonly value: TimestampParts } | { readonly ok: false; readonly problem: string };

function num(text: string, from: number, to: number): number {
  return Number.parseInt(text.slice(from, to), 10);
}

/**
 * Reads an RFC 3339 date-time (`2026-01-15T09:30:00Z`, `2026-01-15T12:30:00.5+03:00`)
 * into seconds and nanoseconds since the epoch, exactly (no rounding through milliseconds).
 * Leap seconds and dates outside years 1-9999 are refused: protobuf cannot hold them.
 */
export function parseRfc3339Timestamp(text: string): ParsedTimestamp {
  const shape = `must be an RFC 3339 date-time such as ${RFC3339_EXAMPLE} or 2026-01-15T12:30:00.250+03:00`;
  if (!SHAPE.test(text)) return { ok: false, problem: shape };
  const [year, month, day] = [num(text, 0, 4), num(text, 5, 7), num(text, 8, 10)];
  const [hour, minute, second] = [num(text, 11, 13), num(text, 14, 16), num(text, 17, 19)];
  const fraction = text[19] === '.' ? (/^\.([0-9]+)/.exec(text.slice(19))?.[1] ?? '') : '';
  const zone = text.slice(fraction === '' ? 19 : 20 + fraction.length);

  if (year < 1) return { ok: false, problem: 'must be in the years 0001 to 9999' };
  if (month < 1 || month > 12) return { ok: false, problem: `has month ${month}, which does not exist` };
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  if (day < 1 || date.getUTCDate() !== day) {
    return { ok: false, problem: `has day ${day}, which month ${month} of ${year} does not have` };
  }
  if (hour > 23 || minute > 59)
    return { ok: false, problem: `has the time ${text.slice(11, 16)}, which does not exist` };
  if (second > 59) return { ok: false, problem: 'has a leap second, which protobuf timestamps cannot hold' };

  let offsetSeconds = 0;
  if (zone !== 'Z') {
    const [offsetHour, offsetMinute] = [num(zone, 1, 3), num(zone, 4, 6)];
    if (offsetHour > 23 || offsetMinute > 59)
      return { ok: false, problem: `has the offset ${zone}, which does not exist` };
    offsetSeconds = (zone.startsWith('-') ? -1 : 1) * (offsetHour * 3600 + offsetMinute * 60);
  }

  const seconds = date.getTime() / 1000 + hour * 3600 + minute * 60 + second - offsetSeconds;
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
    return { ok: false, problem: 'must be in the years 0001 to 9999 (UTC)' };
  }
  return { ok: true, value: { seconds, nanos: fraction === '' ? 0 : Number.parseInt(fraction.padEnd(9, '0'), 10) } };
}

/**
 * Writes a Timestamp as RFC 3339 in UTC with millisecond precision
 * (`2026-01-15T09:30:00.000Z`); finer nanoseconds are cut, as JSON clients rarely keep
 * more. Undefined when the value lies outside the range protobuf allows for Timestamp.
 */
export function formatRfc3339Timestamp(seconds: number, nanos: number): string | undefined {
  if (!Number.isSafeInteger(seconds) || seconds < MIN_SECONDS || seconds > MAX_SECONDS) return undefined;
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > 999_999_999) return undefined;
  return new Date(seconds * 1000 + Math.floor(nanos / 1_000_000)).toISOString();
}
