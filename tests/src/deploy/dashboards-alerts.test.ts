// The Grafana dashboard and the Prometheus alert rules shipped in deploy/: promtool accepts the
// rules and their unit tests pass, the dashboard matches the schema of what we rely on, and every
// metric a rule or a panel queries is exported by a real gateway or a real agent.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { personRequest, startTestFederation, waitFor, type TestFederation } from '@atc/tests';
import { metricNamesOf } from './promql-names.js';

const run = promisify(execFile);
const deployDir = fileURLToPath(new URL('../../../deploy', import.meta.url));
const rulesDir = join(deployDir, 'prometheus');
const grafanaDir = join(deployDir, 'grafana');

const ruleFiles = readdirSync(rulesDir).filter((f) => /\.ya?ml$/.test(f) && !/\.test\.ya?ml$/.test(f));
const ruleTestFiles = readdirSync(rulesDir).filter((f) => /\.test\.ya?ml$/.test(f));
const dashboardFiles = readdirSync(grafanaDir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));

interface Rule {
  readonly alert: string;
  readonly expr: string;
}
interface Target {
  readonly expr: string;
}
interface Panel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly gridPos: { readonly h: number; readonly w: number; readonly x: number; readonly y: number };
  readonly targets?: readonly Target[];
}
interface Dashboard {
  readonly panels: readonly Panel[];
  readonly templating: { readonly list: readonly { readonly query?: unknown }[] };
}

const rules = (): Rule[] =>
  ruleFiles.flatMap((f) =>
    (parse(readFileSync(join(rulesDir, f), 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules),
  );
const dashboard = (file: string): Dashboard => JSON.parse(readFileSync(join(grafanaDir, file), 'utf8')) as Dashboard;

/** promtool's path, or undefined when it is not on PATH nor in /usr/bin. */
function findPromtool(): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/bin'];
  return dirs.map((d) => join(d, 'promtool')).find((p) => existsSync(p));
}

/** Runs promtool in deploy/prometheus; rejects with its whole output when it fails or is missing. */
async function promtool(...args: string[]): Promise<string> {
  const bin = findPromtool();
  if (bin === undefined) {
    throw new Error(
      'promtool is missing: install Debian\'s "prometheus" package (apt-get install -y prometheus), ' +
        'which .ci/run does when promtool is absent',
    );
  }
  try {
    const { stdout, stderr } = await run(bin, args, { cwd: rulesDir });
    return `${stdout}${stderr}`;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`promtool ${args.join(' ')} failed:\n${err.stdout ?? ''}${err.stderr ?? ''}${err.message}`);
  }
}

/**
 * The series names a Prometheus text exposition declares: every `# TYPE` family (with a
 * histogram's or summary's _bucket, _sum and _count) and every sample's name.
 */
function exportedNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type !== null) {
      const [, name, kind] = type;
      out.add(name!);
      if (kind === 'histogram' || kind === 'summary') for (const s of ['_bucket', '_sum', '_count']) out.add(name! + s);
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
    if (sample !== null) out.add(sample[1]!);
  }
  return out;
}

describe('deploy/prometheus with promtool', () => {
  it.each(ruleFiles)('promtool check rules %s', async (file) => {
    expect(await promtool('check', 'rules', file)).toMatch(/SUCCESS: \d+ rules found/);
  });

  it.each(ruleTestFiles)('promtool test rules %s', { timeout: 60_000 }, async (file) => {
    expect(await promtool('test', 'rules', file)).toMatch(/SUCCESS/);
  });

  it('test every alert firing at least once', () => {
    const tested = new Set<string>();
    for (const f of ruleTestFiles) {
      const doc = parse(readFileSync(join(rulesDir, f), 'utf8')) as {
        tests: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[];
      };
      for (const t of doc.tests)
        for (const a of t.alert_rule_test ?? []) if (a.exp_alerts.length > 0) tested.add(a.alertname);
    }
    expect(
      rules()
        .map((r) => r.alert)
        .filter((a) => !tested.has(a)),
    ).toEqual([]);
  });
});

