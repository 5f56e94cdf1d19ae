import type { rateHistoryEn } from './rate-history.en';

/** Russian strings of the overview's per-minute rate chart. */
export const rateHistoryRu: Readonly<Record<keyof typeof rateHistoryEn, string>> = {
  'rateHistory.title': 'Сообщений в минуту, последний час',
  'rateHistory.traffic': 'Обмен',
  'rateHistory.perMinute': 'в минуту',
};
