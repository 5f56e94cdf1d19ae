// Metric names out of PromQL, for the deploy tests: enough of the language for our rules and panels.

const PROMQL_KEYWORDS = new Set(['and', 'or', 'unless', 'offset', 'bool', 'inf', 'nan']);

/**
 * The metric names a PromQL expression selects: label matchers, strings, range and subquery
 * brackets, grouping clauses and function or aggregation names taken out, what remains that
 * looks like a name is a metric. `label_values(metric, label)` (a Grafana variable) names one too.
 */
export function metricNamesOf(expr: string): string[] {
  const labelValues = /^\s*label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*,/.exec(expr);
  if (labelValues !== null) return [labelValues[1]!];
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ');
  const names = new Set<string>();
  for (const m of bare.matchAll(/(?<![\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w:])(?!\s*\()/g)) {
    const name = m[1]!;
    if (!PROMQL_KEYWORDS.has(name.toLowerCase())) names.add(name);
  }
  return [...names];
}
