// The webhook signature scheme. This file depends on node:crypto only, so that a national
// system written in TypeScript can copy it as is to check the agent's calls.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The HTTP header that carries the signature: `Atc-Signature: t=<unix seconds>,v1=<hex>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'Atc-Signature';

/** How far (either way) a signature's timestamp may be from the receiver's clock by default. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/** Why a webhook signature was refused: stable codes to switch on. */
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

/**
 * A webhook call whose signature does not hold: the receiver must not act on the body.
 * Terminal for that request; answer it with 401.
 */
export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError';
  /** Stable code, e.g. `ERR_WEBHOOK_SIGNATURE_MISMATCH`. */
  readonly code: WebhookSignatureErrorCode;

  constructor(code: WebhookSignatureErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Options of {@link verifyWebhookSignature}. */
export interface VerifyWebhookSignatureOptions {
  /** Largest accepted distance between the signature's `t` and now; default 300 s. */
  readonly toleranceSeconds?: number;
  /** The receiver's clock in Unix seconds; default the system clock. */
  readonly nowSeconds?: number;
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
const UNIX_SECONDS = /^[0-9]{1,12}$/;

/**
 * The `Atc-Signature` header value for `body` signed at `nowSeconds`:
 * `t=<nowSeconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. Given several secrets (while
 * one replaces another), the header carries one `v1` per secret, so receivers holding
 * either the old or the new secret accept it.
 */
export function signWebhook(secret: string | readonly string[], body: string, nowSeconds: number): string {
  if (!Number.isSafeInteger(nowSeconds) || nowSeconds < 0) {
    throw new RangeError('nowSeconds must be a non-negative whole number of Unix seconds');
  }
  const macs = secretList(secret).map((s) => `v1=${hmacHex(s, nowSeconds, body)}`);
  return [`t=${nowSeconds}`, ...macs].join(',');
}

/**
 * Checks an `Atc-Signature` header against the raw request body, exactly as received
 * (before any JSON parsing). Several receiver secrets may be given while one replaces
 * another; the header may carry several `v1` values for the same reason, and one match is
 * enough. MACs are compared in constant time. Values of unknown schemes (`v2=...`) are
 * ignored, so that the sender can add a scheme before receivers know it.
 *
 * @returns `true` when the signature holds.
 * @throws WebhookSignatureError naming with its `code` what was wrong.
 */
export function verifyWebhookSignature(
  header: string | readonly string[] | undefined,
  body: string | Uint8Array,
  secret: string | readonly string[],
  options: VerifyWebhookSignatureOptions = {},
): true {
  const secrets = secretList(secret);
  const tolerance = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new RangeError('toleranceSeconds must be 0 or more');
  const { timestamp, macs } = parseSignatureHeader(header);

  // The MAC is checked before the clock, so that a timestamp error always concerns an
  // authentic call (a clock or replay problem) and never a forgery.
  const authentic = secrets.some((s) => {
    const expected = Buffer.from(hmacHex(s, timestamp, body), 'hex');
    // No early exit: every candidate is compared, each in constant time.
    return macs.reduce((found, mac) => timingSafeEqual(mac, expected) || found, false);
  });
  if (!authentic) {
    throw new WebhookSignatureError(
      WebhookSignatureErrorCode.MISMATCH,
      'the webhook signature does not match the body: the body was altered, or sender and receiver hold different secrets',
    );
  }

  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (now - timestamp > tolerance) {
    throw new WebhookSignatureError(
      WebhookSignatureErrorCode.TIMESTAMP_TOO_OLD,
      `the webhook was signed ${now - timestamp} s ago, more than the ${tolerance} s tolerated: a replay, or a clock is wrong`,
    );
  }
  if (timestamp - now > tolerance) {
    throw new WebhookSignatureError(
      WebhookSignatureErrorCode.TIMESTAMP_IN_FUTURE,
      `the webhook was signed ${timestamp - now} s in the future, more than the ${tolerance} s tolerated: a clock is wrong`,
    );
  }
  return true;
}

/** The timestamp and the `v1` MACs (32 bytes each) of a header, or a typed refusal. */
function parseSignatureHeader(header: string | readonly string[] | undefined): {
  timestamp: number;
  macs: Buffer[];
} {
  if (header === undefined || header.length === 0) {
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

function hmacHex(secret: string, timestamp: number, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

function secretList(secret: string | readonly string[]): readonly string[] {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0 || secrets.some((s) => s.length === 0)) {
    throw new RangeError('a webhook secret must not be empty');
  }
  return secrets;
}
