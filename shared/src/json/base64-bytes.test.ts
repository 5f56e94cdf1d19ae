import { describe, expect, it } from 'vitest';
import { formatBase64, parseBase64 } from './base64-bytes.js';

describe('base64 bytes', () => {
  it('reads standard and URL-safe text, padded or not', () => {
    const bytes = Uint8Array.of(0xfb, 0xff, 0xbf);
    for (const text of ['+/+/', '-_-_']) expect(parseBase64(text)).toEqual(bytes);
    expect(parseBase64('+w')).toEqual(Uint8Array.of(0xfb));
    expect(parseBase64('+w==')).toEqual(Uint8Array.of(0xfb));
    expect(parseBase64('')).toEqual(new Uint8Array());
  });

  it('refuses text Node would read leniently', () => {
    for (const text of ['+x==', '+w=', 'a b=', 'abc$', 'A', '+w===']) expect(parseBase64(text)).toBeUndefined();
  });

  it('writes standard padded base64', () => {
    expect(formatBase64(Uint8Array.of(0xfb, 0xff))).toBe('+/8=');
  });
});
