import { describe, expect, it } from 'vitest';
import { AtcError, ErrorCode, RefusalCode, RefusalError } from '../index.js';
import { storageFailureOf } from './storage-failure.js';

/** An error as a driver throws it: a message and a string code. */
function driverError(code: string, message = 'failed'): Error {
  return Object.assign(new Error(message), { code });
}

describe('storageFailureOf', () => {
  it.each([
    ['SQLITE_FULL', ErrorCode.STORAGE_FULL],
    ['ENOSPC', ErrorCode.STORAGE_FULL],
    ['EDQUOT', ErrorCode.STORAGE_FULL],
    ['53100', ErrorCode.STORAGE_FULL],
    ['SQLITE_IOERR_WRITE', ErrorCode.STORAGE_UNAVAILABLE],
    ['SQLITE_BUSY', ErrorCode.STORAGE_UNAVAILABLE],
    ['SQLITE_READONLY', ErrorCode.STORAGE_UNAVAILABLE],
    ['EIO', ErrorCode.STORAGE_UNAVAILABLE],
    ['ECONNREFUSED', ErrorCode.STORAGE_UNAVAILABLE],
    ['ENOTFOUND', ErrorCode.STORAGE_UNAVAILABLE],
    ['08006', ErrorCode.STORAGE_UNAVAILABLE],
    ['57P01', ErrorCode.STORAGE_UNAVAILABLE],
    ['57014', ErrorCode.STORAGE_UNAVAILABLE],
    ['53300', ErrorCode.STORAGE_UNAVAILABLE],
    ['25006', ErrorCode.STORAGE_UNAVAILABLE],
    ['40001', ErrorCode.STORAGE_UNAVAILABLE],
  ])('classes %s as %s', (code, expected) => {
    expect(storageFailureOf(driverError(code))?.code).toBe(expected);
  });

  it('looks through causes, and knows node-postgres connection losses by their message', () => {
    const wrapped = new AtcError(ErrorCode.INTERNAL, 'commit failed', { cause: driverError('SQLITE_FULL') });
    expect(storageFailureOf(wrapped)).toEqual({ code: ErrorCode.STORAGE_FULL, detail: 'SQLITE_FULL: failed' });
    expect(storageFailureOf(new Error('Connection terminated unexpectedly'))?.code).toBe(ErrorCode.STORAGE_UNAVAILABLE);
    expect(storageFailureOf(new Error('Query read timeout'))?.code).toBe(ErrorCode.STORAGE_UNAVAILABLE);
  });

  it('does not blame storage for anything else', () => {
    for (const e of [
      new RefusalError(RefusalCode.SIGNATURE_INVALID, 'bad signature'),
      driverError('SQLITE_CONSTRAINT_UNIQUE'),
      driverError('23505'),
      driverError('42P01'),
      new TypeError('x is undefined'),
      'a string',
      undefined,
      null,
    ]) {
      expect(storageFailureOf(e)).toBeUndefined();
    }
  });
});
