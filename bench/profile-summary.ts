/** The parts of a V8 `.cpuprofile` (node --cpu-prof) this summary reads. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
    };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A function (or a module) and the share of sampled time spent in it. */
export interface HotSpot {
  readonly name: string;
  /** Share of all samples, in percent. */
  readonly selfPercent: number;
  /** Share of samples with this entry anywhere on the stack, in percent (functions only). */
  readonly totalPercent: number;
}

/** The top functions by self time and by inclusive time, and self time per package/module. */
export interface ProfileSummary {
  readonly sampledMs: number;
  readonly idlePercent: number;
  readonly bySelf: readonly HotSpot[];
  readonly byModule: readonly HotSpot[];
}

/** Where a frame comes from, short: `pkg/file.ts` or `node:internal`. */
export function moduleOf(url: string): string {
  if (url === '') return '(native)';
  if (url.startsWith('node:')) return 'node:internal';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : rest[0]!;
  }
  const src = /\/(shared|gateway|node-agent|bench|tests)\/(?:src\/)?(.*)$/.exec(url);
  return src === null ? url.replace(/^file:\/\//, '') : `${src[1]}/${src[2]}`;
}

/**
 * Summarises a CPU profile: self time per function and per module, and inclusive time per
 * function, as percentages of all samples (idle and GC included, so they add up).
 */
export function summarizeCpuProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfCount = new Map<number, number>();
  for (const s of profile.samples) selfCount.set(s, (selfCount.get(s) ?? 0) + 1);
  const total = profile.samples.length;
  const label = (id: number): string => {
    const f = byId.get(id)!.callFrame;
    const fn = f.functionName === '' ? '(anonymous)' : f.functionName;
    // No line numbers: sources run through tsx are transpiled, so they would mislead.
    return f.url === '' ? fn : `${fn} (${moduleOf(f.url)})`;
  };
  const self = new Map<string, number>();
  const modules = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let idle = 0;
  for (const [id, count] of selfCount) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') idle += count;
    self.set(label(id), (self.get(label(id)) ?? 0) + count);
    const mod = node.callFrame.url === '' ? node.callFrame.functionName : moduleOf(node.callFrame.url);
    modules.set(mod, (modules.get(mod) ?? 0) + count);
    // Each distinct frame on the stack gets the sample once, even under recursion.
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) onStack.add(label(at));
    for (const name of onStack) inclusive.set(name, (inclusive.get(name) ?? 0) + count);
  }
  const pct = (n: number): number => (total === 0 ? 0 : (n * 100) / total);
  const rank = (m: Map<string, number>, withTotal: boolean): HotSpot[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => ({
        name,
        selfPercent: pct(n),
        totalPercent: withTotal ? pct(inclusive.get(name) ?? n) : pct(n),
      }));
  return {
    sampledMs: profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000,
    idlePercent: pct(idle),
    bySelf: rank(self, true),
    byModule: rank(modules, false),
  };
}
