import { protocolEnumNames } from '../json/enum-names.js';
import type { atc } from '../proto/protobuf.js';
import { RefusalCode } from './refusal-codes.js';

type Key = keyof typeof RefusalCode;

/** The wire names of the refusal codes: `ERR_SIGNATURE_INVALID` is `REASON_CODE_SIGNATURE_INVALID`. */
const reasonCodes = protocolEnumNames<atc.v1.ReasonCode>('atc.v1.ReasonCode');

/** The wire value (`atc.v1.ReasonCode`) of a refusal code. */
export function reasonCodeOf(code: RefusalCode): atc.v1.ReasonCode {
  const value = reasonCodes.valueOf(code.slice('ERR_'.length));
  // Every refusal code has its wire value: the tests map each one there and back.
  if (value === undefined) throw new Error(`the refusal code ${code} has no atc.v1.ReasonCode value`);
  return value;
}

/** The refusal code of a wire value, or `undefined` for UNSPECIFIED and unknown values. */
export function refusalCodeOf(reason: number): RefusalCode | undefined {
  const key = reasonCodes.shortNameOf(reason);
  return key !== undefined && !reasonCodes.isUnspecified(key) && Object.hasOwn(RefusalCode, key)
    ? RefusalCode[key as Key]
    : undefined;
}
