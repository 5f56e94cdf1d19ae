import { atc } from '../proto/protobuf.js';
import { RefusalCode } from './refusal-codes.js';

type Key = keyof typeof RefusalCode;

/** The wire value (`atc.v1.ReasonCode`) of a refusal code. */
export function reasonCodeOf(code: RefusalCode): atc.v1.ReasonCode {
  const key = code.slice('ERR_'.length) as Key;
  return atc.v1.ReasonCode[`REASON_CODE_${key}`];
}

/** The refusal code of a wire value, or `undefined` for UNSPECIFIED and unknown values. */
export function refusalCodeOf(reason: number): RefusalCode | undefined {
  const name: string | undefined = atc.v1.ReasonCode[reason];
  if (name === undefined || !name.startsWith('REASON_CODE_')) return undefined;
  const key = name.slice('REASON_CODE_'.length);
  return Object.hasOwn(RefusalCode, key) ? RefusalCode[key as Key] : undefined;
}
