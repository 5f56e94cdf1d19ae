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
