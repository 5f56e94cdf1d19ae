import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature, WebhookSignatureError, WebhookSignatureErrorCode } from './webhook-signature.js';

const BODY = '{"messageId":"019bc1a2-0000-7000-8000-000000000001","sender":"KZ"}';
const T = 1_800_000_000;
const mac = (secret: string, t: number, body: string): string =>
  createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof WebhookSignatureError) return e.code;
    throw e;
  }
  throw new Error('accepted');
}

describe('verifyWebhookSignature', () => {
  const header = `t=${T},v1=${mac('s3cret', T, BODY)}`;

  it('accepts the HMAC of "<t>.<body>" under any of the secrets, within the tolerance, text or bytes', () => {
    expect(verifyWebhookSignature('s3cret', header, BODY, T)).toBe(true);
    expect(verifyWebhookSignature(['old', 's3cret'], header, Buffer.from(BODY), new Date((T + 299) * 1000))).toBe(true);
    expect(
      verifyWebhookSignature('new', `t=${T},v1=${mac('old', T, BODY)},v1=${mac('new', T, BODY)},v2=zz`, BODY, T),
    ).toBe(true);
  });

  it('refuses an altered body, another secret, a missing or malformed header', () => {
    expect(refusal(() => verifyWebhookSignature('s3cret', header, `${BODY} `, T))).toBe(
      WebhookSignatureErrorCode.MISMATCH,
    );
    expect(refusal(() => verifyWebhookSignature('other', header, BODY, T))).toBe(WebhookSignatureErrorCode.MISMATCH);
    expect(refusal(() => verifyWebhookSignature('s3cret', undefined, BODY, T))).toBe(WebhookSignatureErrorCode.MISSING);
    expect(refusal(() => verifyWebhookSignature('s3cret', null, BODY, T))).toBe(WebhookSignatureErrorCode.MISSING);
    for (const bad of [
      `v1=${mac('s3cret', T, BODY)}`,
      `t=${T}`,
      `t=${T},v1=abc`,
      `t=x,v1=${mac('s3cret', T, BODY)}`,
      'garbage',
      [header, header],
    ]) {
      expect(refusal(() => verifyWebhookSignature('s3cret', bad, BODY, T))).toBe(WebhookSignatureErrorCode.MALFORMED);
    }
  });

  it('refuses an authentic call signed too long ago or too far ahead', () => {
    expect(refusal(() => verifyWebhookSignature('s3cret', header, BODY, T + 301))).toBe(
      WebhookSignatureErrorCode.TIMESTAMP_TOO_OLD,
    );
    expect(refusal(() => verifyWebhookSignature('s3cret', header, BODY, T - 301))).toBe(
      WebhookSignatureErrorCode.TIMESTAMP_IN_FUTURE,
    );
    expect(verifyWebhookSignature('s3cret', header, BODY, T + 1000, 1000)).toBe(true);
  });

  it('refuses an empty secret list or secret', () => {
    expect(() => verifyWebhookSignature([], header, BODY, T)).toThrow(RangeError);
    expect(() => verifyWebhookSignature('', header, BODY, T)).toThrow(RangeError);
  });
});
