import { UsageError } from './usage-error.js';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * Unix milliseconds of an RFC 3339 date-time with offset, e.g. `2026-01-15T09:30:00Z`.
 *
 * @throws UsageError naming `option` when `text` is not one (or names a day that does not exist).
 */
export function parseTime(command: string, option: string, text: string): number {
  const m = RFC3339.exec(text);
  const millis = Date.parse(text.replace(' ', 'T'));
  if (m !== null && !Number.isNaN(millis)) {
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour < 24 && minute < 60 && second < 60) {
      return millis;
    }
  }
  throw new UsageError(
    command.split(' ')[0] ?? '',
    `${command}: ${option} ${JSON.stringify(text)} is not an RFC 3339 time; write e.g. 2026-01-15T09:30:00Z`,
  );
}
