import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signCheckpoint, type Checkpoint } from '@atc/shared';
import { openGatewayCheckpoint } from './open-gateway-checkpoint.js';

const ORIGIN = 'atc-exchange/TEST';
const cp = (size: number): Checkpoint => ({ origin: ORIGIN, size, rootHash: Buffer.alloc(32, size), extensions: [] });

describe('openGatewayCheckpoint', () => {
  it('answers a note seen before as it did, and refuses it once the key that signed it is no longer trusted', () => {
    const a = generateKeyPairSync('ed25519');
    const b = generateKeyPairSync('ed25519');
    const note = signCheckpoint(cp(7), ORIGIN, a.privateKey);
    let trusted = [b.publicKey, a.publicKey];
    const keys = () => trusted;
    expect(openGatewayCheckpoint(note, keys).checkpoint.size).toBe(7);
    expect(openGatewayCheckpoint(note, keys).checkpoint.size).toBe(7);
    trusted = [b.publicKey];
    expect(() => openGatewayCheckpoint(note, keys)).toThrow(/signature/i);
    // Trusted again: verified again.
    trusted = [a.publicKey];
    expect(openGatewayCheckpoint(note, keys).checkpoint.size).toBe(7);
  });

  it('keeps no refusal: a note refused once is checked afresh, and one changed byte is refused', () => {
    const a = generateKeyPairSync('ed25519');
    const note = signCheckpoint(cp(9), ORIGIN, a.privateKey);
    const other = generateKeyPairSync('ed25519');
    expect(() => openGatewayCheckpoint(note, other.publicKey)).toThrow();
    expect(openGatewayCheckpoint(note, a.publicKey).checkpoint.size).toBe(9);
    const forged = note.replace('\n9\n', '\n8\n');
    expect(forged).not.toBe(note);
    expect(() => openGatewayCheckpoint(forged, a.publicKey)).toThrow();
  });
});
