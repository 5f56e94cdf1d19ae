// `atc-verify conformance <dir>` run as an integrator runs it, in a process of its own, on
// envelopes written to a folder: good ones pass, broken ones are reported rule by rule with
// their codes, and the exit status says whether all conform.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atc, encodeEnvelope, envelopeParts, signEnvelope, signTrustList } from '@atc/shared';
import { fixtureKey, fixtureRequest, fixtureTrustList } from '@atc/shared/testing';
import { runBin } from '@atc/tests';

const conformance = (args: readonly string[]) => runBin('verify', ['conformance', ...args]);

describe('atc-verify conformance', { timeout: 60_000 }, () => {
  const kz = fixtureKey('KZ');
  let dir = '';
  let good = '';
  let mixed = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atc-conformance-'));
    good = join(dir, 'good');
    mixed = join(dir, 'mixed');
    await mkdir(good);
    await mkdir(mixed);
    await writeFile(join(dir, 'kz.pub.jwk'), JSON.stringify(kz.publicJwk));
    await writeFile(join(dir, 'atc.pub.jwk'), JSON.stringify(fixtureKey('ATC').publicJwk));
    await writeFile(join(dir, 'trust.jws'), `${signTrustList(fixtureTrustList(), fixtureKey('ATC'))}\n`);
    for (const n of [1, 2]) {
      await writeFile(join(good, `m${n}.bin`), signEnvelope(kz, fixtureRequest('atc.v1.PersonRecord', n)).bytes);
    }
    const ok = signEnvelope(kz, fixtureRequest('atc.v1.PersonRecord', 3));
    const parts = envelopeParts(atc.v1.Envelope.decode(ok.bytes));
    await writeFile(join(mixed, 'a-good.bin'), ok.bytes);
    await writeFile(
      join(mixed, 'b-broken.bin'),
      encodeEnvelope({
        ...parts,
        payload: Buffer.from([0x0a, 0x02, 0x00, 0x00]),
        signature: `${parts.signature.split('..')[0]!}..${Buffer.alloc(64, 7).toString('base64url')}`,
      }),
    );
    const notice = fixtureRequest('atc.v1.Notice', 4);
    await writeFile(
      join(mixed, 'c-by.bin'),
      signEnvelope(fixtureKey('BY'), { ...notice, header: { ...notice.header, sender: 'BY', recipients: ['KZ'] } })
        .bytes,
    );
    await writeFile(join(mixed, 'd-json.bin'), Buffer.from('{"not":"protobuf"}'));
    await writeFile(join(mixed, 'notes.txt'), 'not an envelope file');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes envelopes that conform, exit status 0', async () => {
    const run = await conformance([good, '--key', `KZ=${join(dir, 'kz.pub.jwk')}`]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('ok    m1.bin (atc.v1.PersonRecord');
    expect(run.stdout).toContain('2 envelopes checked: 2 conform, 0 do not');
  });

  it('reports every rule each broken envelope breaks with its code and a sentence, exit status 1', async () => {
    const run = await conformance([mixed, '--key', `KZ=${join(dir, 'kz.pub.jwk')}`]);
    expect(run.code, run.stderr).toBe(1);
    const out = run.stdout;
    expect(out).toContain('ok    a-good.bin');
    expect(out).toMatch(
      /FAIL {2}b-broken\.bin[^\n]*\n {6}ERR_SIGNATURE_INVALID: [^\n]+\n {6}ERR_PAYLOAD_DIGEST_MISMATCH: [^\n]+\n {6}ERR_PAYLOAD_MALFORMED: /,
    );
    expect(out).toMatch(/FAIL {2}c-by\.bin[^\n]*\n {6}ERR_KEY_UNKNOWN: signing key \S+ is not registered/);
    expect(out).toMatch(/FAIL {2}d-json\.bin\n {6}ERR_ENVELOPE_MALFORMED: /);
    expect(out).not.toContain('notes.txt');
    expect(out).toContain('4 envelopes checked: 1 conform, 3 do not');
  });

  it('reads the member keys from the gateway-signed trust list, and gives JSON on request', async () => {
    const run = await conformance([
      mixed,
      '--trust-list',
      join(dir, 'trust.jws'),
      '--gateway-key',
      join(dir, 'atc.pub.jwk'),
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as {
      checked: number;
      failed: number;
      envelopes: { file: string; result: { broken: { code: string }[] } }[];
    };
    expect(report).toMatchObject({ checked: 4, failed: 2 });
    // BY's key is in the trust list, so its Notice conforms.
    expect(report.envelopes.find((e) => e.file === 'c-by.bin')!.result.broken).toEqual([]);
  });

  it('refuses a trust list not signed by the pinned gateway key', async () => {
    const run = await conformance([
      good,
      '--trust-list',
      join(dir, 'trust.jws'),
      '--gateway-key',
      join(dir, 'kz.pub.jwk'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ERR_TRUST_LIST_INVALID');
  });

  it('explains wrong usage with exit status 2', async () => {
    for (const args of [
      [good],
      ['--key', 'KZ=x'],
      [good, '--key', 'kz'],
      [join(dir, 'missing'), '--key', `KZ=${join(dir, 'kz.pub.jwk')}`],
    ]) {
      const run = await conformance(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/ERR_USAGE/);
    }
  });
});
