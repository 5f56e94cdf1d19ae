import { AtcError, ErrorCode } from '../errors/atc-error.js';

/**
 * The witness protocol between node agents and the gateway: JSON request/reply on core NATS
 * subject `atc.v1.log.<MEMBER>`. A request asks for the latest checkpoint (with a consistency
 * proof from the size the witness last accepted), a consistency proof between two sizes, or
 * hands in a cosignature line, or asks the centre's clock (so that an agent notices its own
 * clock is off before it signs anything the centre would refuse). Checkpoints and proofs are self-verifying, so the transport
 * needs no trust beyond the member's credentials naming the subject.
 */

/** A witness's request on `atc.v1.log.<MEMBER>` (JSON). */
export type LogRequest =
  | { readonly op: 'checkpoint'; readonly from?: number }
  | { readonly op: 'consistency'; readonly first: number; readonly second: number }
  | { readonly op: 'cosign'; readonly size: number; readonly signature: string }
  | { readonly op: 'time' };

/** The gateway's answer (JSON); `error` when refused. */
export interface LogReply {
  readonly size?: number;
  readonly checkpoint?: string;
  readonly from?: number;
  readonly first?: number;
  readonly second?: number;
  /** Base64 hashes of an RFC 9162 consistency proof. */
  readonly consistency?: readonly string[];
  readonly cosigned?: boolean;
  /** The gateway's clock when it answered (Unix ms; `time` requests). */
  readonly time?: number;
  /** How far ahead of the gateway's clock a member's created_at may be (ms; `time` requests). */
  readonly clockSkewMs?: number;
  readonly error?: { readonly code: string; readonly detail: string };
}

const MAX_REQUEST_BYTES = 4096;

function size(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new AtcError(ErrorCode.LOG_REQUEST_INVALID, `${name} must be a tree size (an integer >= 0).`);
  }
  return value;
}

/**
 * Parses a log request strictly.
 *
 * @throws AtcError LOG_REQUEST_INVALID naming what is wrong.
 */
export function parseLogRequest(data: Uint8Array): LogRequest {
  if (data.length > MAX_REQUEST_BYTES) {
    throw new AtcError(ErrorCode.LOG_REQUEST_INVALID, `a log request is at most ${MAX_REQUEST_BYTES} bytes.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    throw new AtcError(ErrorCode.LOG_REQUEST_INVALID, 'a log request is a JSON object.');
  }
  if (typeof value !== 'object' || value === null) {
    throw new AtcError(ErrorCode.LOG_REQUEST_INVALID, 'a log request is a JSON object.');
  }
  const r = value as Record<string, unknown>;
  switch (r['op']) {
    case 'checkpoint':
      return r['from'] === undefined ? { op: 'checkpoint' } : { op: 'checkpoint', from: size(r['from'], 'from') };
    case 'consistency': {
      const first = size(r['first'], 'first');
      const second = size(r['second'], 'second');
      if (first > second) throw new AtcError(ErrorCode.LOG_REQUEST_INVALID, 'first must not exceed second.');
      return { op: 'consistency', first, second };
    }
    case 'cosign': {
      const signature = r['signature'];
      if (typeof signature !== 'string' || signature.length > 1024 || !signature.startsWith('\u2014 ')) {
        throw new AtcError(
          ErrorCode.LOG_REQUEST_INVALID,
          'signature must be one note signature line ("\u2014 name base64").',
        );
      }
      return { op: 'cosign', size: size(r['size'], 'size'), signature };
    }
    case 'time':
      return { op: 'time' };
    default:
      throw new AtcError(
        ErrorCode.LOG_REQUEST_INVALID,
        `op must be "checkpoint", "consistency", "cosign" or "time", not ${JSON.stringify(r['op'])}.`,
      );
  }
}

function replyInvalid(detail: string): never {
  throw new AtcError(
    ErrorCode.LOG_REPLY_INVALID,
    `the log service's reply ${detail}; it is not used. If this persists, the centre's gateway is not speaking the witness protocol: report it to the centre.`,
  );
}

const optional = (r: Record<string, unknown>, key: string, ok: (v: unknown) => boolean, what: string): void => {
  if (r[key] !== undefined && !ok(r[key])) replyInvalid(`has a "${key}" that is not ${what}`);
};
const isSize = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Parses the gateway's reply to a log request strictly, as a witness must: the centre is
 * what it watches. Fields are checked for their types only; checkpoints and proofs are
 * verified by the caller.
 *
 * @throws AtcError LOG_REPLY_INVALID naming what is wrong.
 */
export function parseLogReply(data: Uint8Array): LogReply {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    replyInvalid('is not UTF-8 JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) replyInvalid('is not a JSON object');
  const r = value as Record<string, unknown>;
  for (const key of ['size', 'from', 'first', 'second']) optional(r, key, isSize, 'a tree size');
  optional(r, 'checkpoint', (v) => typeof v === 'string', 'a string');
  optional(r, 'cosigned', (v) => typeof v === 'boolean', 'true or false');
  optional(r, 'consistency', (v) => Array.isArray(v) && v.every((h) => typeof h === 'string'), 'a list of strings');
  optional(
    r,
    'error',
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as Record<string, unknown>)['code'] === 'string' &&
      typeof (v as Record<string, unknown>)['detail'] === 'string',
    'an object with a code and a detail',
  );
  return r;
}
