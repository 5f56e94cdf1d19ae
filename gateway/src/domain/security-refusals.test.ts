import { describe, expect, it } from 'vitest';
import { RefusalCode } from '@atc/shared';
import { isSecurityRefusal, namesAnothersMessage, SECURITY_REFUSALS } from './security-refusals.js';

describe('security refusals', () => {
  it('has exactly one entry per refusal code', () => {
    expect(Object.keys(SECURITY_REFUSALS).sort()).toEqual(Object.values(RefusalCode).sort());
  });

  it('flags forged keys and signatures, forged senders and replayed ids, not honest mistakes', () => {
    for (const code of [
      RefusalCode.SIGNATURE_INVALID,
      RefusalCode.KEY_UNKNOWN,
      RefusalCode.KEY_REVOKED,
      RefusalCode.KEY_OWNER_MISMATCH,
      RefusalCode.SENDER_MISMATCH,
      RefusalCode.MESSAGE_ID_REUSED,
    ]) {
      expect(isSecurityRefusal(code), code).toBe(true);
    }
    for (const code of [
      RefusalCode.ENVELOPE_MALFORMED,
      RefusalCode.TIMESTAMP_TOO_OLD,
      RefusalCode.RECIPIENT_UNKNOWN,
      RefusalCode.POLICY_DENIED,
    ]) {
      expect(isSecurityRefusal(code), code).toBe(false);
    }
    expect(isSecurityRefusal('ERR_SOMETHING_ELSE')).toBe(false);
    expect(isSecurityRefusal('toString')).toBe(false);
  });

  it('keeps receipts back only where the message id may be another member’s', () => {
    expect(namesAnothersMessage(RefusalCode.MESSAGE_ID_REUSED)).toBe(true);
    expect(namesAnothersMessage(RefusalCode.SENDER_MISMATCH)).toBe(true);
    expect(namesAnothersMessage(RefusalCode.KEY_UNKNOWN)).toBe(false);
  });
});
