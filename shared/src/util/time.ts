import type { google } from '../proto/protobuf.js';

/** A protobuf Timestamp as plain properties. */
export type TimestampLike = google.protobuf.Timestamp.$Properties;

/** The protobuf Timestamp of a Unix time in milliseconds. */
export function toTimestamp(millis: number): { seconds: number; nanos: number } {
  const seconds = Math.floor(millis / 1000);
  return { seconds, nanos: (millis - seconds * 1000) * 1_000_000 };
}

/** Unix milliseconds of a protobuf Timestamp; `undefined` when it is absent. */
export function fromTimestamp(ts: TimestampLike | null | undefined): number | undefined {
  if (ts === null || ts === undefined) return undefined;
  return (ts.seconds ?? 0) * 1000 + Math.floor((ts.nanos ?? 0) / 1_000_000);
}

/** The protobuf Timestamp of a `Date`. */
export function dateToTimestamp(date: Date): { seconds: number; nanos: number } {
  return toTimestamp(date.getTime());
}

/** Seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the range of google.protobuf.Timestamp. */
const MIN_SECONDS = -62_135_596_800;
const MAX_SECONDS = 253_402_300_799;

/**
 * What is wrong with a protobuf Timestamp, if anything: the part (`nanos` or `seconds`) and
 * a phrase to follow its name. Both the header and the payload rules use it.
 */
export function timestampProblem(ts: TimestampLike): { part: 'seconds' | 'nanos'; problem: string } | undefined {
  const nanos = ts.nanos ?? 0;
  const seconds = ts.seconds ?? 0;
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > 999_999_999)
    return { part: 'nanos', problem: 'must be 0-999999999' };
  if (!Number.isSafeInteger(seconds) || seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
    return { part: 'seconds', problem: 'is out of range' };
  }
  return undefined;
}

/** RFC 3339 text (UTC, milliseconds) of a Unix time in milliseconds. */
export function toIso(millis: number): string {
  return new Date(millis).toISOString();
}

/** A source of the current time, so that tests can fix it. */
export type Clock = () => number;

/** The system clock, in Unix milliseconds. */
export const systemClock: Clock = () => Date.now();

/** Durations in milliseconds, for readable configuration defaults. */
export const Duration = {
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
} as const;
