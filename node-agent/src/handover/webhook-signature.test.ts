import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  signWebhook,
  verifyWebhookSignature,
  WebhookSignatureError,
  WebhookSignatureErrorCode,
  type VerifyWebhookSignatureOptions,
} from './webhook-signature.js';

const SECRET = 'whsec-test-0123456789abcdef0123456789abcdef';
const OTHER_SECRET = 'whsec-test-fedcba9876543210fedcba9876543210';
const NOW = 1_768_469_400; // 2026-01-15T09:30:00Z
const BODY = JSON.stringify({ messageId: '019bc1a2-0000-7000-8000-000000000001', type: 'atc.v1.PersonRecord' });

/** The code `verifyWebhookSignature` refuses with, or `'accepted'`. */
function codeOf(
  header: string | readonly string[] | undefined,
  body: string | Uint8Array = BODY,
  secret: string | readonly string[] = SECRET,
  options: VerifyWebhookSignatureOptions = { nowSeconds: NOW },
): string {
  try {
    verifyWebhookSignature(header, body, secret, options);
    return 'accepted';
  } catch (error) {
    if (error instanceof WebhookSignatureError) return error.code;
    throw error;
  }
}

describe('signWebhook', () => {
  it('writes t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const expected = createHmac('sha256', SECRET).update(`${NOW}.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, BODY, NOW)).toBe(`t=${NOW},v1=${expected}`);
  });

  it('writes one v1 per secret while secrets rotate', () => {
    expect(signWebhook([SECRET, OTHER_SECRET], BODY, NOW)).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
  });

  it('refuses an empty secret and a time that is not whole seconds', () => {
    expect(() => signWebhook('', BODY, NOW)).toThrow(RangeError);
    expect(() => signWebhook([], BODY, NOW)).toThrow(RangeError);
    expect(() => signWebhook(SECRET, BODY, NOW + 0.5)).toThrow(RangeError);
  });
});

describe('verifyWebhookSignature', () => {
  const header = signWebhook(SECRET, BODY, NOW);

  it('accepts the signature of the body, given as text or as the raw bytes', () => {
    expect(verifyWebhookSignature(header, BODY, SECRET, { nowSeconds: NOW })).toBe(true);
    expect(codeOf(header, Buffer.from(BODY, 'utf8'))).toBe('accepted');
  });

  it('refuses a tampered body and a wrong secret', () => {
    expect(codeOf(header, BODY.replace('Person', 'Persom'))).toBe(WebhookSignatureErrorCode.MISMATCH);
    expect(codeOf(header, `${BODY} `)).toBe(WebhookSignatureErrorCode.MISMATCH);
    expect(codeOf(header, BODY, OTHER_SECRET)).toBe(WebhookSignatureErrorCode.MISMATCH);
  });

  it('refuses a timestamp moved without re-signing', () => {
    expect(codeOf(header.replace(`t=${NOW}`, `t=${NOW + 1}`))).toBe(WebhookSignatureErrorCode.MISMATCH);
  });

  it('refuses a missing header', () => {
    expect(codeOf(undefined)).toBe(WebhookSignatureErrorCode.MISSING);
    expect(codeOf('')).toBe(WebhookSignatureErrorCode.MISSING);
  });

  it.each([
    ['no t', 'v1=' + 'a'.repeat(64)],
    ['no v1', `t=${NOW}`],
    ['t twice', `t=${NOW},t=${NOW},v1=${'a'.repeat(64)}`],
    ['t not seconds', `t=2026-01-15,v1=${'a'.repeat(64)}`],
    ['negative t', `t=-1,v1=${'a'.repeat(64)}`],
    ['short v1', `t=${NOW},v1=abc`],
    ['v1 not hex', `t=${NOW},v1=${'z'.repeat(64)}`],
    ['element without =', `t=${NOW},v1`],
    ['empty element', `t=${NOW},,v1=${'a'.repeat(64)}`],
    ['garbage', 'Bearer abc'],
  ])('refuses a malformed header (%s)', (_what, value) => {
    expect(codeOf(value)).toBe(WebhookSignatureErrorCode.MALFORMED);
  });

  it('refuses a header sent twice', () => {
    expect(codeOf([header, header])).toBe(WebhookSignatureErrorCode.MALFORMED);
  });

  it('ignores schemes it does not know and spaces around elements', () => {
    const v1 = header.split(',')[1];
    expect(codeOf(`t=${NOW}, v2=${'b'.repeat(64)}, ${v1}`)).toBe('accepted');
  });

  it('refuses a stale timestamp and one too far in the future, with the tolerance as bound', () => {
    expect(codeOf(header, BODY, SECRET, { nowSeconds: NOW + 300 })).toBe('accepted');
    expect(codeOf(header, BODY, SECRET, { nowSeconds: NOW + 301 })).toBe(WebhookSignatureErrorCode.TIMESTAMP_TOO_OLD);
    expect(codeOf(header, BODY, SECRET, { nowSeconds: NOW - 300 })).toBe('accepted');
    expect(codeOf(header, BODY, SECRET, { nowSeconds: NOW - 301 })).toBe(WebhookSignatureErrorCode.TIMESTAMP_IN_FUTURE);
    expect(codeOf(header, BODY, SECRET, { nowSeconds: NOW + 30, toleranceSeconds: 10 })).toBe(
      WebhookSignatureErrorCode.TIMESTAMP_TOO_OLD,
    );
  });

  it('reports a forgery as a mismatch even when its timestamp is stale', () => {
    expect(codeOf(header, BODY, OTHER_SECRET, { nowSeconds: NOW + 3600 })).toBe(WebhookSignatureErrorCode.MISMATCH);
  });

  it('uses the system clock by default', () => {
    const now = Math.floor(Date.now() / 1000);
    expect(codeOf(signWebhook(SECRET, BODY, now), BODY, SECRET, {})).toBe('accepted');
    expect(codeOf(header, BODY, SECRET, {})).toBe(WebhookSignatureErrorCode.TIMESTAMP_TOO_OLD);
  });

  it('supports secret rotation on either side', () => {
    // The sender signs with old and new secrets: receivers holding either accept.
    const both = signWebhook([OTHER_SECRET, SECRET], BODY, NOW);
    expect(codeOf(both, BODY, SECRET)).toBe('accepted');
    expect(codeOf(both, BODY, OTHER_SECRET)).toBe('accepted');
    // The receiver holds old and new secrets: a call signed with either is accepted.
    expect(codeOf(header, BODY, [OTHER_SECRET, SECRET])).toBe('accepted');
    expect(codeOf(both, BODY, ['whsec-unrelated-secret-0000000000000000'])).toBe(WebhookSignatureErrorCode.MISMATCH);
  });

  it('says what is wrong in plain words', () => {
    expect(() => verifyWebhookSignature(undefined, BODY, SECRET)).toThrow(/Atc-Signature header is missing/);
    expect(() => verifyWebhookSignature(header, 'x', SECRET, { nowSeconds: NOW })).toThrow(/body was altered/);
  });

  it('refuses to verify with no secret or a negative tolerance', () => {
    expect(() => verifyWebhookSignature(header, BODY, [])).toThrow(RangeError);
    expect(() => verifyWebhookSignature(header, BODY, SECRET, { toleranceSeconds: -1 })).toThrow(RangeError);
  });
});
