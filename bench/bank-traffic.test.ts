import { describe, expect, it } from 'vitest';
import { atc, decodePayload, envelopeParts, generateKeyPair, PayloadType } from '@atc/shared';
import { bankTraffic } from './bank-traffic.js';
import { BENCH_MEMBERS } from './person-envelopes.js';
import { searchVocabulary } from './search-seed.js';

const keys = new Map(BENCH_MEMBERS.map((m) => [m, generateKeyPair()]));

/** The family names of the PersonRecords among `rows`, per name (Cyrillic first). */
function familyNames(rows: ReturnType<typeof bankTraffic>['rows']): { script: string; family: string }[][] {
  return rows
    .filter((r) => r.payloadType === PayloadType.PersonRecord)
    .map((r) => {
      const { payload } = envelopeParts(atc.v1.Envelope.decode(r.envelope));
      const record = decodePayload(PayloadType.PersonRecord, payload);
      return (record.names ?? []).map((n) => ({ script: n.script ?? '', family: n.parts?.[0]?.value ?? '' }));
    });
}

describe('the databank phase traffic', () => {
  it('signs every record and withdrawal, with the namesake pool or the varied vocabulary', () => {
    const namesakes = bankTraffic(keys, 300, 0);
    const varied = bankTraffic(keys, 300, 0, 'varied');
    expect(namesakes.rows).toHaveLength(300);
    expect(varied.rows).toHaveLength(300);
    // The same mix of creations, versions and withdrawals: only the names differ.
    expect(varied.mix).toEqual(namesakes.mix);
    const pool = new Set(familyNames(namesakes.rows).flatMap((names) => names.map((n) => n.family)));
    expect(pool.size).toBeLessThanOrEqual(20);
    const family = new Set(searchVocabulary().family);
    const names = familyNames(varied.rows);
    for (const [cyrillic, latin] of names) {
      expect(cyrillic).toMatchObject({ script: 'Cyrl' });
      expect(family.has(cyrillic!.family)).toBe(true);
      expect(latin).toMatchObject({ script: 'Latn' });
      expect(latin!.family).toMatch(/^[A-Z]+$/);
    }
    expect(new Set(names.map(([c]) => c!.family)).size).toBeGreaterThan(100);
  });
});
