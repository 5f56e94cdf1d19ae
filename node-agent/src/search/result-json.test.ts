import { describe, expect, it } from 'vitest';
import { atc, PayloadType, signEnvelope, StaticKeyResolver, type SignRequest } from '@atc/shared';
import { fixtureKey, fixtureRequest } from '@atc/shared/testing';
import { searchResultJson } from './result-json.js';

// What the agent serves of a search answer's quoted envelopes: only what the centre may quote
// to this member, checked again here (defence in depth against a faulty centre).

const kz = fixtureKey('KZ');
const resolver = new StaticKeyResolver([{ kid: kz.kid, owner: 'KZ', publicKey: kz.publicKey }]);
const { AMBER, AMBER_STRICT, RED } = {
  AMBER: atc.v1.TlpLevel.TLP_LEVEL_AMBER,
  AMBER_STRICT: atc.v1.TlpLevel.TLP_LEVEL_AMBER_STRICT,
  RED: atc.v1.TlpLevel.TLP_LEVEL_RED,
};

/** KZ's signed PersonRecord `n` (record KZ-P-TEST000n, version 1) with `header` changes. */
function quoted(n: number, header: Partial<SignRequest<typeof PayloadType.PersonRecord>['header']>) {
  const request = fixtureRequest(PayloadType.PersonRecord, n);
  return signEnvelope(kz, {
    ...request,
    header: { ...request.header, sender: 'KZ', recipients: ['RU'], inReplyTo: '', exercise: false, ...header },
    payload: { ...request.payload, recordId: `KZ-P-TEST000${n}`, version: 1 },
  }).bytes;
}

/** The centre's answer to RU quoting `envelopes` (each as an unrestricted hit on KZ-P-TEST000n). */
function answer(envelopes: readonly (readonly [number, Uint8Array])[]): Uint8Array {
  const request = fixtureRequest(PayloadType.DataBankResult, 1);
  return signEnvelope(fixtureKey('ATC'), {
    ...request,
    header: { ...request.header, sender: 'ATC', recipients: ['RU'], exercise: false },
    payload: {
      ...request.payload,
      hits: envelopes.map(([n, envelope]) => ({
        record: { originator: 'KZ', recordId: `KZ-P-TEST000${n}`, version: 1 },
        score: 900,
        envelope,
      })),
    },
  }).bytes;
}

describe("a search answer's quoted content at the agent", () => {
  it('serves a record the member may read, and leaves out one it may learn only exists, another namespace or type', async () => {
    const request = fixtureRequest(PayloadType.InformationRequest, 7);
    const notARecord = signEnvelope(kz, {
      ...request,
      header: { ...request.header, sender: 'KZ', recipients: ['RU'], exercise: false },
      payload: { ...request.payload, recordId: 'KZ-P-TEST0007', version: 1 },
    }).bytes;
    const json = await searchResultJson(
      'search-1',
      'result-1',
      answer([
        [1, quoted(1, { handling: { tlp: AMBER } })],
        [2, quoted(2, { handling: { tlp: AMBER_STRICT } })],
        [3, quoted(3, { handling: { tlp: AMBER_STRICT }, recipients: ['BY'] })],
        [4, quoted(4, { handling: { tlp: RED } })],
        [5, quoted(5, { handling: { tlp: AMBER, hitNoHitOnly: true } })],
        [6, quoted(6, { handling: { tlp: AMBER }, exercise: true })],
        [7, notARecord],
      ]),
      { resolver, maxBytes: 1024 * 1024, toJson: (v) => ({ recordId: (v.payload as { recordId: string }).recordId }) },
    );
    if (json.status !== 'done') throw new Error(`expected a done search, got ${json.status}`);
    const served = json.hits.map((h) => [h.recordId, h.content === null ? h.contentProblem?.detail : 'content']);
    expect(served.slice(0, 2)).toEqual([
      ['KZ-P-TEST0001', 'content'],
      ['KZ-P-TEST0002', 'content'],
    ]);
    expect(served[2]![1]).toMatch(/marked for a hit only/);
    expect(served[3]![1]).toMatch(/marked for a hit only/);
    expect(served[4]![1]).toMatch(/marked for a hit only/);
    expect(served[5]![1]).toMatch(/other namespace/);
    expect(served[6]![1]).toMatch(/not a person, organisation or incident record/);
    for (const hit of json.hits.slice(2)) expect(hit.contentProblem?.code).toBe('ERR_REFERENCE_MISMATCH');
  });
});
