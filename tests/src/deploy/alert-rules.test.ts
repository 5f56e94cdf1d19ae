// The Prometheus alert rules shipped in deploy/prometheus: well-formed rule groups that
// alert only on metrics the gateway or the agent declares and name only settings the gateway knows
// (dashboards-alerts.test.ts runs promtool and checks the names against running services).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeGatewaySettings, GatewayMetrics } from '@atc/gateway';
import { AgentMetrics } from '@atc/node-agent';

const dir = fileURLToPath(new URL('../../../deploy/prometheus', import.meta.url));
// promtool's unit tests (*.test.yml) sit beside the rules.
const ruleFiles = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && !/\.test\.ya?ml$/.test(f));

interface Rule {
  alert?: unknown;
  expr?: unknown;
  for?: unknown;
  labels?: { severity?: unknown };
  annotations?: { summary?: unknown; description?: unknown };
}

const rulesOf = (file: string): Rule[] =>
  (parse(readFileSync(join(dir, file), 'utf8')) as { groups: { name: string; rules: Rule[] }[] }).groups.flatMap(
    (g) => g.rules,
  );

describe('deploy/prometheus alert rules', () => {
  it('ship the overdue purge alert', () => {
    expect(ruleFiles.flatMap(rulesOf).map((r) => r.alert)).toContain('AtcDatabankPurgeOverdue');
  });

  it('ship the overdue information request alert', () => {
    expect(ruleFiles.flatMap(rulesOf).map((r) => r.alert)).toContain('AtcInformationRequestOverdue');
  });

  it.each(ruleFiles)(
    '%s: every rule names an alert, an expression on gateway or agent metrics, a duration, a severity and a summary',
    async (file) => {
      const metrics = new Set(
        [
          ...(await new GatewayMetrics().registry.getMetricsAsJSON()),
          ...(await new AgentMetrics().registry.getMetricsAsJSON()),
        ].map((m) => m.name),
      );
      const settings = describeGatewaySettings();
      for (const rule of rulesOf(file)) {
        expect(rule.alert).toMatch(/^Atc[A-Za-z]+$/);
        expect(typeof rule.expr).toBe('string');
        for (const [name] of (rule.expr as string).matchAll(/\batc_[a-z_]+/g))
          expect(metrics.has(name), name).toBe(true);
        expect(rule.for).toMatch(/^[0-9]+[smh]$/);
        expect(['warning', 'critical']).toContain(rule.labels?.severity);
        expect(typeof rule.annotations?.summary).toBe('string');
        for (const [name] of JSON.stringify(rule.annotations).matchAll(/\bATC_[A-Z_]+/g)) {
          expect(settings, name).toContain(name);
        }
      }
    },
  );
});
