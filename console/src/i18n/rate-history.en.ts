/** English strings of the overview's per-minute rate chart; `rate-history.ru.ts` has the same keys. */
export const rateHistoryEn = {
  'rateHistory.title': 'Messages per minute, last hour',
  'rateHistory.traffic': 'Traffic',
  'rateHistory.perMinute': 'per minute',
} as const;
