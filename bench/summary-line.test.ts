import { describe, expect, it } from 'vitest';
import { formatSummaryLine } from './summary-line.js';

describe('formatSummaryLine', () => {
  it('prints the exact last-line format with a two-decimal ratio', () => {
    expect(
      formatSummaryLine({
        gatewayRate: 8123.4,
        baselineRate: 12000.6,
        p99Ms: 18.26,
        rssMb: 201.7,
        databankRate: 9564.4,
        dossierP95Ms: 3.04,
        searchP95Ms: 12.34,
        recallAt10: 0.9666,
      }),
    ).toBe(
      'bench: gateway=8123 baseline=12001 ratio=0.68 p99_ms=18.3 rss_mb=202 databank_rps=9564 dossier_p95_ms=3.0 search_p95_ms=12.3 recall10=0.97',
    );
  });

  it('matches the pattern CI parses', () => {
    const line = formatSummaryLine({
      gatewayRate: 187,
      baselineRate: 1500,
      p99Ms: 3000,
      rssMb: 225,
      databankRate: 5200,
      dossierP95Ms: 12.5,
      searchP95Ms: 41,
      recallAt10: 1,
    });
    expect(line).toMatch(
      /^bench: gateway=\d+ baseline=\d+ ratio=\d+\.\d{2} p99_ms=\d+(\.\d+)? rss_mb=\d+ databank_rps=\d+ dossier_p95_ms=\d+(\.\d+)? search_p95_ms=\d+(\.\d+)? recall10=\d\.\d{2}$/,
    );
  });

  it('appends the member round trip p95 when it was measured, and nothing otherwise', () => {
    const figures = {
      gatewayRate: 187,
      baselineRate: 1500,
      p99Ms: 3000,
      rssMb: 225,
      databankRate: 5200,
      dossierP95Ms: 12.5,
      searchP95Ms: 41,
      recallAt10: 1,
    };
    expect(formatSummaryLine({ ...figures, memberRoundTripP95Ms: 87.46 })).toMatch(
      /search_p95_ms=41\.0 recall10=1\.00 member_rt_p95_ms=87\.5$/,
    );
    expect(formatSummaryLine({ ...figures, memberRoundTripP95Ms: undefined })).toMatch(/recall10=1\.00$/);
  });

  it('writes n/a for what was not measured, and no ratio without both rates', () => {
    const none = { databankRate: undefined, dossierP95Ms: undefined, searchP95Ms: undefined, recallAt10: undefined };
    expect(
      formatSummaryLine({ gatewayRate: 187, baselineRate: undefined, p99Ms: undefined, rssMb: Number.NaN, ...none }),
    ).toBe(
      'bench: gateway=187 baseline=n/a ratio=n/a p99_ms=n/a rss_mb=n/a databank_rps=n/a dossier_p95_ms=n/a search_p95_ms=n/a recall10=n/a',
    );
    expect(formatSummaryLine({ gatewayRate: 10, baselineRate: 0, p99Ms: 1, rssMb: 1, ...none })).toContain('ratio=n/a');
  });
});
