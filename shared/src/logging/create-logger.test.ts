import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, generateKeyPair } from '../index.js';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes JSON lines with the service and component names', () => {
    const out = capture();
    const log = createLogger({ name: 'atc-test', destination: out.stream });
    log.child({ component: 'pipeline' }).info({ messageId: 'm1' }, 'message accepted');
    const [line] = out.lines();
    expect(line).toMatchObject({
      service: 'atc-test',
      component: 'pipeline',
      messageId: 'm1',
      msg: 'message accepted',
    });
  });

  it('never writes keys, tokens, passwords or authorization headers', () => {
    const out = capture();
    const log = createLogger({ name: 'atc-test', destination: out.stream });
    const key = generateKeyPair();
    log.info(
      { privateJwk: key.privateJwk, token: 'tok-123', config: { password: 'pw-456', apiKeys: ['ak-789'] } },
      'start',
    );
    log.info({ req: { headers: { authorization: 'Bearer br-000' } }, jwk: { d: key.privateJwk.d } }, 'request');
    const text = JSON.stringify(out.lines());
    for (const secret of [key.privateJwk.d, 'tok-123', 'pw-456', 'ak-789', 'br-000']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });
});
