/**
 * The score (0..1) from which two person records are proposed as a candidate link by default,
 * chosen on the search's labelled set (tests/src/search/link-quality.test.ts measures it): there,
 * 0.75 proposes no false pair and 97% of the 106 true ones; 0.8 loses 7% of them (a second
 * member's passport spelling with the year of birth only scores about 0.78), 0.65 admits
 * namesakes born a year apart.
 */
export const DEFAULT_LINK_THRESHOLD = 0.75;

/** `ATC_LINK_THRESHOLD`: a decimal number from 0 to 1 (at most three decimals, the score's precision). */
export function parseLinkThreshold(raw: string): number {
  const text = raw.trim();
  const value = /^(0|1)(\.[0-9]{1,3})?$|^\.[0-9]{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 0 && value <= 1)) {
    throw new Error(`"${raw}" is not a score from 0 to 1 with at most three decimals, such as 0.8`);
  }
  return value;
}
