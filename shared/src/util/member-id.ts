/** The form of a member id: 2-16 capital letters or digits, starting with a letter. */
export const MEMBER_ID_PATTERN = /^[A-Z][A-Z0-9]{1,15}$/;

/** True when `id` is a well-formed member id such as `KZ` or `CISEC`. */
export function isMemberId(id: string): boolean {
  return MEMBER_ID_PATTERN.test(id);
}
