import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './parse-command-line.js';
import { UsageError } from './usage-error.js';

const options = {
  reason: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
const kid = '-rE3mYbQ1c2Xy8jvR9nA4wT6uK0pL5sD7fG2hJ3kM1o';
const spec = { names: ['<KID>'], dashed: /^[A-Za-z0-9_-]{43}$/ };

function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as UsageError).message;
  }
  throw new Error('expected a usage error');
}

describe('parseCommandLine', () => {
  it('takes a kid that starts with a dash as a positional, wherever it stands', () => {
    expect(parseCommandLine('keys revoke', [kid, '--reason', 'r'], options, spec)).toMatchObject({
      values: { reason: 'r' },
      positionals: [kid],
    });
    expect(parseCommandLine('keys revoke', ['--reason', 'r', kid], options, spec).positionals).toEqual([kid]);
    expect(parseCommandLine('keys revoke', ['--', kid], options, spec).positionals).toEqual([kid]);
    expect(usage(() => parseCommandLine('keys revoke', [kid], options, { names: ['<KID>'] }))).toContain(
      'Unknown option',
    );
  });

  it('keeps refusing options without their value, unknown options and wrong counts', () => {
    expect(usage(() => parseCommandLine('keys revoke', [kid, '--reason', '-x'], options, spec))).toContain('ambiguous');
    expect(parseCommandLine('keys revoke', [kid, '--reason=-x'], options, spec).values.reason).toBe('-x');
    expect(usage(() => parseCommandLine('keys revoke', [kid, '--colour', 'red'], options, spec))).toContain(
      "'--colour'",
    );
    expect(usage(() => parseCommandLine('keys revoke', ['--json'], options, spec))).toBe('keys revoke: missing <KID>');
    expect(usage(() => parseCommandLine('keys revoke', ['a', 'b'], options, spec))).toBe(
      'keys revoke: unexpected argument "b"',
    );
  });

  it('answers --help without checking the positionals', () => {
    expect(parseCommandLine('keys revoke', ['-h'], options, spec).values.help).toBe(true);
  });
});
