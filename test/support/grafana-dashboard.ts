// The metric names the observability profile's Grafana dashboard queries
// (deploy/observability/grafana/dashboards/hub.json), read from its panels' PromQL.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const DASHBOARD_FILE = path.resolve(__dirname, '..', '..', '..', 'deploy/observability/grafana/dashboards/hub.json');

// PromQL's functions and keywords the dashboard's expressions use around the metric names.
const PROMQL_WORDS = new Set(['sum', 'by', 'rate', 'histogram_quantile', 'le', 'without', 'avg', 'max', 'min', 'increase']);

/** Every metric name in the dashboard's expressions (a label name inside {} or by () is not one). */
export function dashboardMetricNames(): string[] {
  const dashboard = JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as { panels: { targets: { expr: string }[] }[] };
  const names = new Set<string>();
  for (const panel of dashboard.panels)
    for (const { expr } of panel.targets) {
      const bare = expr
        .replace(/\{[^}]*\}/g, '')
        .replace(/\b(by|without)\s*\([^)]*\)/g, '')
        .replace(/\[[^\]]*\]/g, '');
      for (const [word] of bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) if (!PROMQL_WORDS.has(word)) names.add(word);
    }
  return [...names].sort();
}
