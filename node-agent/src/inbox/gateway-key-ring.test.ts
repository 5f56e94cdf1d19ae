import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { atc, createLogger, generateKeyPair, PayloadType, signEnvelope, toTimestamp, type KeyPair } from '@atc/shared';
import { GatewayKeyRing } from './gateway-key-ring.js';

const logger = createLogger({ name: 'gateway-key-ring-test', level: 'silent' });
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** A KeyEvent about a gateway key, as the archive holds it, base64 as the trust list carries it. */
function keyEvent(signer: KeyPair, subject: KeyPair, type: 'registered' | 'revoked', at = Date.now()): string {
  const signed = signEnvelope(signer, {
    header: {
      sender: 'ATC',
      recipients: [],
      broadcast: true,
      senderSequence: 1,
      createdAt: toTimestamp(at),
      handling: { tlp: atc.v1.TlpLevel.TLP_LEVEL_CLEAR },
      urgency: atc.v1.Urgency.URGENCY_NORMAL,
      purpose: 'key transparency',
    },
    payloadType: PayloadType.KeyEvent,
    payload: {
      type:
        type === 'registered'
          ? atc.v1.KeyEventType.KEY_EVENT_TYPE_REGISTERED
          : atc.v1.KeyEventType.KEY_EVENT_TYPE_REVOKED,
      memberId: 'ATC',
      kid: subject.kid,
      publicJwk: JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: subject.publicJwk.x }),
      validFrom: toTimestamp(at),
      ...(type === 'revoked' ? { revokedAt: toTimestamp(at + 60_000) } : {}),
    },
  });
  return Buffer.from(signed.bytes).toString('base64');
}

/** The entries of a rotation from `from` to `to`, signed by `from`, as the gateway logs them. */
const rotation = (from: KeyPair, to: KeyPair): string[] => [
  keyEvent(from, from, 'revoked'),
  keyEvent(from, to, 'registered'),
];

function ring(pinned: KeyPair, statePath?: string): { ring: GatewayKeyRing; refused: string[] } {
  const refused: string[] = [];
  return {
    ring: new GatewayKeyRing({
      pinned: pinned.publicJwk,
      gatewayId: 'ATC',
      ...(statePath === undefined ? {} : { statePath }),
      logger,
      onRefused: (reason) => refused.push(reason),
    }),
    refused,
  };
}

describe('GatewayKeyRing', () => {
  const [k0, k1, k2] = [generateKeyPair(), generateKeyPair(), generateKeyPair()];
  const history = [...rotation(k0, k1), ...rotation(k1, k2)];

  it('follows each rotation from the pinned key; superseded keys keep their grace end', async () => {
    const { ring: r, refused } = ring(k0);
    expect(await r.follow(history)).toBe(true);
    expect(r.head.kid).toBe(k2.kid);
    expect(r.publicKeys()).toHaveLength(3);
    expect(r.resolve(k0.kid)?.revokedAt).toBeGreaterThan(Date.now());
    expect(r.resolve(k2.kid)?.revokedAt).toBeUndefined();
    expect(refused).toEqual([]);
    // Seen again: nothing new.
    expect(await r.follow(history)).toBe(false);
  });

  it('skips the history before the pinned key (an agent installed after a rotation)', async () => {
    const { ring: r, refused } = ring(k1);
    await r.follow(history);
    expect(r.head.kid).toBe(k2.kid);
    expect(r.entry(k0.kid)).toBeUndefined();
    expect(refused).toEqual([]);
  });

  it('refuses an announcement not signed by the key in force, and keeps that key', async () => {
    const forger = generateKeyPair();
    const { ring: r, refused } = ring(k0);
    expect(await r.follow([keyEvent(forger, forger, 'registered')])).toBe(false);
    expect(r.head.kid).toBe(k0.kid);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain(forger.kid);
    // Re-pinned by hand to k2: an announcement signed by the superseded k1 is refused too.
    const repinned = ring(k2);
    await repinned.ring.follow([...history, keyEvent(k1, forger, 'registered')]);
    expect(repinned.ring.head.kid).toBe(k2.kid);
    expect(repinned.refused).toHaveLength(1);
  });

  it('keeps what it followed and verifies it again from the pinned key at start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atc-key-ring-'));
    dirs.push(dir);
    const path = join(dir, 'gateway-keys.json');
    await ring(k0, path).ring.follow(history);
    const again = ring(k0, path);
    await again.ring.load();
    expect(again.ring.head.kid).toBe(k2.kid);
    // The same file under another pinned key proves nothing: it is not followed.
    const other = ring(generateKeyPair(), path);
    await other.ring.load();
    expect(other.ring.publicKeys()).toHaveLength(1);
  });
});
