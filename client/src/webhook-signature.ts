// The agent's webhook signature check, with node:crypto only. The agent signs each call
// with `Atc-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`,
// one v1 per secret while a secret is being replaced.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The HTTP header that carries the signature. */
export const WEBHOOK_SIGNATURE_HEADER = 'Atc-Signature';

/** How far (either way) a signature's timestamp may be from the receiver's clock by default. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/** Why a webhook signature was refused: the agent's stable codes. */
export const WebhookSignatureErrorCode = {
  /** No `Atc-Signature` header, or an empty one. */
  MISSING: 'ERR_WEBHOOK_SIGNATURE_MISSING',
  /** Not `t=<unix seconds>,v1=<64 hex digits>[,v1=...]`. */
  MALFORMED: 'ERR_WEBHOOK_SIGNATURE_MALFORMED',
  /** No `v1` value is the HMAC of this body under any of the receiver's secrets. */
  MISMATCH: 'ERR_WEBHOOK_SIGNATURE_MISMATCH',
  /** Authentic, but signed longer ago than the tolerance: a late replay or a slow clock. */
  TIMESTAMP_TOO_OLD: 'ERR_WEBHOOK_TIMESTAMP_TOO_OLD',
  /** Authentic, but signed further in the future than the tolerance: a clock is wrong. */
  TIMESTAMP_IN_FUTURE: 'ERR_WEBHOOK_TIMESTAMP_IN_FUTURE',
} as const;

/** One of the {@link WebhookSignatureErrorCode} values. */
export type WebhookSignatureErrorCode = (typeof WebhookSignatureErrorCode)[keyof typeof WebhookSignatureErrorCode];

/** A webhook call whose signature does not hold: do not act on the body; answer 401. */
export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError';
  readonly code: WebhookSignatureErrorCode;

  constructor(code: WebhookSignatureErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
const UNIX_SECONDS = /^[0-9]{1,12}$/;

/**
 * Checks a webhook call of the agent: `header` is the `Atc-Signature` value (as node's
 * `req.headers['atc-signature']` or `Headers.get` give it), `rawBody` the body exactly as
 * received, before any JSON parsing. Several secrets may be given while one replaces
 * another; one matching `v1` is enough; MACs are compared in constant time; values of
 * other schemes (`v2=`) are ignored. The MAC is checked before the clock, so a timestamp
 * refusal always concerns an authentic call.
 *
 * @param now the receiver's clock (a Date, or Unix seconds); default the system clock.
 * @returns `true` when the signature holds.
 * @throws WebhookSignatureError whose `code` says what was wrong.
 */
export function verifyWebhookSignature(
  secrets: string | readonly string[],
  header: string | readonly string[] | null | undefined,
  rawBody: string | Uint8Array,
  now?: Date | number,
  toleranceSeconds: number = DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
): true {
  const keys = typeof secrets === 'string' ? [secrets] : secrets;
  if (keys.length === 0 || keys.some((s) => s.length === 0)) throw new RangeError('a webhook secret must not be empty');
  if (!Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) {
    throw new RangeError('toleranceSeconds must be 0 or more');
  }
  const { timestamp, macs } = parseHeader(header);
  const authentic = keys.some((secret) => {
    const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
    return macs.reduce((found, mac) => timingSafeEqual(mac, expected) || found, false);
  });
  if (!authentic) {
    throw new WebhookSignatureError(
      WebhookSignatureErrorCode.MISMATCH,
      'the webhook signature does not match the body: the body was altered, or sender and receiver hold different secrets',
    );
  }
  const nowSeconds =
    now === undefined
      ? Math.floor(Date.now() / 1000)
      : typeof now === 'number'
        ? now
        : Math.floor(now.getTime() / 1000);
  if (nowSeconds - timestamp > toleranceSeconds) {
    throw new WebhookSignatureError(
      WebhookSignatureErrorCode.TIMESTAMP_TOO_OLD,
      `the webhook was signed ${nowSeconds - timestamp} s ago, more than the ${toleranceSeconds} s tolerated: a replay, or a clock is wrong`,
    );
  }
  if (timestamp - nowSeconds > toleranceSeconds) {
    throw new WebhookSignatureError(
      WebhookSignatureErrorCode.TIMESTAMP_IN_FUTURE,
      `the webhook was signed ${timestamp - nowSeconds} s in the future, more than the ${toleranceSeconds} s tolerated: a clock is wrong`,
    );
  }
  return true;
}

function parseHeader(header: string | readonly string[] | null | undefined): { timestamp: number; macs: Buffer[] } {
  if (header === undefined || header === null || header.length === 0) {
    throw new WebhookSignatureError(
      WebhookSignatureErrorCode.MISSING,
      `the ${WEBHOOK_SIGNATURE_HEADER} header is missing: the call cannot be authenticated`,
    );
  }
  if (typeof header !== 'string') throw malformed(`the ${WEBHOOK_SIGNATURE_HEADER} header appears more than once`);
  let timestamp: number | undefined;
  const macs: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (eq < 0 || key === '' || value === '') throw malformed('each element must be key=value');
    if (key === 't') {
      if (timestamp !== undefined) throw malformed('t appears more than once');
      if (!UNIX_SECONDS.test(value)) throw malformed('t must be Unix seconds');
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!HEX_SHA256.test(value)) throw malformed('each v1 must be 64 hex digits');
      macs.push(Buffer.from(value, 'hex'));
    }
  }
  if (timestamp === undefined) throw malformed('t is missing');
  if (macs.length === 0) throw malformed('no v1 signature');
  return { timestamp, macs };
}

function malformed(what: string): WebhookSignatureError {
  return new WebhookSignatureError(
    WebhookSignatureErrorCode.MALFORMED,
    `the ${WEBHOOK_SIGNATURE_HEADER} header is malformed (${what}); expected t=<unix seconds>,v1=<hex HMAC-SHA256>`,
  );
}