describe('deploy/grafana dashboards', () => {
  const schema = JSON.parse(readFileSync(join(grafanaDir, 'dashboard.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true }).compile(schema);

  it('ship the ATC Exchange dashboard', () => {
    expect(dashboardFiles).toContain('atc-exchange.json');
  });

  it.each(dashboardFiles)('%s matches the schema of what we rely on', (file) => {
    const ok = validate(dashboard(file));
    expect(validate.errors ?? [], `${file}: ${JSON.stringify(validate.errors, null, 2)}`).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each(dashboardFiles)('%s: panel ids are unique and panels do not overlap on the 24-column grid', (file) => {
    const panels = dashboard(file).panels;
    const ids = panels.map((p) => p.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const cells = new Map<string, string>();
    for (const p of panels) {
      const { x, y, w, h } = p.gridPos;
      expect(x + w, `${p.title} is wider than the grid`).toBeLessThanOrEqual(24);
      for (let r = y; r < y + h; r++)
        for (let c = x; c < x + w; c++) {
          const other = cells.get(`${r},${c}`);
          expect(other, `${p.title} overlaps ${other ?? ''}`).toBeUndefined();
          cells.set(`${r},${c}`, p.title);
        }
    }
  });

  it('the schema refuses what it should (a data panel without a datasource, a target without expr)', () => {
    const good = dashboard('atc-exchange.json');
    const panel = good.panels.find((p) => p.type !== 'row')!;
    const { datasource: _ds, ...noDatasource } = panel as Panel & { datasource: unknown };
    expect(validate({ ...good, panels: [noDatasource] })).toBe(false);
    const noExpr = { ...panel, targets: [{ refId: 'A', datasource: { type: 'prometheus', uid: '${DS_PROMETHEUS}' } }] };
    expect(validate({ ...good, panels: [noExpr] })).toBe(false);
    const fixedSource = { ...panel, datasource: { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' } };
    expect(validate({ ...good, panels: [fixedSource] })).toBe(false);
  });
});

describe('metric names in PromQL', () => {
  it('are read out of selectors, aggregations, binary operators and Grafana variables', () => {
    expect(
      metricNamesOf(
        'sum by (member) (rate(a_total{member=~"$member"}[$__rate_interval])) / on (member) group_left ' +
          '(max by (member) (b offset 15m) or c * 0) > 2 * 1024 unless histogram_quantile(0.99, d_bucket)',
      ).sort(),
    ).toEqual(['a_total', 'b', 'c', 'd_bucket']);
    expect(metricNamesOf('label_values(atc_gateway_inbox_pending, member)')).toEqual(['atc_gateway_inbox_pending']);
  });
});

describe('every metric a rule or a panel queries', () => {
  let fed: TestFederation;
  let exported: Set<string>;

  beforeAll(async () => {
    fed = await startTestFederation({ members: { KZ: {}, BY: {} } });
    // One message through, so that labelled series exist and the log has a checkpoint.
    const kz = fed.agent('KZ');
    const sent = await kz.api('POST', '/v1/messages', personRequest(['BY'], 1));
    expect(sent.status).toBe(202);
    const id = sent.body['messageId'] as string;
    await waitFor(async () => (await kz.api('GET', `/v1/messages/${id}`)).body['status'] === 'accepted', {
      timeoutMs: 30_000,
      message: 'the message accepted',
    });
    const scrape = async (url: string): Promise<string> => (await fetch(`${url}/metrics`)).text();
    const texts = [await scrape(fed.gateway.gateway.url), await scrape(kz.agent.url)];
    exported = new Set(texts.flatMap((t) => [...exportedNames(t)]));
  }, 120_000);

  afterAll(() => fed?.close());

  it('is exported by the gateway or an agent', () => {
    const queried = new Map<string, string>();
    for (const r of rules()) for (const n of metricNamesOf(r.expr)) queried.set(n, `alert ${r.alert}`);
    for (const file of dashboardFiles) {
      const d = dashboard(file);
      for (const p of d.panels)
        for (const t of p.targets ?? []) for (const n of metricNamesOf(t.expr)) queried.set(n, `${file}: ${p.title}`);
      for (const v of d.templating.list) {
        const q = typeof v.query === 'object' && v.query !== null ? (v.query as { query?: unknown }).query : v.query;
        if (typeof q === 'string' && q !== 'prometheus')
          for (const n of metricNamesOf(q)) queried.set(n, `${file}: a variable`);
      }
    }
    expect(queried.size).toBeGreaterThan(20);
    const missing = [...queried].filter(([name]) => !exported.has(name)).map(([name, where]) => `${name} (${where})`);
    expect(missing).toEqual([]);
  });

  it('have values after a message went through: by member, per witness, disk and process', async () => {
    const gw = await (await fetch(`${fed.gateway.gateway.url}/metrics`)).text();
    const agent = await (await fetch(`${fed.agent('KZ').agent.url}/metrics`)).text();
    expect(gw).toMatch(/^atc_gateway_accepted_total\{payload_type="atc\.v1\.PersonRecord",member="KZ"\} [1-9]/m);
    expect(gw).toMatch(/^atc_gateway_log_entries [1-9]/m);
    expect(gw).toMatch(/^atc_gateway_archive_bytes [1-9]/m);
    expect(gw).toMatch(/^atc_gateway_archive_disk_free_bytes\{folder="[^"]+"\} [1-9]/m);
    expect(gw).toMatch(/^atc_gateway_archive_wal_restarts_total 0$/m);
    // The checkpointer (every 500 ms) counts the log that message's commits wrote.
    await waitFor(
      async () =>
        /^atc_gateway_archive_wal_bytes [1-9]/m.test(await (await fetch(`${fed.gateway.gateway.url}/metrics`)).text()),
      { timeoutMs: 10_000, message: 'the archive WAL counted' },
    );
    expect(gw).toMatch(/^atc_gateway_witness_cosignature_wait_seconds\{witness="KZ"\} \d/m);
    expect(gw).toMatch(/^process_resident_memory_bytes [1-9]/m);
    expect(agent).toMatch(/^atc_agent_disk_free_bytes [1-9]/m);
    expect(agent).toMatch(/^process_cpu_seconds_total [0-9.e+-]+$/m);
  });
});
