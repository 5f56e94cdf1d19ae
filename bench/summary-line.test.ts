import { describe, expect, it } from 'vitest';
import { formatSummaryLine } from './summary-line.js';

describe('formatSummaryLine', () => {
  it('prints the exact last-line format with a two-decimal ratio', () => {
    expect(formatSummaryLine({ gatewayRate: 8123.4, baselineRate: 12000.6, p99Ms: 18.26, rssMb: 201.7 })).toBe(
      'bench: gateway=8123 baseline=12001 ratio=0.68 p99_ms=18.3 rss_mb=202',
    );
  });

  it('matches the pattern CI parses', () => {
    const line = formatSummaryLine({ gatewayRate: 187, baselineRate: 1500, p99Ms: 3000, rssMb: 225 });
    expect(line).toMatch(/^bench: gateway=\d+ baseline=\d+ ratio=\d+\.\d{2} p99_ms=\d+(\.\d+)? rss_mb=\d+$/);
  });

  it('writes n/a for what was not measured, and no ratio without both rates', () => {
    expect(formatSummaryLine({ gatewayRate: 187, baselineRate: undefined, p99Ms: undefined, rssMb: Number.NaN })).toBe(
      'bench: gateway=187 baseline=n/a ratio=n/a p99_ms=n/a rss_mb=n/a',
    );
    expect(formatSummaryLine({ gatewayRate: 10, baselineRate: 0, p99Ms: 1, rssMb: 1 })).toContain('ratio=n/a');
  });
});
